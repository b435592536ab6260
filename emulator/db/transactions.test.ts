import { EJSON } from 'bson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index';
import { Store } from './store';
import { Transactions } from './transactions';

const wire = (v: unknown): string => EJSON.stringify(v as never, { relaxed: false });
type Reply = { code?: string; message?: string; transactionId?: string; data?: Record<string, unknown> };

describe('transactions over the wire', () => {
  let db: Database;
  const call = (action: string, body: Record<string, unknown> = {}): Reply => db.handle({ action: `database.${action}`, ...body }) as Reply;
  const start = (): string => {
    const id = call('startTransaction').transactionId;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    return id!;
  };
  const getDoc = (id: string, transactionId?: string) =>
    (call('getDocument', { collectionName: 'c', queryType: 'DOC', query: wire({ _id: id }), transactionId }).data!.list as string[]).map(
      (s) => EJSON.parse(s) as Record<string, unknown>,
    )[0];
  const update = (id: string, data: object, transactionId?: string) =>
    call('modifyDocument', { collectionName: 'c', queryType: 'DOC', query: wire({ _id: id }), data: wire(data), multi: false, merge: true, upsert: false, transactionId });

  beforeEach(() => {
    db = openDatabase({ file: ':memory:' });
    db.insert('c', [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }]);
  });
  afterEach(() => db.close());

  it('reading a missing document and then seeing it created by someone else is a conflict', () => {
    const tx = start();
    expect(getDoc('ghost', tx)).toBeUndefined();
    expect(call('insertDocument', { collectionName: 'c', data: [wire({ _id: 'ghost', n: 1 })] }).data).toEqual({ insertedIds: ['ghost'] });
    call('insertDocument', { collectionName: 'c', data: [wire({ _id: 'other', n: 0 })], transactionId: tx });
    expect(call('commitTransaction', { transactionId: tx }).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.get('c', 'other')).toBeUndefined();
  });

  it('stages writes: visible inside, invisible outside, applied together at commit', () => {
    const tx = start();
    const events: string[] = [];
    db.onChange((e) => events.push(`${e.id}:${e.doc ? 'put' : 'removed'}`));
    expect(update('a', { $inc: { n: 10 } }, tx).data).toEqual({ updated: 1 });
    expect(call('insertDocument', { collectionName: 'c', data: [wire({ _id: 'new', n: 0 })], transactionId: tx }).data).toEqual({ insertedIds: ['new'] });
    expect(call('removeDocument', { collectionName: 'c', queryType: 'DOC', query: wire({ _id: 'b' }), multi: false, transactionId: tx }).data).toEqual({ deleted: 1 });

    expect(getDoc('a', tx)).toEqual({ _id: 'a', n: 11 });
    expect(getDoc('b', tx)).toBeUndefined();
    expect(call('calculateDocument', { collectionName: 'c', transactionId: tx }).data).toEqual({ total: 2 });
    expect(call('getDocument', { collectionName: 'c', queryType: 'WHERE', query: wire({ n: { $gte: 0 } }), order: wire({ n: 1 }), transactionId: tx }).data!.list).toEqual([
      wire({ _id: 'new', n: 0 }),
      wire({ _id: 'a', n: 11 }),
    ]);
    expect(getDoc('a')).toEqual({ _id: 'a', n: 1 });
    expect(db.count('c')).toBe(2);
    expect(events).toEqual([]);

    expect(call('commitTransaction', { transactionId: tx }).code).toBeUndefined();
    expect(db.find('c', {}, { sort: { _id: 1 } })).toEqual([{ _id: 'a', n: 11 }, { _id: 'new', n: 0 }]);
    expect(events.sort()).toEqual(['a:put', 'b:removed', 'new:put']);
  });

  it('conflicts at commit when a document it read was changed by someone else', () => {
    const tx = start();
    expect(getDoc('a', tx)).toEqual({ _id: 'a', n: 1 });
    update('a', { $set: { n: 5 } }); // outside the transaction
    update('b', { $set: { n: 7 } }, tx);
    const reply = call('commitTransaction', { transactionId: tx });
    expect(reply.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.get('c', 'b')).toEqual({ _id: 'b', n: 2 });
    // the conflicted transaction is gone
    expect(call('commitTransaction', { transactionId: tx }).code).toBe('DATABASE_TRANSACTION_FAIL');
  });

  it('conflicts when two transactions write the same document, or create the same _id', () => {
    const t1 = start();
    const t2 = start();
    update('a', { $inc: { n: 1 } }, t1);
    update('a', { $inc: { n: 1 } }, t2);
    call('insertDocument', { collectionName: 'c', data: [wire({ _id: 'same' })], transactionId: t1 });
    expect(call('commitTransaction', { transactionId: t1 }).code).toBeUndefined();
    expect(call('commitTransaction', { transactionId: t2 }).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.get('c', 'a')).toEqual({ _id: 'a', n: 2 });

    const t3 = start();
    const t4 = start();
    call('insertDocument', { collectionName: 'c', data: [wire({ _id: 'x', by: 3 })], transactionId: t3 });
    call('insertDocument', { collectionName: 'c', data: [wire({ _id: 'x', by: 4 })], transactionId: t4 });
    expect(call('commitTransaction', { transactionId: t3 }).code).toBeUndefined();
    expect(call('commitTransaction', { transactionId: t4 }).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(db.get('c', 'x')).toEqual({ _id: 'x', by: 3 });
  });

  it('does not conflict on documents it never touched', () => {
    const tx = start();
    update('a', { $inc: { n: 1 } }, tx);
    update('b', { $inc: { n: 1 } });
    expect(call('commitTransaction', { transactionId: tx }).code).toBeUndefined();
    expect(db.find('c', {}, { sort: { _id: 1 } })).toEqual([{ _id: 'a', n: 2 }, { _id: 'b', n: 3 }]);
  });

  it('abort discards the staged writes; a failing request inside stages nothing', () => {
    const tx = start();
    update('a', { $set: { n: 100 } }, tx);
    const dup = call('insertDocument', { collectionName: 'c', data: [wire({ _id: 'ok' }), wire({ _id: 'b' })], transactionId: tx });
    expect(dup.code).toBe('DATABASE_REQUEST_FAILED');
    expect(getDoc('ok', tx)).toBeUndefined();
    expect(call('abortTransaction', { transactionId: tx }).code).toBeUndefined();
    expect(db.get('c', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(call('abortTransaction', { transactionId: tx }).code).toBeUndefined();
    expect(update('a', { $set: { n: 2 } }, tx).code).toBe('DATABASE_TRANSACTION_FAIL');
  });
});

describe('Transactions expiry', () => {
  it('forgets a transaction after its time to live', () => {
    const store = new Store(':memory:', {});
    let now = 1_000;
    const txs = new Transactions(store, 30_000, () => now);
    const id = txs.start();
    txs.view(id).put('c', 'x', { _id: 'x' });
    now += 29_999;
    expect(() => txs.view(id)).not.toThrow();
    now += 1;
    expect(() => txs.commit(id)).toThrow(/expired/);
    expect(store.get('c', 'x')).toBeUndefined();
    txs.start();
    txs.start();
    now += 30_000;
    txs.sweep();
    expect(txs.size).toBe(0);
    store.close();
  });
});
