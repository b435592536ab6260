// Durable storage: one SQLite table of EJSON documents, mirrored in memory (parsed, indexed).
// Every batch of writes is committed to SQLite in one transaction before memory changes and before
// the caller can acknowledge it, so an acknowledged write survives a SIGKILL of the process
// (WAL + synchronous=NORMAL is durable against process crashes).
// Assumes a single process writes the file (the emulator); memory is the source for reads.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MemCollection } from './collection';
import { cloneValue, decodeWire, encode, isPlainObject, type Doc } from './ejson';

/** One document write: `doc` undefined removes it. */
export interface Write {
  collection: string;
  id: string;
  doc: Doc | undefined;
}

export interface ChangeEvent {
  collection: string;
  id: string;
  doc: Record<string, unknown> | undefined;
}

export type ChangeListener = (e: ChangeEvent) => void;

export const docKey = (collection: string, id: string): string => `${collection}\u0000${id}`;

export class Store {
  private readonly sqlite: BetterSqlite3.Database;
  private readonly collections = new Map<string, MemCollection>();
  /** Collections created explicitly (database.addCollection) or by a write. */
  private readonly known = new Set<string>();
  /** Per-document version (in-process only): bumped on every committed write, for transaction conflicts. */
  private readonly versions = new Map<string, number>();
  private clock = 0;
  private seq = 0;
  private total = 0;
  private readonly listeners = new Set<ChangeListener>();
  private readonly upsertStmt: BetterSqlite3.Statement<[string, string, string]>;
  private readonly deleteStmt: BetterSqlite3.Statement<[string, string]>;
  private readonly addCollectionStmt: BetterSqlite3.Statement<[string]>;
  private readonly writeBatch: (writes: readonly Write[]) => void;

  constructor(
    file: string,
    private readonly indexes: Record<string, readonly string[]>,
  ) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.sqlite = new BetterSqlite3(file);
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('synchronous = NORMAL');
    this.sqlite.pragma('busy_timeout = 5000');
    // Deleted or overwritten rows are zeroed, so a value replaced by its sealed form (or removed) does not
    // linger in free pages of the file.
    this.sqlite.pragma('secure_delete = ON');
    this.sqlite.exec(`
      CREATE TABLE IF NOT EXISTS docs (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (collection, id)
      );
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY);
    `);
    this.upsertStmt = this.sqlite.prepare(
      'INSERT INTO docs (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body',
    );
    this.deleteStmt = this.sqlite.prepare('DELETE FROM docs WHERE collection = ? AND id = ?');
    this.addCollectionStmt = this.sqlite.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)');
    this.writeBatch = this.sqlite.transaction((writes: readonly Write[]) => {
      for (const w of writes) {
        if (!this.known.has(w.collection)) this.addCollectionStmt.run(w.collection);
        if (w.doc) this.upsertStmt.run(w.collection, w.id, encode(w.doc));
        else this.deleteStmt.run(w.collection, w.id);
      }
    });
    this.load();
  }

  private load(): void {
    for (const row of this.sqlite.prepare('SELECT name FROM collections').all() as Array<{ name: string }>) {
      this.known.add(row.name);
    }
    const rows = this.sqlite.prepare('SELECT rowid AS seq, collection, id, body FROM docs ORDER BY rowid').all() as Array<{
      seq: number;
      collection: string;
      id: string;
      body: string;
    }>;
    for (const row of rows) {
      const doc = decodeWire(row.body);
      if (!isPlainObject(doc)) throw new Error(`corrupt document ${row.collection}/${row.id}`);
      this.known.add(row.collection);
      this.mem(row.collection).put(row.id, doc, row.seq);
      this.seq = Math.max(this.seq, row.seq);
      this.total++;
    }
  }

  private mem(name: string): MemCollection {
    let coll = this.collections.get(name);
    if (!coll) this.collections.set(name, (coll = new MemCollection(name, this.indexes[name] ?? [])));
    return coll;
  }

  /** The in-memory collection, or undefined when it holds no document yet. */
  collection(name: string): MemCollection | undefined {
    return this.collections.get(name);
  }

  get(collection: string, id: string): Doc | undefined {
    return this.collections.get(collection)?.docs.get(id);
  }

  exists(collection: string): boolean {
    return this.known.has(collection);
  }

  /** Creates an empty collection; false when it already existed. */
  createCollection(name: string): boolean {
    if (this.known.has(name)) return false;
    this.addCollectionStmt.run(name);
    this.known.add(name);
    return true;
  }

  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  totalDocs(): number {
    return this.total;
  }

  /** Commits the writes atomically (SQLite first, then memory), then notifies listeners. */
  commit(writes: readonly Write[]): void {
    if (writes.length === 0) return;
    this.writeBatch(writes);
    for (const w of writes) {
      this.known.add(w.collection);
      const coll = this.mem(w.collection);
      const existed = coll.docs.has(w.id);
      if (w.doc) {
        coll.put(w.id, w.doc, existed ? 0 : ++this.seq);
        if (!existed) this.total++;
      } else if (existed) {
        coll.delete(w.id);
        this.total--;
      }
      this.versions.set(docKey(w.collection, w.id), ++this.clock);
    }
    this.notify(writes);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(writes: readonly Write[]): void {
    for (const listener of [...this.listeners]) {
      for (const w of writes) {
        try {
          listener({ collection: w.collection, id: w.id, doc: w.doc ? cloneValue(w.doc) : undefined });
        } catch {
          // A failing listener must not undo or fail a committed write.
        }
      }
    }
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
    this.listeners.clear();
  }
}
