// Rendering a template's fields from an event's values, by WeChat's rules (fields.ts).
import { checkFieldValue, fieldTypeOf, formatFieldValue, keyPrefix, type FieldInput, type FieldType } from './fields';

export interface TemplateFieldDef {
  /** WeChat's key: type prefix + number (`thing1`). */
  key: string;
  /** What the manager calls it (`服务项目`). */
  label: string;
  /** Which value of the event fills it (`serviceName`). */
  source: string;
}

export interface RenderableTemplate {
  fields: readonly TemplateFieldDef[];
}

export type MessageData = Record<string, { value: string }>;
export type RenderResult = { ok: true; data: MessageData } | { ok: false; reason: string };

/**
 * Fill every field of `template` from `values` (by `source`), formatted and checked by its type's rule.
 * Either all fields are valid — `{ok, data}` in the shape `subscribeMessage.send` takes — or the reason
 * names every field that is not, in Chinese.
 */
export function renderTemplate(template: RenderableTemplate, values: Readonly<Record<string, FieldInput>>): RenderResult {
  const data: MessageData = {};
  const problems: string[] = [];
  for (const field of template.fields) {
    const type = fieldTypeOf(field.key);
    if (!type) {
      problems.push(`「${field.label}」（${field.key}）的类型 ${keyPrefix(field.key)} 不是微信支持的字段类型`);
      continue;
    }
    const own = Object.prototype.hasOwnProperty.call(values, field.source) ? values[field.source] : undefined;
    const out = formatFieldValue(type, own);
    if (out.ok) data[field.key] = { value: out.value };
    else problems.push(`「${field.label}」（${field.key}）${out.reason}`);
  }
  return problems.length === 0 ? { ok: true, data } : { ok: false, reason: problems.join('；') };
}

/** The typed fields of a template definition, or the reason it cannot be saved (unknown type, repeated key). */
export function typedFields<F extends TemplateFieldDef>(fields: readonly F[]): { ok: true; fields: Array<F & { type: FieldType }> } | { ok: false; reason: string } {
  const seen = new Set<string>();
  const out: Array<F & { type: FieldType }> = [];
  for (const f of fields) {
    const type = fieldTypeOf(f.key);
    if (!type) return { ok: false, reason: `字段 ${f.key} 的类型 ${keyPrefix(f.key)} 不是微信支持的字段类型（可用：thing、number、letter、symbol、character_string、time、date、amount、phone_number、car_number、name、phrase）` };
    if (seen.has(f.key)) return { ok: false, reason: `字段 ${f.key} 重复了` };
    seen.add(f.key);
    out.push({ ...f, type });
  }
  return { ok: true, fields: out };
}

/**
 * WeChat's own check of a message's data as received (what answers 47003): the first field whose
 * value breaks its type's rule, as WeChat names it (`data.thing1.value`), or null. Keys of a type
 * this list does not know (enum fields, old templates) are not checked.
 */
export function invalidDataField(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data';
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const type = fieldTypeOf(key);
    if (!type) continue;
    const raw = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
    if (typeof raw !== 'string' && typeof raw !== 'number') return `data.${key}.value`;
    if (checkFieldValue(type, String(raw)) !== null) return `data.${key}.value`;
  }
  return null;
}

/** An OPENID as staff other than admins see it: the first 4 characters and `***`. */
export function maskOpenid(openid: string): string {
  return `${Array.from(openid).slice(0, 4).join('')}***`;
}
