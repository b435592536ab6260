// Typed results of wx-server-sdk calls. The SDK's typings return unions with `void`
// (callback style); these helpers narrow them once, here, instead of at every call.
import { randomBytes } from 'node:crypto';

/**
 * A new document id: 128 random bits, 32 hex digits. For documents a customer or an agent names by id
 * (conversations, messages, left messages, quick replies): CloudBase's own `add()` ids are not
 * documented as random, so ids that guard something are made here.
 */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** Documents of `query.get()`. */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  return ((await query.get()) as { data: T[] }).data;
}

/** The first document of a query, or null. */
export async function first<T>(query: { limit(n: number): { get(): unknown } }): Promise<T | null> {
  return (await rows<T>(query.limit(1)))[0] ?? null;
}

/** `query.count()`. */
export async function total(query: { count(): unknown }): Promise<number> {
  return ((await query.count()) as { total: number }).total;
}

/** How many documents an update changed: 1 or 0 is how a conditional claim is checked. */
export async function updated(result: unknown): Promise<number> {
  return ((await result) as { stats: { updated: number } }).stats.updated;
}

/** Result list of `aggregate()...end()`. */
export async function aggregated<T>(pipeline: { end(): unknown }): Promise<T[]> {
  return ((await pipeline.end()) as { list: T[] }).list;
}

/** The error of an insert whose `_id` exists already (the insert was used as a lock and lost). */
export function isDuplicateKey(err: unknown): boolean {
  const e = (err ?? {}) as { message?: unknown; errMsg?: unknown };
  return /E11000|duplicate key/i.test(`${String(e.message ?? '')} ${String(e.errMsg ?? '')} ${typeof err === 'string' ? err : ''}`);
}

/** How many documents `where(...).remove()` removed. */
export async function removed(result: unknown): Promise<number> {
  return ((await result) as { stats: { removed: number } }).stats.removed;
}
