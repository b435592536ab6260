// Chooses candidate documents for a query: an equality or $in condition on an indexed field
// (top level, inside $and, or on every branch of an $or) narrows the candidates to an index lookup;
// anything else scans the collection. The full query then runs on every candidate.
import type { MemCollection } from './collection';
import { isPlainObject, type Doc } from './ejson';
import { indexKey } from './indexes';

export interface Candidates {
  /** The index (or `a|b` for an $or) the candidates came from; null for a full scan. */
  index: string | null;
  docs: Doc[];
}

interface Choice {
  label: string;
  ids: ReadonlySet<string>;
}

/** Index keys an equality-like condition can be looked up by, or null. */
function equalityKeys(cond: unknown): string[] | null {
  const direct = indexKey(cond);
  if (direct !== undefined) return [direct];
  if (!isPlainObject(cond)) return null;
  const ops = Object.keys(cond);
  if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) return null;
  if ('$eq' in cond) {
    const key = indexKey(cond.$eq);
    if (key !== undefined) return [key];
  }
  if ('$in' in cond && Array.isArray(cond.$in)) {
    const keys = cond.$in.map(indexKey);
    if (keys.every((k): k is string => k !== undefined)) return keys;
  }
  return null;
}

function union(sets: ReadonlySet<string>[]): ReadonlySet<string> {
  if (sets.length === 1) return sets[0]!;
  const out = new Set<string>();
  for (const s of sets) for (const id of s) out.add(id);
  return out;
}

/** The smallest index choice for a condition object (its clauses are ANDed), or null. */
function choose(coll: MemCollection, query: Record<string, unknown>): Choice | null {
  let best: Choice | null = null;
  const consider = (c: Choice | null): void => {
    if (c && (!best || c.ids.size < best.ids.size)) best = c;
  };
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) consider(choose(coll, sub));
    } else if (field === '$or' && Array.isArray(cond) && cond.length > 0) {
      const branches = cond.map((sub) => (isPlainObject(sub) ? choose(coll, sub) : null));
      if (branches.every((b): b is Choice => b !== null)) {
        consider({ label: branches.map((b) => b.label).join('|'), ids: union(branches.map((b) => b.ids)) });
      }
    } else if (!field.startsWith('$')) {
      const index = coll.indexes.get(field);
      const keys = index ? equalityKeys(cond) : null;
      if (index && keys) consider({ label: field, ids: union(keys.map((k) => index.lookup(k))) });
    }
  }
  return best;
}

export function candidates(coll: MemCollection | undefined, query: Record<string, unknown>): Candidates {
  if (!coll) return { index: null, docs: [] };
  const choice = choose(coll, query);
  if (!choice) return { index: null, docs: [...coll.docs.values()] };
  return { index: choice.label, docs: coll.inOrder(choice.ids) };
}
