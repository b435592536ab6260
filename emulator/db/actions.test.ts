import { EJSON } from 'bson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index';

const wire = (v: unknown): string => EJSON.stringify(v as never, { relaxed: false });
type Reply = { code?: string; message?: string; requestId?: string; data?: Record<string, unknown> };

describe('wire actions', () => {
  let db: Database;
  const call = (action: string, body: Record<string, unknown> = {}): Reply => db.handle({ action, ...body }) as Reply;
  const list = (reply: Reply) => (reply.data!.list as string[]).map((s) => EJSON.parse(s) as Record<string, unknown>);

  beforeEach(() => {
    db = openDatabase({ file: ':memory:' });
  });
  afterEach(() => db.close());

  it('answers errors as {code, message} and never throws', () => {
    expect(call('database.nope')).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(/unknown action/) });
    expect(db.handle(null as unknown as Record<string, unknown>)).toMatchObject({ code: 'INVALID_PARAM' });
    expect(call('database.getDocument', { collectionName: 5 })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(call('database.getDocument', { collectionName: 'c', query: '{bad' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(call('database.insertDocument', { collectionName: 'bad name!', data: ['{}'] })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(call('database.insertDocument', { collectionName: 'c', data: [wire({ _id: 5 })] })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(call('database.insertDocument', { collectionName: 'c', data: [wire({ $bad: 1 })] })).toMatchObject({ code: 'INVALID_PARAM' });
    const junk: unknown[] = [1, 'x', [], {}, { a: { b: [null] } }, wire({ $where: 'x' }), '{"$regularExpression":{"pattern":"(","options":""}}'];
    for (const action of ['insertDocument', 'getDocument', 'calculateDocument', 'modifyDocument', 'removeDocument', 'aggregateDocuments', 'modifyAndReturnDoc', 'commitTransaction', 'addCollection']) {
      for (const v of junk) {
        for (const field of ['collectionName', 'data', 'query', 'order', 'projection', 'stages', 'transactionId', 'limit']) {
          const reply = db.handle({ action: `database.${action}`, collectionName: 'c', [field]: v });
          expect(reply).toEqual(expect.objectContaining({ requestId: expect.any(String) }));
        }
      }
    }
  });

  it('rejects operators outside the whitelist in queries, projections and pipelines', () => {
    const bad: Array<[string, Record<string, unknown>]> = [
      ['database.getDocument', { query: wire({ $where: 'true' }) }],
      ['database.getDocument', { query: wire({ a: { $where: 'true' } }) }],
      ['database.getDocument', { query: wire({ $text: { $search: 'x' } }) }],
      ['database.getDocument', { query: wire({ $expr: { $function: { body: 'return 1', args: [], lang: 'js' } } }) }],
      ['database.getDocument', { query: wire({ a: { $elemMatch: { $where: 'x' } } }) }],
      ['database.getDocument', { query: wire({ loc: { $geoWithin: {} } }) }],
      ['database.getDocument', { projection: wire({ a: { $function: {} } }) }],
      ['database.calculateDocument', { query: wire({ $or: [{ $where: 'x' }] }) }],
      ['database.aggregateDocuments', { stages: [{ stageKey: '$out', stageValue: '"other"' }] }],
      ['database.aggregateDocuments', { stages: [{ stageKey: '$match', stageValue: wire({ $where: 'x' }) }] }],
      ['database.aggregateDocuments', { stages: [{ stageKey: '$group', stageValue: wire({ _id: null, x: { $accumulator: {} } }) }] }],
      ['database.modifyDocument', { query: '{}', data: wire({ $where: { a: 1 } }), merge: true }],
    ];
    for (const [action, body] of bad) {
      const reply = call(action, { collectionName: 'c', ...body });
      expect(reply.code, `${action} ${JSON.stringify(body)}`).toBe('INVALID_PARAM');
    }
    expect(call('database.getDocument', { collectionName: 'c', query: wire({ a: { $regex: '^x', $options: 'i' }, b: { $type: 'string' }, n: { $mod: [2, 0] } }) }).code).toBeUndefined();
    expect(call('database.getDocument', { collectionName: 'c', query: wire({ $expr: { $gt: ['$a', '$b'] } }) }).code).toBeUndefined();
  });

  it('inserts atomically: a duplicate anywhere in the batch inserts nothing', () => {
    expect(call('database.insertDocument', { collectionName: 'c', data: [wire({ _id: 'a' }), wire({ _id: 'a' })] }).code).toBe('DATABASE_REQUEST_FAILED');
    expect(db.count('c')).toBe(0);
    const ok = call('database.insertDocument', { collectionName: 'c', data: [wire({ v: 1 }), wire({ _id: 'b', v: 2 })] });
    expect(ok.data!.insertedIds).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), 'b']);
    expect(list(call('database.getDocument', { collectionName: 'c', query: wire({ _id: 'b' }) }))).toEqual([{ _id: 'b', v: 2 }]);
  });

  it('pages with offset and limit (default 100, at most 1000) and orders stably', () => {
    db.insert('c', Array.from({ length: 1200 }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}`, g: i % 3 })));
    expect(list(call('database.getDocument', { collectionName: 'c' }))).toHaveLength(100);
    expect(list(call('database.getDocument', { collectionName: 'c', limit: 5000 }))).toHaveLength(1000);
    const page = call('database.getDocument', { collectionName: 'c', order: wire({ g: -1 }), offset: 2, limit: 3 });
    expect(list(page).map((d) => d._id)).toEqual(['d0008', 'd0011', 'd0014']);
    expect(page.data).toMatchObject({ limit: 3, offset: 2 });
    const arrayOrder = call('database.getDocument', { collectionName: 'c', order: [{ field: 'g', direction: 'asc' }, { field: '_id', direction: 'desc' }], limit: 2 });
    expect(list(arrayOrder).map((d) => d._id)).toEqual(['d1197', 'd1194']);
    expect(call('database.getDocument', { collectionName: 'c', order: wire({ g: 2 }) }).code).toBe('INVALID_PARAM');
  });

  it('modifyDocument: upsert from a where(), replace, multi false', () => {
    db.insert('c', [{ _id: 'a', k: 1 }, { _id: 'b', k: 1 }]);
    const one = call('database.modifyDocument', { collectionName: 'c', queryType: 'WHERE', query: wire({ k: 1 }), data: wire({ $set: { x: 1 } }), multi: false, merge: true });
    expect(one.data).toEqual({ updated: 1 });
    expect(db.find('c', { x: 1 })).toEqual([{ _id: 'a', k: 1, x: 1 }]);
    const up = call('database.modifyDocument', { collectionName: 'c', queryType: 'WHERE', query: wire({ k: 9, tag: { $eq: 't' } }), data: wire({ $inc: { n: 1 } }), multi: true, merge: true, upsert: true });
    expect(up.data).toEqual({ updated: 0, upsert_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(db.get('c', up.data!.upsert_id as string)).toEqual({ _id: up.data!.upsert_id, k: 9, tag: 't', n: 1 });
    const replaced = call('database.modifyDocument', { collectionName: 'c', queryType: 'DOC', query: wire({ _id: 'b' }), data: wire({ only: true }), multi: false, merge: false, upsert: true });
    expect(replaced.data).toEqual({ updated: 1 });
    expect(db.get('c', 'b')).toEqual({ _id: 'b', only: true });
  });

  it('modifyAndReturnDoc updates one document and returns it after the update', () => {
    db.insert('c', [{ _id: 'a', k: 1, n: 1 }, { _id: 'b', k: 1, n: 1 }]);
    const reply = call('database.modifyAndReturnDoc', { collectionName: 'c', queryType: 'WHERE', query: wire({ k: 1 }), data: wire({ $inc: { n: 5 } }) });
    expect(reply.data!.updated).toBe(1);
    expect(EJSON.parse(reply.data!.doc as string)).toEqual({ _id: 'a', k: 1, n: 6 });
    expect(db.get('c', 'b')).toEqual({ _id: 'b', k: 1, n: 1 });
    expect(call('database.modifyAndReturnDoc', { collectionName: 'c', query: wire({ k: 2 }), data: wire({ $inc: { n: 5 } }) }).data).toEqual({ updated: 0, doc: null });
  });

  it('removeDocument removes one for doc() and all for where()', () => {
    db.insert('c', [{ _id: 'a', k: 1 }, { _id: 'b', k: 1 }, { _id: 'c', k: 1 }]);
    expect(call('database.removeDocument', { collectionName: 'c', queryType: 'WHERE', query: wire({ k: 1 }), multi: false }).data).toEqual({ deleted: 1 });
    expect(call('database.removeDocument', { collectionName: 'c', queryType: 'WHERE', query: wire({ k: 1 }) }).data).toEqual({ deleted: 2 });
  });

  it('addCollection creates once; reading a never-written collection is empty', () => {
    expect(call('database.getDocument', { collectionName: 'ghost' }).data!.list).toEqual([]);
    expect(call('database.addCollection', { collectionName: 'fresh' }).code).toBeUndefined();
    expect(call('database.addCollection', { collectionName: 'fresh' }).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
    db.insert('written', [{}]);
    expect(call('database.addCollection', { collectionName: 'written' }).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
  });

  it('aggregates with a leading $match from the index and $lookup into another collection', () => {
    db.insert('users', [{ _id: 'u1', role: 'agent', name: 'A' }, { _id: 'u2', role: 'customer', name: 'B' }]);
    db.insert('convs', [{ agent: 'u1', n: 1 }, { agent: 'u1', n: 2 }]);
    const before = db.stats().examined;
    const reply = call('database.aggregateDocuments', {
      collectionName: 'users',
      stages: [
        { stageKey: '$match', stageValue: wire({ role: 'agent' }) },
        { stageKey: '$lookup', stageValue: wire({ from: 'convs', localField: '_id', foreignField: 'agent', as: 'convs' }) },
        { stageKey: '$project', stageValue: wire({ name: 1, total: { $sum: '$convs.n' } }) },
      ],
    });
    expect(list(reply)).toEqual([{ _id: 'u1', name: 'A', total: 3 }]);
    expect(db.stats().examined - before).toBe(1);
    expect(db.find('convs')).toHaveLength(2);
  });

  it('does not let a projection or aggregation change stored documents', () => {
    db.insert('c', [{ _id: 'a', o: { x: 1, y: 2 }, list: [1, 2, 3] }]);
    list(call('database.getDocument', { collectionName: 'c', projection: wire({ 'o.x': 0, list: { $slice: 1 } }) }));
    call('database.aggregateDocuments', { collectionName: 'c', stages: [{ stageKey: '$set', stageValue: wire({ 'o.x': 9 }) }, { stageKey: '$unset', stageValue: '"list"' }] });
    expect(db.get('c', 'a')).toEqual({ _id: 'a', o: { x: 1, y: 2 }, list: [1, 2, 3] });
  });
});
