// Bad payloads for every action, generated from the action's own zod schema (zod 4: `schema.def`).
// Each variant breaks one thing on a valid base where one can be built (so validation of that one
// field is what is tested), and is meant to be invalid by construction; `isInvalid` is the oracle the
// fuzz test uses to tell a generator mistake from a validation the server is missing.
import type { z } from 'zod';
import { seededRandom } from '../../core/qa';
import { eventProblem } from '../../core/validation';

/** Deterministic PRNG (core/qa.ts's mulberry32), so a failing run is reproduced from its seed. */
export const prng = (seed: number): (() => number) => seededRandom(String(seed));

export interface Variant {
  /** What was broken, for the failure message: `text: over max`. */
  label: string;
  /** The request body exactly as sent (JSON text: some values, e.g. 1e999, have no JS literal). */
  body: string;
}

type Def = { type: string; [key: string]: unknown };
const defOf = (s: unknown): Def => (s as { def: Def }).def;

/** Peels optional / default / nullable / readonly / catch: what a present value must be. */
function core(s: z.ZodType): { schema: z.ZodType; optional: boolean; nullable: boolean } {
  let schema = s;
  let optional = false;
  let nullable = false;
  for (;;) {
    const d = defOf(schema);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') optional = true;
    else if (d.type === 'nullable') nullable = true;
    else if (d.type !== 'readonly' && d.type !== 'catch') return { schema, optional, nullable };
    schema = d.innerType as z.ZodType;
  }
}

/** The schema whose shape describes the input (through pipes, e.g. `.transform().pipe()`). */
function shapeHolder(s: z.ZodType): z.ZodType {
  const d = defOf(s);
  if (d.type === 'pipe') return shapeHolder(d.in as z.ZodType);
  return core(s).schema === s ? s : shapeHolder(core(s).schema);
}

function checks(s: z.ZodType): Array<Record<string, unknown>> {
  return ((defOf(s).checks as Array<{ _zod: { def: Record<string, unknown> } }> | undefined) ?? []).map((c) => c._zod.def);
}

/** A bound of a string/array length (`min_length`, `max_length`) or a number (`greater_than`, `less_than`). */
function bound(s: z.ZodType, kind: 'min_length' | 'max_length' | 'greater_than' | 'less_than'): number | undefined {
  const key = kind === 'min_length' ? 'minimum' : kind === 'max_length' ? 'maximum' : 'value';
  for (const c of checks(shapeHolder(s))) if (c.check === kind) return Number(c[key]);
  return undefined;
}

/** Candidate values tried, in order, when a valid value of a leaf type is needed. */
const STRING_CANDIDATES = [
  'fuzz-1',
  'abc',
  '2026-11-30',
  '09:00',
  '2026-12-02T10:00:00+08:00',
  '13812345678',
  'cloud://kefu-local/chat/fuzz/0123456789abcdef0123456789abcdef.png',
  'thing1',
  'ABCD-EFGH-JKLM-NPQR',
  'conversations',
  'appointment_confirmed',
];
const NUMBER_CANDIDATES = [1, 5, 0, 10, 20, 60, 0.5, 100, 3600];

/** A valid value for `s`, or undefined when none of the candidates fits (then mutations use no base). */
export function sample(s: z.ZodType, depth = 0): unknown {
  const { schema, optional } = core(s);
  if (depth > 6) return undefined;
  const d = defOf(schema);
  const fits = (v: unknown) => schema.safeParse(v).success;
  switch (d.type) {
    case 'string':
      return STRING_CANDIDATES.find(fits) ?? (optional ? undefined : STRING_CANDIDATES.find((c) => fits(c.slice(0, 3))));
    case 'number':
      return NUMBER_CANDIDATES.find(fits);
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(d.entries as Record<string, string>)[0];
    case 'literal':
      return (d.values as unknown[])[0];
    case 'array': {
      const min = bound(schema, 'min_length') ?? 0;
      const el = sample(d.element as z.ZodType, depth + 1);
      const arr = Array.from({ length: min }, (_, i) => (typeof el === 'string' ? `${el}${i}`.slice(0, 20) : el));
      return fits(arr) ? arr : undefined;
    }
    case 'record':
      return {};
    case 'object':
      return sampleObject(schema, depth);
    case 'union':
      for (const o of d.options as z.ZodType[]) {
        const v = sample(o, depth + 1);
        if (v !== undefined && fits(v)) return v;
      }
      return undefined;
    case 'pipe':
      return sample(d.in as z.ZodType, depth + 1);
    default:
      return undefined;
  }
}

