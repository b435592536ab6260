// WeChat subscribe-message field rules (订阅消息参数值内容限制), one per field type. The type of a
// data field is the prefix of its key: `thing1` is a thing, `character_string3` a character_string.
//
//   thing             20 characters or fewer; any text                       → shortened with …
//   number            32 digits or fewer; may have a decimal point
//   letter            32 letters or fewer; letters only
//   symbol            5 symbols or fewer; symbols only
//   character_string  32 or fewer digits, letters or symbols
//   time              24-hour time, optionally after a date: 15:01, 2019年10月1日 15:01; a range joins two with ~
//   date              a date, optionally with a 24-hour time: 2019年10月1日, 2019年10月1日 15:01; ranges with ~
//   amount            one currency symbol (optional here) + 10 digits or fewer, may have decimals, may end with 元
//   phone_number      17 or fewer digits and symbols: +86-0766-66888866
//   car_number        8 or fewer; first and last may be Chinese, the rest letters or digits: 粤A8Z888挂
//   name              10 Chinese characters or fewer, or 20 letters/symbols or fewer; mixed counts as Chinese
//   phrase            5 Chinese characters or fewer, Chinese only
//
// WeChat answers 47003 for a value that breaks its rule, and for an empty value. Only `thing` may be
// shortened (it is free text); every other type is refused with a reason, never altered in meaning.
import { FIELD_TYPES } from '../schemas/templates.schema';
import { chineseDate, chineseDateTime } from './time';

export type FieldType = (typeof FIELD_TYPES)[number];
export { FIELD_TYPES };

export { FIELD_TYPE_LABELS } from './labels';

/** What each type accepts, in the words a manager reads. */
export const FIELD_TYPE_RULES: Record<FieldType, string> = {
  thing: '20 个字以内，超出部分以“…”省略',
  number: '32 位以内数字，可带小数',
  letter: '32 位以内字母',
  symbol: '5 位以内符号',
  character_string: '32 位以内数字、字母或符号',
  time: '24 小时制时间，如 15:01 或 2019年10月1日 15:01',
  date: '年月日格式，如 2019年10月1日 或 2019年10月1日 15:01',
  amount: '币种符号加 10 位以内数字，可带小数，如 ¥12.50',
  phone_number: '17 位以内数字或 +、-、( )，如 +86-0766-66888866',
  car_number: '8 位以内，首尾可为汉字，其余为字母或数字，如 粤A8Z888挂',
  name: '10 个以内汉字或 20 个以内字母',
  phrase: '5 个以内汉字',
};

export const THING_MAX = 20;

/** `thing1` → `thing`; `character_string12` → `character_string`; null for a key of no known type. */
export function fieldTypeOf(key: string): FieldType | null {
  const m = /^([a-z_]+?)\d+$/.exec(key);
  if (!m) return null;
  return (FIELD_TYPES as readonly string[]).includes(m[1]!) ? (m[1] as FieldType) : null;
}

/** The prefix of a key whatever it is (for messages about unknown types). */
export function keyPrefix(key: string): string {
  return key.replace(/\d+$/, '');
}

