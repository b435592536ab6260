import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index';
import { indexKey, pathValues } from './indexes';

describe('indexKey / pathValues', () => {
  it('keys primitives by type and leaves the rest to a scan', () => {
    expect(indexKey('1')).not.toBe(indexKey(1));
    expect(indexKey(0)).toBe(indexKey(-0));
    expect(indexKey(new Date(5))).toBe(indexKey(new Date(5)));
    for (const v of [null, undefined, {}, [], /x/, Number.NaN]) expect(indexKey(v)).toBeUndefined();
  });

  it('reaches values through nested objects and arrays like Mongo', () => {
    const doc = { a: { b: 1 }, tags: ['x', 'y'], items: [{ sku: 'p' }, { sku: 'q' }] };
    expect(pathValues(doc, 'a.b')).toEqual([1]);
    expect(pathValues(doc, 'tags')).toEqual([['x', 'y'], 'x', 'y']);
    expect(pathValues(doc, 'items.sku')).toEqual(['p', 'q']);
    expect(pathValues(doc, 'tags.1')).toEqual(['y']);
    expect(pathValues(doc, 'missing.x')).toEqual([]);
  });
});

describe('index use', () => {
  let db: Database;
  let plain: Database;
  afterEach(() => {
    db?.close();
    plain?.close();
  });

  const seed = (target: Database): void => {
    const docs = [];
    for (let i = 0; i < 200; i++) {
      docs.push({
        _id: `d${String(i).padStart(3, '0')}`,
        status: ['open', 'closed', 'queued', 'done'][i % 4],
        group: `g${i % 10}`,
        groups: [`g${i % 10}`, `g${(i + 1) % 10}`],
        n: i % 7,
        meta: { owner: `o${i % 5}` },
        ...(i % 3 === 0 ? { flag: true } : {}),
      });
    }
    target.insert('items', docs);
  };
  const open = (): void => {
    db = openDatabase({ file: ':memory:', indexes: { items: ['status', 'group', 'groups', 'meta.owner', 'flag'] } });
    plain = openDatabase({ file: ':memory:', indexes: {} });
    seed(db);
    seed(plain);
  };

  it('answers equality on an indexed field from the index, without scanning', () => {
    open();
    expect(db.explain('items', { status: 'queued' })).toEqual({ index: 'status', examined: 50, matched: 50 });
    expect(db.explain('items', { _id: 'd007' })).toEqual({ index: '_id', examined: 1, matched: 1 });
    expect(db.explain('items', { 'meta.owner': { $eq: 'o1' } })).toEqual({ index: 'meta.owner', examined: 40, matched: 40 });
    expect(plain.explain('items', { status: 'queued' })).toEqual({ index: null, examined: 200, matched: 50 });
  });

  it('uses $in, the smallest index of an $and, array elements and every branch of an $or', () => {
    open();
    expect(db.explain('items', { status: { $in: ['open', 'done'] } })).toMatchObject({ index: 'status', examined: 100 });
    expect(db.explain('items', { $and: [{ status: 'open' }, { group: 'g2' }], n: { $gt: 1 } })).toMatchObject({ index: 'group', examined: 20 });
    expect(db.explain('items', { status: 'open', group: 'g2' })).toMatchObject({ index: 'group', examined: 20, matched: 10 });
    expect(db.explain('items', { groups: 'g3' })).toMatchObject({ index: 'groups', examined: 40, matched: 40 });
    expect(db.explain('items', { $or: [{ _id: 'd001' }, { group: 'g9' }] })).toMatchObject({ index: '_id|group', examined: 21, matched: 21 });
  });

  it('falls back to a scan when no index can serve the query', () => {
    open();
    for (const q of [{ n: 3 }, { status: { $ne: 'open' } }, { status: /^q/ }, { flag: null }, { $or: [{ status: 'open' }, { n: 1 }] }]) {
      expect(db.explain('items', q).index).toBeNull();
    }
  });

  it('returns exactly what a full scan returns, in the same order', () => {
    open();
    const queries: object[] = [
      { status: 'queued' },
      { status: { $in: ['open', 'done'] }, n: { $lt: 3 } },
      { groups: 'g3' },
      { groups: ['g3', 'g4'] },
      { 'meta.owner': 'o4', flag: true },
      { flag: false },
      { $or: [{ _id: 'd001' }, { group: 'g9' }] },
      { $and: [{ status: 'open' }, { group: { $in: ['g0', 'g4'] } }] },
      { status: { $eq: 'done', $ne: 'x' } },
      { _id: { $in: ['d010', 'd002', 'zzz'] } },
    ];
    for (const q of queries) expect(db.find('items', q)).toEqual(plain.find('items', q));
  });

  it('keeps the indexes right through updates and removes', () => {
    open();
    const call = (body: Record<string, unknown>) => db.handle(body) as { data?: Record<string, unknown>; code?: string };
    expect(call({ action: 'database.modifyDocument', collectionName: 'items', queryType: 'WHERE', query: '{"status":"queued"}', data: '{"$set":{"status":"open"}}', multi: true, merge: true }).data).toEqual({ updated: 50 });
    expect(db.explain('items', { status: 'queued' })).toEqual({ index: 'status', examined: 0, matched: 0 });
    expect(db.explain('items', { status: 'open' })).toMatchObject({ examined: 100, matched: 100 });
    expect(call({ action: 'database.removeDocument', collectionName: 'items', queryType: 'WHERE', query: '{"group":"g2"}', multi: true }).data).toEqual({ deleted: 20 });
    expect(db.explain('items', { group: 'g2' })).toMatchObject({ examined: 0 });
    expect(db.count('items', { status: 'open' })).toBe(80);
  });

  it('counts examined documents in stats()', () => {
    open();
    const before = db.stats().examined;
    db.find('items', { group: 'g5' });
    expect(db.stats().examined - before).toBe(20);
    db.find('items', { n: 5 });
    expect(db.stats().examined - before).toBe(220);
  });
});
