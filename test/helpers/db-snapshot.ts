// "Nothing changed" for the security tests: every committed write is counted (the store notifies each
// one, whatever the collection), and the whole store can be hashed for a byte-level comparison.
import { createHash } from 'node:crypto';
import { COLLECTIONS } from '../../core/collections';
import type { Database } from '../../emulator/db';

/** Collections the emulator keeps beside the product's (WeChat's side of subscriptions). */
const EMULATOR_COLLECTIONS = ['_emulator_wechat_subscriptions'];

export function collectionNames(): string[] {
  return [...Object.keys(COLLECTIONS), ...EMULATOR_COLLECTIONS].sort();
}

/**
 * The caller's own rate-limit counters (`rate_limits`): a refused call that passed validation still counts
 * as an attempt (so guessing ids is rate limited too). Object-level tests leave them out of "nothing
 * written"; the fuzz test does not (bad input is refused before any counter is taken).
 */
export const ATTEMPT_COUNTERS: readonly string[] = ['rate_limits'];

/** SHA-256 over every document of every collection (but `ignore`), in a stable order. */
export function snapshotHash(db: Database, ignore: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const name of collectionNames()) {
    if (ignore.includes(name)) continue;
    hash.update(`\u0000${name}\u0000`);
    const docs = db.find(name);
    docs.sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1));
    for (const doc of docs) hash.update(JSON.stringify(doc));
  }
  return hash.digest('hex');
}

/** Counts committed writes (with the collection and id of each) until `stop()`. */
export function watchWrites(db: Database, ignore: readonly string[] = []): { writes: Array<{ collection: string; id: string }>; reset(): void; stop(): void } {
  const writes: Array<{ collection: string; id: string }> = [];
  const stop = db.onChange((e) => {
    if (!ignore.includes(e.collection)) writes.push({ collection: e.collection, id: e.id });
  });
  return { writes, reset: () => void writes.splice(0), stop };
}
