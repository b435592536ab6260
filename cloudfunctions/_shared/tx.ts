// Transactions with document-level operations only (cloudbase-wire.md: where().update() inside a
// transaction runs outside it). The emulator and CloudBase detect at commit that a document read or
// written inside the transaction changed meanwhile; db.runTransaction retries that itself.
import type { CollectionName } from '../../core/collections';
import { AppError } from '../../core/envelope';
import { db } from './cloud';

interface TxCollection {
  doc(id: string): { get(): Promise<{ data: unknown }>; update(options: { data: object }): Promise<unknown>; remove(): Promise<unknown> };
  add(options: { data: object }): Promise<unknown>;
}
export interface Tx {
  collection(name: CollectionName): TxCollection;
}

/** `doc(id).get()` inside a transaction, null when missing (the SDK throws "does not exist"). */
export async function txGet<T>(t: Tx, collection: CollectionName, id: string): Promise<T | null> {
  try {
    const res = await t.collection(collection).doc(id).get();
    return (res.data as T | null) ?? null;
  } catch (err) {
    if (/does not exist/.test(errorText(err))) return null;
    throw err;
  }
}

/**
 * Reads and bumps the lock document `settings/<id>` ({seq, changedAt, changedBy}) inside a transaction.
 * Writes that must not interleave (role changes; keyword-rule writes and entry removals) each touch the
 * same lock first, so any two of them conflict at commit and one runs again.
 */
export async function touchLock(t: Tx, id: string, by: string, at: Date): Promise<void> {
  const lock = await txGet<{ seq?: number }>(t, 'settings', id);
  const stamp = { seq: (lock?.seq ?? 0) + 1, changedAt: at, changedBy: by };
  if (lock) await t.collection('settings').doc(id).update({ data: stamp });
  else await t.collection('settings').add({ data: { _id: id, ...stamp } });
}

function errorText(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    return [e.code, e.errCode, e.message, e.errMsg].filter((v) => v !== undefined).join(' ');
  }
  return String(err);
}

/** A commit conflict the SDK gave up on, or an insert that lost a race to create the same document. */
export function isContention(err: unknown): boolean {
  if (err instanceof AppError) return false;
  return /TRANSACTION_CONFLICT|E11000|duplicate key/i.test(errorText(err));
}

const ATTEMPTS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `db.runTransaction(run)` (which itself retries a commit conflict 3 times), retried a few more times with a
 * short random back-off when contention is heavy; then UNAVAILABLE with `busyMessage`.
 */
export async function transact<T>(run: (t: Tx) => Promise<T>, busyMessage = '当前使用的人较多，请稍后重试'): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction((t: Tx) => run(t))) as T;
    } catch (err) {
      if (!isContention(err)) throw err;
      if (attempt >= ATTEMPTS) throw new AppError('UNAVAILABLE', busyMessage);
      await sleep(5 + Math.random() * 20 * attempt);
    }
  }
}