const HAN = /^\p{Script=Han}$/u;
const LETTER = /^[A-Za-z]$/;
const DIGIT = /^[0-9]$/;
/** Printable ASCII punctuation and symbols, and their full-width and CJK forms. */
const SYMBOL = /^[!-/:-@[-`{-~\p{P}\p{S}]$/u;

const chars = (s: string): string[] => Array.from(s);

/** Length as WeChat counts it: characters (code points), not UTF-16 units or bytes. */
export function charLength(s: string): number {
  return chars(s).length;
}

// 24-hour time with optional seconds; a Chinese date with its year (as WeChat's examples write it).
const TIME = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const CN_DATE = '\\d{4}年(?:0?[1-9]|1[0-2])月(?:0?[1-9]|[12]\\d|3[01])日';
const TIME_POINT = new RegExp(`^(?:${CN_DATE}\\s*)?${TIME}$`);
const DATE_POINT = new RegExp(`^${CN_DATE}(?:\\s*${TIME})?$`);

function eachPoint(value: string, point: RegExp): boolean {
  const parts = value.split('~');
  if (parts.length > 2) return false;
  return parts.every((p) => point.test(p.trim()));
}

/**
 * Whether `value` satisfies WeChat's rule for `type`, exactly as it would be sent (no shortening,
 * no formatting). Null when valid, else the reason in Chinese (without the field's name).
 */
export function checkFieldValue(type: FieldType, value: string): string | null {
  if (value.trim() === '') return '不能为空';
  const cs = chars(value);
  switch (type) {
    case 'thing':
      return cs.length <= THING_MAX ? null : `不能超过 ${THING_MAX} 个字（现为 ${cs.length} 个）`;
    case 'number': {
      if (!/^\d+(\.\d+)?$/.test(value)) return '只能是数字，可带小数点';
      const digits = value.replace('.', '').length;
      return digits <= 32 ? null : `不能超过 32 位数字（现为 ${digits} 位）`;
    }
    case 'letter':
      if (!cs.every((c) => LETTER.test(c))) return '只能是英文字母';
      return cs.length <= 32 ? null : `不能超过 32 个字母（现为 ${cs.length} 个）`;
    case 'symbol':
      if (!cs.every((c) => SYMBOL.test(c))) return '只能是符号';
      return cs.length <= 5 ? null : `不能超过 5 个符号（现为 ${cs.length} 个）`;
    case 'character_string':
      if (!cs.every((c) => LETTER.test(c) || DIGIT.test(c) || /^[!-/:-@[-`{-~]$/.test(c))) return '只能是数字、字母或英文符号，不能有汉字或空格';
      return cs.length <= 32 ? null : `不能超过 32 个字符（现为 ${cs.length} 个）`;
    case 'time':
      return eachPoint(value, TIME_POINT) ? null : '应为 24 小时制时间，如 15:01 或 2019年10月1日 15:01';
    case 'date':
      return eachPoint(value, DATE_POINT) ? null : '应为年月日格式，如 2019年10月1日 或 2019年10月1日 15:01';
    case 'amount': {
      const m = /^(?:[¥￥$€£]|CNY|RMB|USD)?(\d+(?:\.\d+)?)元?$/.exec(value);
      if (!m) return '应为金额，如 ¥12.50 或 12.50元';
      const digits = m[1]!.replace('.', '').length;
      return digits <= 10 ? null : `金额不能超过 10 位数字（现为 ${digits} 位）`;
    }
    case 'phone_number':
      if (!/^\+?[0-9()-]+$/.test(value) || !/\d/.test(value)) return '只能是数字和 +、-、( ) 符号';
      return cs.length <= 17 ? null : `不能超过 17 位（现为 ${cs.length} 位）`;
    case 'car_number': {
      if (cs.length > 8) return `车牌不能超过 8 位（现为 ${cs.length} 位）`;
      const okChars = cs.every((c, i) => LETTER.test(c) || DIGIT.test(c) || (HAN.test(c) && (i === 0 || i === cs.length - 1)));
      return okChars ? null : '车牌首尾可为汉字，其余只能是字母或数字';
    }
    case 'name': {
      const hasHan = cs.some((c) => HAN.test(c));
      if (hasHan) {
        // Chinese, or Chinese mixed with letters (counted as a Chinese name); · joins ethnic names.
        if (!cs.every((c) => HAN.test(c) || LETTER.test(c) || c === '·')) return '只能是汉字或字母，不能有数字或其他符号';
        return cs.length <= 10 ? null : `中文姓名不能超过 10 个字（现为 ${cs.length} 个），不能截断`;
      }
      if (!cs.some((c) => LETTER.test(c)) || !cs.every((c) => LETTER.test(c) || c === ' ' || c === '.' || c === '-' || c === "'")) return '只能是汉字或字母，不能有数字或其他符号';
      return cs.length <= 20 ? null : `英文姓名不能超过 20 个字母（现为 ${cs.length} 个），不能截断`;
    }
    case 'phrase':
      if (!cs.every((c) => HAN.test(c))) return '只能是汉字，不能有数字、字母、空格或标点';
      return cs.length <= 5 ? null : `不能超过 5 个汉字（现为 ${cs.length} 个），不能截断`;
  }
}

export type FieldInput = string | number | Date | null | undefined;
export type FieldResult = { ok: true; value: string } | { ok: false; reason: string };

/** An ISO 8601 instant (`2026-11-27T09:00:00+08:00`, `…Z`) as a Date, else null. */
function isoInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A plain decimal (no exponent) for a finite number, else null. */
function plainNumber(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const s = String(n);
  return /e/i.test(s) ? null : s;
}

/**
 * Turn a value into the text WeChat's rule for `type` accepts, or say why it cannot be.
 * Formatting that keeps the meaning is done here: Dates and ISO instants become `2019年10月1日 15:01`
 * (time) or `2019年10月1日` (date) in UTC+8; numbers become text; a phone number loses its spaces; a
 * thing is trimmed, its whitespace collapsed, and shortened to 20 characters with “…” — the only type
 * WeChat allows to be cut. An empty thing reads 「无」 (WeChat refuses empty values); every other
 * empty value is refused.
 */
export function formatFieldValue(type: FieldType, raw: FieldInput): FieldResult {
  let value: string;
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: '不是有效的时间' };
    value = type === 'date' ? chineseDate(raw) : type === 'time' || type === 'thing' ? chineseDateTime(raw) : '';
    if (value === '') return { ok: false, reason: '不能填入时间' };
  } else if (typeof raw === 'number') {
    const n = plainNumber(raw);
    if (n === null) return { ok: false, reason: '不是有效的数字' };
    value = n;
  } else {
    value = (raw ?? '').trim();
  }

  if ((type === 'time' || type === 'date') && typeof raw === 'string') {
    const d = isoInstant(value);
    if (d) value = type === 'date' ? chineseDate(d) : chineseDateTime(d);
  }
  if (type === 'phone_number') value = value.replace(/\s+/g, '');
  if (type === 'thing') {
    value = value.replace(/\s+/g, ' ');
    if (value === '') value = '无';
    const cs = chars(value);
    if (cs.length > THING_MAX) value = `${cs.slice(0, THING_MAX - 1).join('').trimEnd()}…`;
  }
  const reason = checkFieldValue(type, value);
  return reason === null ? { ok: true, value } : { ok: false, reason };
}
