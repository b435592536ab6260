// The database operations, on a View: outside a transaction each call commits its own writes as one
// batch; inside a transaction the writes are staged in the transaction's view. Every operation
// validates and computes all its writes before staging any, so a failing request changes nothing.
import { randomBytes } from 'node:crypto';
import { cloneValue, isPlainObject, type Doc } from './ejson';
import { DbError, invalidParam } from './errors';
import { compileQuery, shape, type Condition, type Matcher, type ShapeOptions } from './query';
import { checkPipeline, runPipeline, type Stage } from './aggregate';
import type { Store } from './store';
import type { Transactions } from './transactions';
import { applyUpdate, assertStorable, upsertSeed, type UpdateSpec } from './update';
import { View } from './view';

export const newId = (): string => randomBytes(16).toString('hex');

const COLLECTION_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) throw invalidParam(`invalid collection name ${JSON.stringify(name)}`);
}

export interface QueryStats {
  /** Documents a query was evaluated on, since the database was opened. */
  examined: number;
  /** Queries answered from an index / by a full scan. */
  indexed: number;
  scanned: number;
}

export interface UpdateResult {
  updated: number;
  upsertId?: string;
}

export class Engine {
  readonly stats: QueryStats = { examined: 0, indexed: 0, scanned: 0 };

  constructor(
    readonly store: Store,
    readonly transactions: Transactions,
  ) {}

  /** Runs `fn` in the transaction's view, or in a fresh view whose writes are committed afterwards. */
  run<T>(transactionId: string | null | undefined, fn: (view: View) => T): T {
    if (transactionId) return fn(this.transactions.view(transactionId));
    const view = new View(this.store, false);
    const result = fn(view);
    this.store.commit(view.writes());
    return result;
  }

  insert(view: View, collection: string, docs: unknown[]): string[] {
    assertCollectionName(collection);
    const ready: Array<[string, Doc]> = [];
    const ids = new Set<string>();
    for (const doc of docs) {
      if (!isPlainObject(doc)) throw invalidParam('each inserted document must be an object');
      assertStorable(doc);
      const id = doc._id === undefined ? newId() : doc._id;
      if (typeof id !== 'string' || id === '') throw invalidParam('_id must be a non-empty string');
      if (ids.has(id) || view.get(collection, id) !== undefined) {
        throw new DbError(
          'DATABASE_REQUEST_FAILED',
          `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
        );
      }
      ids.add(id);
      ready.push([id, { _id: id, ...doc }]);
    }
    for (const [id, doc] of ready) view.put(collection, id, doc);
    return [...ids];
  }

  /** Matching documents in insertion order (the stored objects: do not mutate); at most `max`. */
  match(view: View, collection: string, matcher: Matcher, max = Infinity): Doc[] {
    const result = view.find(collection, matcher, max);
    this.stats.examined += result.examined;
    if (result.index) this.stats.indexed++;
    else this.stats.scanned++;
    return result.docs;
  }

  find(view: View, collection: string, condition: unknown, opts: ShapeOptions = {}): Doc[] {
    // Without a sort, the first skip + limit matches in insertion order are the answer.
    const max = !opts.sort && opts.limit !== undefined ? (opts.skip ?? 0) + opts.limit : Infinity;
    return shape(this.match(view, collection, compileQuery(condition), max), opts);
  }

  count(view: View, collection: string, condition: unknown): number {
    return this.match(view, collection, compileQuery(condition)).length;
  }

  update(
    view: View,
    collection: string,
    condition: unknown,
    spec: UpdateSpec,
    opts: { multi: boolean; upsert: boolean },
  ): UpdateResult {
    assertCollectionName(collection);
    const matcher = compileQuery(condition);
    const matched = this.match(view, collection, matcher, opts.multi ? Infinity : 1);
    if (matched.length === 0 && opts.upsert) {
      const doc = this.upserted(matcher.condition, spec);
      view.put(collection, doc._id as string, doc);
      return { updated: 0, upsertId: doc._id as string };
    }
    const changes: Doc[] = [];
    for (const doc of matched) {
      const result = applyUpdate(doc, spec, matcher.condition);
      if (result.modified) changes.push(result.doc);
    }
    for (const doc of changes) view.put(collection, doc._id as string, doc);
    return { updated: changes.length };
  }

  private upserted(condition: Condition, spec: UpdateSpec): Doc {
    const seed = upsertSeed(condition);
    if (seed._id !== undefined && (typeof seed._id !== 'string' || seed._id === '')) throw invalidParam('_id must be a non-empty string');
    const id = typeof seed._id === 'string' ? seed._id : newId();
    return applyUpdate(spec.kind === 'replace' ? { _id: id } : { _id: id, ...seed }, spec, condition).doc;
  }

  /** Updates the first match and returns it as it is after the update (modifyAndReturnDoc). */
  updateAndReturn(view: View, collection: string, condition: unknown, spec: UpdateSpec): { updated: number; doc: Doc | null } {
    assertCollectionName(collection);
    const matcher = compileQuery(condition);
    const [first] = this.match(view, collection, matcher, 1);
    if (!first) return { updated: 0, doc: null };
    const result = applyUpdate(first, spec, matcher.condition);
    if (result.modified) view.put(collection, first._id as string, result.doc);
    return { updated: result.modified ? 1 : 0, doc: result.doc };
  }

  remove(view: View, collection: string, condition: unknown, multi: boolean): number {
    const removed = this.match(view, collection, compileQuery(condition), multi ? Infinity : 1);
    for (const doc of removed) view.put(collection, doc._id as string, undefined);
    return removed.length;
  }

  /** Aggregates committed data; a leading $match uses the indexes. */
  aggregate(collection: string, pipeline: Stage[]): Doc[] {
    checkPipeline(pipeline);
    const view = new View(this.store, false);
    const [first, ...rest] = pipeline;
    const leadingMatch = first && '$match' in first;
    const source = leadingMatch
      ? this.match(view, collection, compileQuery(first.$match))
      : this.match(view, collection, compileQuery({}));
    const resolve = (name: string): Doc[] => cloneValue([...(this.store.collection(name)?.docs.values() ?? [])]);
    return runPipeline(leadingMatch ? rest : pipeline, source, resolve);
  }
}