function sampleObject(s: z.ZodType, depth: number): Record<string, unknown> | undefined {
  const shape = (defOf(shapeHolder(s)).shape ?? {}) as Record<string, z.ZodType>;
  const required: Record<string, unknown> = {};
  const all: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const v = sample(field, depth + 1);
    if (v !== undefined) all[key] = v;
    if (!core(field).optional && v !== undefined) required[key] = v;
  }
  if (s.safeParse(required).success) return required;
  if (s.safeParse(all).success) return all;
  // Refinements such as "exactly one of": each optional field alone.
  for (const key of Object.keys(shape)) {
    if (!core(shape[key]!).optional || all[key] === undefined) continue;
    const one = { ...required, [key]: all[key] };
    if (s.safeParse(one).success) return one;
  }
  return undefined;
}

/** Values of the wrong kind, Mongo operators, prototype keys: what an attacker puts into any field. */
function confusers(): unknown[] {
  return [
    123,
    -1,
    true,
    null,
    {},
    [],
    'str',
    ['a', 'b'],
    { $gt: '' },
    { $ne: null },
    { $where: 'sleep(1000) || true' },
    { $regex: '.*' },
    { $in: ['a'] },
    JSON.parse('{"__proto__":{"role":"admin","polluted":true}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  ];
}

const nested = (levels: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Raw JSON texts for numbers that have no finite JS literal. */
const RAW = { inf: '__RAW_INF__', negInf: '__RAW_NEG_INF__', huge: '__RAW_HUGE__' };

/** Invalid values for one field, by its type. */
function badValues(field: z.ZodType, rand: () => number): Array<{ label: string; value: unknown }> {
  const { nullable } = core(field);
  const schema = shapeHolder(core(field).schema);
  const d = defOf(schema);
  const out: Array<{ label: string; value: unknown }> = [];
  const kind = d.type;
  const same = (v: unknown) =>
    kind === 'string' || kind === 'enum' ? typeof v === 'string' : kind === 'number' ? typeof v === 'number' : kind === 'boolean' ? typeof v === 'boolean' : kind === 'array' ? Array.isArray(v) : kind === 'object' || kind === 'record' ? typeof v === 'object' && v !== null && !Array.isArray(v) : false;
  for (const v of confusers()) {
    if ((v === null && nullable) || same(v)) continue;
    out.push({ label: `wrong type ${JSON.stringify(v)}`, value: v });
  }
  // Past the functions' limit (16) but within the gateway's (64): the function itself must refuse it.
  out.push({ label: 'nested 40 levels', value: nested(40) });
  if (kind === 'string') {
    const max = bound(schema, 'max_length');
    if (max !== undefined) out.push({ label: `over max ${max}`, value: 'x'.repeat(max + 1 + Math.floor(rand() * 5)) });
    // Optional free text without a minimum may be empty by design.
    if ((bound(schema, 'min_length') ?? 0) > 0 || !core(field).optional) out.push({ label: 'empty', value: '' }, { label: 'whitespace', value: ' \t\n ' });
    out.push({ label: 'NUL byte', value: 'ab\u0000cd' }, { label: 'lone high surrogate', value: 'a\ud800' }, { label: 'lone low surrogate', value: '\udfffz' });
    out.push({ label: 'number as string field', value: 42 });
  }
  if (kind === 'number') {
    const min = bound(schema, 'greater_than');
    const max = bound(schema, 'less_than');
    if (min !== undefined) out.push({ label: `below min ${min}`, value: min - 1 - Math.floor(rand() * 10) });
    if (max !== undefined) out.push({ label: `above max ${max}`, value: max + 1 + Math.floor(rand() * 10) });
    if (min !== undefined && min > 0) out.push({ label: '-0 below min', value: -0 });
    if (checks(schema).some((c) => c.check === 'number_format')) out.push({ label: 'not an integer', value: 1.5 });
    out.push({ label: 'Infinity', value: RAW.inf }, { label: '-Infinity', value: RAW.negInf }, { label: 'numeric string', value: '5' });
    if (max !== undefined) out.push({ label: 'huge', value: RAW.huge });
  }
  if (kind === 'boolean') out.push({ label: 'string "true"', value: 'true' }, { label: 'number 1', value: 1 });
  if (kind === 'enum') out.push({ label: 'not in enum', value: `zz-${Math.floor(rand() * 1e6)}` }, { label: 'enum upper-cased', value: String(Object.values(d.entries as Record<string, string>)[0]).toUpperCase() + 'X' });
  if (kind === 'array') {
    const max = bound(schema, 'max_length');
    const el = sample(d.element as z.ZodType);
    if (max !== undefined && el !== undefined) out.push({ label: `array over max ${max}`, value: Array.from({ length: max + 1 }, (_, i) => (typeof el === 'string' ? `${el}${i}` : el)) });
    out.push({ label: 'object for array', value: { 0: 'a' } }, { label: 'array of operators', value: [{ $gt: '' }] }, { label: 'array of NUL strings', value: ['\u0000'] });
  }
  if (kind === 'object') out.push({ label: 'array for object', value: [{}] }, { label: 'string for object', value: '{}' });
  return out;
}

/** Fields of an object schema, with paths, down to nested objects (two levels). */
function fields(s: z.ZodType, prefix: string[] = [], depth = 0): Array<{ path: string[]; schema: z.ZodType }> {
  const holder = shapeHolder(s);
  if (defOf(holder).type !== 'object') return [];
  const out: Array<{ path: string[]; schema: z.ZodType }> = [];
  for (const [key, field] of Object.entries((defOf(holder).shape ?? {}) as Record<string, z.ZodType>)) {
    out.push({ path: [...prefix, key], schema: field });
    if (depth < 1 && defOf(core(field).schema).type === 'object') out.push(...fields(core(field).schema, [...prefix, key], depth + 1));
  }
  return out;
}

function setPath(base: Record<string, unknown>, path: string[], value: unknown, remove = false): Record<string, unknown> {
  const copy = structuredClone(base);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete at[last];
  else Object.defineProperty(at, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function toBody(event: unknown): string {
  return JSON.stringify(event)
    .replaceAll(`"${RAW.inf}"`, '1e999')
    .replaceAll(`"${RAW.negInf}"`, '-1e999')
    .replaceAll(`"${RAW.huge}"`, '1e308');
}

/** The input as the function sees it (the gateway's JSON.parse of the body, without `action`). */
export function inputOf(body: string): unknown {
  const parsed = JSON.parse(body) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return parsed;
  const { action: _action, ...rest } = parsed as Record<string, unknown>;
  return rest;
}

/** The oracle: the handler refuses it (event-wide check) or the action's schema does. */
export function isInvalid(schema: z.ZodType, body: string): boolean {
  const input = inputOf(body);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return true;
  return eventProblem(input) !== null || !schema.safeParse(input).success;
}

/** Every bad variant of one action's input. */
export function actionVariants(action: string, schema: z.ZodType, rand: () => number): Variant[] {
  const base = (sample(schema) as Record<string, unknown> | undefined) ?? {};
  const out: Variant[] = [];
  const push = (label: string, event: Record<string, unknown>) => out.push({ label, body: toBody({ action, ...event }) });
  for (const { path, schema: field } of fields(schema)) {
    const name = path.join('.');
    if (!core(field).optional) push(`${name}: missing`, setPath(base, path, undefined, true));
    for (const bad of badValues(field, rand)) push(`${name}: ${bad.label}`, setPath(base, path, bad.value));
  }
  // Whatever the schema: strings no client sends, and nesting no schema needs, in an extra field.
  push('extra field with NUL', { ...base, zz: '\u0000' });
  push('extra field with lone surrogate', { ...base, zz: '\ud83d' });
  push('extra field nested 40 levels', { ...base, zz: nested(40) });
  push('extra field nested 200 levels (the gateway refuses)', { ...base, zz: nested(200) });
  push('key with NUL', { ...base, ['a\u0000b']: 1 });
  push('__proto__ nested with NUL', { ...base, ...JSON.parse('{"__proto__":{"x":"\\u0000"}}') });
  return out;
}

/** Events that are wrong before any action is chosen: not objects, unknown or absurd action names. */
export function eventVariants(rand: () => number): Variant[] {
  const events: Array<[string, unknown]> = [
    ['array event', []],
    ['string event', 'hello'],
    ['number event', 42],
    ['null event', null],
    ['boolean event', true],
    ['no action', { id: 'x' }],
    ['empty action', { action: '' }],
    ['numeric action', { action: 7 }],
    ['operator action', { action: { $ne: null } }],
    ['array action', { action: ['start'] }],
    ['unknown action', { action: `nope${Math.floor(rand() * 1e6)}` }],
    ['action __proto__', { action: '__proto__' }],
    ['action constructor', { action: 'constructor' }],
    ['action toString', { action: 'toString' }],
    ['action hasOwnProperty', { action: 'hasOwnProperty' }],
    ['action 65 chars', { action: 'a'.repeat(65) }],
    ['action 10k chars', { action: 'x'.repeat(10_000) }],
    ['action with NUL', { action: 'start\u0000' }],
  ];
  return events.map(([label, event]) => ({ label, body: toBody(event) }));
}
