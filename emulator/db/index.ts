// The emulator's CloudBase database: wire-protocol handler for wx-server-sdk plus direct typed access.
import { COLLECTIONS } from '../../core/collections';
import { handleAction } from './actions';
import { cloneValue, normalizeDoc } from './ejson';
import { Engine, type QueryStats } from './engine';
import { compileQuery } from './query';
import { Store, type ChangeEvent } from './store';
import { Transactions } from './transactions';
import { parseUpdate } from './update';
import { View } from './view';

export { DbError } from './errors';
export type { ChangeEvent } from './store';
export type { QueryStats } from './engine';

export interface DatabaseOptions {
  /** Path to the SQLite file, or ':memory:'. */
  file: string;
  /** Indexed fields per collection (`_id` is always indexed). Default: core/collections.ts. */
  indexes?: Record<string, readonly string[]>;
  /** How long an open transaction lives before it is discarded (default 30 s). */
  transactionTtlMs?: number;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface Explain {
  /** The index the candidates came from (`a|b` for an $or), or null for a full scan. */
  index: string | null;
  /** Documents the query was evaluated on. */
  examined: number;
  matched: number;
}

export interface Database {
  /**
   * Handle one request body the SDK POSTs (body.action = 'database.getDocument' etc). Returns the JSON
   * reply object: success shape, or {code, message} on error (CloudBase's error shape, HTTP 200). Never throws.
   */
  handle(body: Record<string, unknown>): unknown;
  /** Direct typed access for the emulator itself (seeding, SSE, tests): plain JS objects, Dates as Date. Throws DbError. */
  insert(collection: string, docs: object[]): string[];
  /**
   * Update one document as `doc(id).update({data: patch})` does: plain fields are set (nested objects
   * merge, as dotted paths), update operators ($inc, $push…) apply. False when there is no such document.
   */
  update(collection: string, id: string, patch: object): boolean;
  find(collection: string, query?: object, opts?: FindOptions): Record<string, unknown>[];
  get(collection: string, id: string): Record<string, unknown> | undefined;
  count(collection: string, query?: object): number;
  /** No documents at all (used to decide seeding). */
  isEmpty(): boolean;
  /** How a query would run: which index, how many documents examined. */
  explain(collection: string, query?: object): Explain;
  /** Cumulative query counters since open. */
  stats(): Readonly<QueryStats>;
  /** Subscribe to committed writes: called after each committed change (doc undefined when removed). */
  onChange(listener: (e: ChangeEvent) => void): () => void;
  close(): void;
}

const defaultIndexes = (): Record<string, readonly string[]> =>
  Object.fromEntries(Object.entries(COLLECTIONS).map(([name, spec]) => [name, spec.indexes]));

export function openDatabase(opts: DatabaseOptions): Database {
  const store = new Store(opts.file, opts.indexes ?? defaultIndexes());
  const engine = new Engine(store, new Transactions(store, opts.transactionTtlMs));
  const read = (): View => new View(store, false);

  return {
    handle: (body) => handleAction(engine, body),
    insert: (collection, docs) => {
      const normalized = docs.map((doc) => normalizeDoc(doc));
      return engine.run(undefined, (view) => engine.insert(view, collection, normalized));
    },
    update: (collection, id, patch) => {
      const spec = parseUpdate(normalizeDoc(patch), true);
      return engine.run(undefined, (view) => {
        const found = view.get(collection, id) !== undefined;
        if (found) engine.update(view, collection, { _id: id }, spec, { multi: false, upsert: false });
        return found;
      });
    },
    find: (collection, query = {}, options = {}) => cloneValue(engine.find(read(), collection, query, options)),
    get: (collection, id) => cloneValue(store.get(collection, id)),
    count: (collection, query = {}) => engine.count(read(), collection, query),
    isEmpty: () => store.totalDocs() === 0,
    explain: (collection, query = {}) => {
      const result = read().find(collection, compileQuery(query));
      return { index: result.index, examined: result.examined, matched: result.docs.length };
    },
    stats: () => ({ ...engine.stats }),
    onChange: (listener) => store.onChange(listener),
    close: () => store.close(),
  };
}
