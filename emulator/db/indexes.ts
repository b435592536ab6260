// In-memory equality indexes: field path → index key → ids of the documents holding that value.
// An index only narrows the candidates; the full query still runs on each candidate, so an index
// must return a superset of the matches (Mongo semantics: a value inside an array matches too).
import { isPlainObject, type Doc } from './ejson';

/**
 * Key of a value an equality lookup can use, or undefined when the value is not indexable
 * (null, objects, arrays, regexps: those lookups fall back to a scan).
 */
export function indexKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return Number.isNaN(value) ? undefined : `n${value === 0 ? 0 : value}`;
    case 'boolean':
      return value ? 'bt' : 'bf';
    default:
      if (value instanceof Date && !Number.isNaN(value.getTime())) return `d${value.getTime()}`;
      return undefined;
  }
}

/** Every value a dotted path reaches, traversing arrays on the way as Mongo does. */
export function pathValues(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (value: unknown, i: number): void => {
    if (i === parts.length) {
      out.push(value);
      if (Array.isArray(value)) out.push(...value);
      return;
    }
    const part = parts[i]!;
    if (Array.isArray(value)) {
      if (/^\d+$/.test(part)) walk(value[Number(part)], i + 1);
      for (const el of value) if (isPlainObject(el)) walk(el, i);
      return;
    }
    if (isPlainObject(value) && part in value) walk(value[part], i + 1);
  };
  walk(doc, 0);
  return out;
}

function docKeys(doc: Doc, field: string): Set<string> {
  const keys = new Set<string>();
  for (const v of pathValues(doc, field)) {
    const k = indexKey(v);
    if (k !== undefined) keys.add(k);
  }
  return keys;
}

export class FieldIndex {
  private readonly buckets = new Map<string, Set<string>>();

  constructor(readonly field: string) {}

  add(id: string, doc: Doc): void {
    for (const key of docKeys(doc, this.field)) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new Set()));
      bucket.add(id);
    }
  }

  remove(id: string, doc: Doc): void {
    for (const key of docKeys(doc, this.field)) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      bucket.delete(id);
      if (bucket.size === 0) this.buckets.delete(key);
    }
  }

  lookup(key: string): ReadonlySet<string> {
    return this.buckets.get(key) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
