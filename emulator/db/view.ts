// A view of the store plus pending writes. A request builds its writes in a view and commits them
// in one batch; a transaction keeps its view open until commit, recording the version of every
// document it touched so that commit can detect that someone else changed it meanwhile.
import type { Doc } from './ejson';
import { candidates } from './planner';
import type { Matcher } from './query';
import { docKey, type Store, type Write } from './store';

export interface FindResult {
  docs: Doc[];
  /** Documents the query was evaluated on (candidates from the index, or the whole collection). */
  examined: number;
  index: string | null;
}

export class View {
  private readonly pending = new Map<string, Write>();
  /** key → store version at first touch (only when tracking, i.e. inside a transaction). */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly track: boolean,
  ) {}

  private touch(key: string): void {
    if (this.track && !this.seen.has(key)) this.seen.set(key, this.store.version(key));
  }

  get(collection: string, id: string): Doc | undefined {
    const key = docKey(collection, id);
    this.touch(key);
    const w = this.pending.get(key);
    return w ? w.doc : this.store.get(collection, id);
  }

  /** Matching documents in insertion order (documents created in this view come last); stops after `max`. */
  find(collection: string, matcher: Matcher, max = Infinity): FindResult {
    // Reading a document by id that does not exist yet is a read too: if someone else creates it
    // before this transaction commits, that is a conflict (no phantom "it was missing" decisions).
    const byId = matcher.condition._id;
    if (typeof byId === 'string') this.touch(docKey(collection, byId));
    const base = candidates(this.store.collection(collection), matcher.condition);
    const docs: Doc[] = [];
    let examined = 0;
    const done = new Set<string>();
    const consider = (doc: Doc | undefined): void => {
      if (!doc) return;
      examined++;
      if (!matcher.test(doc)) return;
      this.touch(docKey(collection, String(doc._id)));
      docs.push(doc);
    };
    for (const doc of base.docs) {
      if (docs.length >= max) break;
      if (this.pending.size === 0) {
        consider(doc);
        continue;
      }
      const key = docKey(collection, String(doc._id));
      done.add(key);
      const w = this.pending.get(key);
      consider(w ? w.doc : doc);
    }
    for (const [key, w] of this.pending) {
      if (docs.length >= max) break;
      if (w.collection === collection && !done.has(key)) consider(w.doc);
    }
    return { docs, examined, index: base.index };
  }

  put(collection: string, id: string, doc: Doc | undefined): void {
    const key = docKey(collection, id);
    this.touch(key);
    this.pending.set(key, { collection, id, doc });
  }

  writes(): Write[] {
    return [...this.pending.values()];
  }

  /** True when a document this view touched has been committed by someone else since. */
  conflicts(): boolean {
    for (const [key, version] of this.seen) if (this.store.version(key) !== version) return true;
    return false;
  }
}
