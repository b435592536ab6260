// Value conversion between the wire (canonical EJSON, as wx-server-sdk sends it), SQLite (canonical
// EJSON text) and memory (plain JS: numbers, strings, booleans, null, Date, RegExp, arrays, objects).
import { BSONRegExp, EJSON } from 'bson';
import { invalidParam } from './errors';

export type Doc = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** BSON regex options that JavaScript understands (`x` and `l` have no JS equivalent). */
function jsFlags(options: string): string {
  return [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
}

function toRegExp(pattern: string, options: string): RegExp {
  try {
    return new RegExp(pattern, jsFlags(options));
  } catch (e) {
    throw invalidParam(`invalid regular expression /${pattern}/: ${(e as Error).message}`);
  }
}

/**
 * Walks a freshly parsed value: BSONRegExp → RegExp, `{$tcb_server_date:{offset}}` → Date(now + offset)
 * (db.serverDate() may appear anywhere: inserts, set, update operators, queries), and refuses
 * `__proto__` keys.
 */
function normalize(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, now));
  if (value instanceof BSONRegExp) return toRegExp(value.pattern, value.options);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date;
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === '__proto__') throw invalidParam('field name "__proto__" is not allowed');
    out[key] = normalize(value[key], now);
  }
  return out;
}

/** A request value: an EJSON string (what the SDK sends) or an already-parsed JSON value. */
export function decodeWire(input: unknown, now: number = Date.now()): unknown {
  let parsed: unknown;
  try {
    const text = typeof input === 'string' ? input : JSON.stringify(input);
    parsed = text === undefined ? undefined : EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw invalidParam(`malformed EJSON: ${(e as Error).message}`);
  }
  return normalize(parsed, now);
}

/** Canonical EJSON text (relaxed: false): what replies and SQLite carry. */
export function encode(value: unknown): string {
  return EJSON.stringify(value as Parameters<typeof EJSON.stringify>[0], { relaxed: false });
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = dropUndefined(v);
  return out;
}

/** A plain JS document as it will be after a store round trip (drops undefined fields as the SDK does). */
export function normalizeDoc(doc: object, now: number = Date.now()): Doc {
  const value = decodeWire(encode(dropUndefined(doc)), now);
  if (!isPlainObject(value)) throw invalidParam('a document must be an object');
  return value;
}

/** Deep copy of a stored value so callers can never mutate what the store holds. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneValue(value[key]);
  return out as T;
}
