// Entries that ask the same thing. A FAQ that has grown over time holds near-duplicates
// ("提前还款后可以再借吗" and "提前还清了还能再借吗"): the bot then answers with one of them when staff meant the
// other, and the hot list and the helpful votes are split between them. This finds such pairs with
// the matcher itself, so a pair is listed exactly when the bot could confuse the two, for staff to
// merge one into the other (it becomes a similar question) or to dismiss.
import { rank, type FaqEntryInput, type FaqIndex } from './index';

export interface DuplicatePair {
  /** The pair's entry ids, `a` the one listed first in the FAQ. */
  a: string;
  b: string;
  /** The mean of the two entries' matcher scores against each other (0 – 1). */
  score: number;
}

export interface DuplicateOptions {
  /** Least pair score listed. */
  minScore?: number;
  /** Most pairs returned, best first. */
  limit?: number;
  /** Pair keys (`pairKey`) staff dismissed as not duplicates. */
  dismissed?: ReadonlySet<string>;
}

export const DUPLICATE_DEFAULTS = { minScore: 0.45, limit: 50 } as const;

/** Order-free key of a pair, as stored when staff dismiss it. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Pairs of entries whose questions the matcher finds alike in both directions: each entry's question
 * is asked against the index (which holds `entries`), and a pair scores the mean of the two ways, so a
 * short question inside a long one does not count as a duplicate by itself. Costs one query per entry.
 */
export function findDuplicates(index: FaqIndex, entries: readonly FaqEntryInput[], options: DuplicateOptions = {}): DuplicatePair[] {
  const minScore = options.minScore ?? DUPLICATE_DEFAULTS.minScore;
  const limit = options.limit ?? DUPLICATE_DEFAULTS.limit;
  const order = new Map(entries.map((e, i) => [e.id, i]));
  const oneWay = new Map<string, number>(); // "from\tto" → score
  for (const e of entries) {
    for (const r of rank(index, e.question, 6)) if (r.id !== e.id) oneWay.set(`${e.id}\t${r.id}`, r.score);
  }
  const pairs = new Map<string, DuplicatePair>();
  for (const [k, s] of oneWay) {
    const [from, to] = k.split('\t') as [string, string];
    const key = pairKey(from, to);
    if (pairs.has(key) || options.dismissed?.has(key)) continue;
    const score = (s + (oneWay.get(`${to}\t${from}`) ?? 0)) / 2;
    if (score < minScore) continue;
    const [a, b] = (order.get(from) ?? 0) <= (order.get(to) ?? 0) ? [from, to] : [to, from];
    pairs.set(key, { a, b, score });
  }
  return [...pairs.values()].sort((x, y) => y.score - x.score || (order.get(x.a) ?? 0) - (order.get(y.a) ?? 0)).slice(0, limit);
}
