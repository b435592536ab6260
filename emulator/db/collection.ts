// One collection in memory: parsed documents in insertion order, plus equality indexes.
import type { Doc } from './ejson';
import { FieldIndex } from './indexes';

export class MemCollection {
  /** id → document, iterated in insertion order (Map order; a replaced document keeps its place). */
  readonly docs = new Map<string, Doc>();
  /** id → insertion sequence, to put index hits back into insertion order. */
  private readonly seq = new Map<string, number>();
  readonly indexes = new Map<string, FieldIndex>();

  constructor(
    readonly name: string,
    indexedFields: readonly string[],
  ) {
    for (const field of new Set(['_id', ...indexedFields])) this.indexes.set(field, new FieldIndex(field));
  }

  /** Stores (or replaces) a document; `seq` is used only when the id is new. */
  put(id: string, doc: Doc, seq: number): void {
    const old = this.docs.get(id);
    if (old) for (const index of this.indexes.values()) index.remove(id, old);
    else this.seq.set(id, seq);
    this.docs.set(id, doc);
    for (const index of this.indexes.values()) index.add(id, doc);
  }

  delete(id: string): void {
    const old = this.docs.get(id);
    if (!old) return;
    for (const index of this.indexes.values()) index.remove(id, old);
    this.docs.delete(id);
    this.seq.delete(id);
  }

  /** Documents with these ids, in insertion order. */
  inOrder(ids: Iterable<string>): Doc[] {
    const found: Array<[number, Doc]> = [];
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) found.push([this.seq.get(id) ?? 0, doc]);
    }
    if (found.length > 1) found.sort((a, b) => a[0] - b[0]);
    return found.map(([, doc]) => doc);
  }
}
