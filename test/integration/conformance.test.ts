// Emulator conformance: every database operation the functions use, through the real wx-server-sdk
// (unmodified, `cloud.init({env: DYNAMIC_CURRENT_ENV})`) against the emulator database over HTTP.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../emulator/db';
import { startDbHarness, type DbHarness } from '../helpers/db-harness';
import { applySdkEnv } from '../helpers/sdk-env';

type Cloud = typeof import('wx-server-sdk');
// wx-server-sdk's typings do not describe its behaviour (every call returns `Promise | void | string`,
// serverDate takes no options…), so the tests drive the SDK untyped and assert on what it returns.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = any;
type Doc = Record<string, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

const require = createRequire(import.meta.url);

let dir: string;
let file: string;
let harness: DbHarness;
let cloud: Cloud;
let db: Db;
let _: Db;
let seq = 0;
/** A fresh collection name per test, so tests never see each other's documents. */
const fresh = (name: string): string => `${name}_${++seq}`;

async function rejection(promise: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; message?: string; code?: unknown }> {
  try {
    await promise;
  } catch (e) {
    return e as { errCode?: number; errMsg?: string; message?: string };
  }
  throw new Error('expected the SDK call to fail');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-conformance-'));
  file = path.join(dir, 'db.sqlite');
  harness = await startDbHarness({ file });
  applySdkEnv(harness.url, 'o-conformance');
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  db = cloud.database();
  _ = db.command;
});

afterAll(async () => {
  await harness?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('add and doc().get', () => {
  it('adds one document with a generated 32-hex _id and reads it back, Dates included', async () => {
    const c = fresh('add');
    const at = new Date('2024-05-01T08:30:00.000Z');
    const res = await db.collection(c).add({ data: { title: 'hello', n: 1, price: 2.5, at, tags: ['a'], nested: { ok: true } } });
    expect(res._id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = (await db.collection(c).doc(res._id).get()) as { data: Doc };
    expect(data).toEqual({ _id: res._id, title: 'hello', n: 1, price: 2.5, at, tags: ['a'], nested: { ok: true } });
    expect(data.at).toBeInstanceOf(Date);
  });

  it('substitutes db.serverDate() (with offset) by the server time', async () => {
    const c = fresh('serverdate');
    const before = Date.now();
    const { _id } = await db.collection(c).add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
    const after = Date.now();
    const { data } = (await db.collection(c).doc(_id).get()) as { data: Doc };
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.at.getTime()).toBeLessThanOrEqual(after);
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
  });

  it('keeps a given _id and refuses a duplicate one', async () => {
    const c = fresh('dup');
    expect((await db.collection(c).add({ data: { _id: 'fixed-id', v: 1 } }))._id).toBe('fixed-id');
    const err = await rejection(db.collection(c).add({ data: { _id: 'fixed-id', v: 2 } }));
    expect(err.errCode).toBe(-502001);
    expect(String(err.errMsg)).toMatch(/duplicate key/);
    const { data } = (await db.collection(c).doc('fixed-id').get()) as { data: Doc };
    expect(data.v).toBe(1);
  });

  it('doc().get of a missing document throws; a never-written collection reads as empty', async () => {
    const c = fresh('missing');
    const err = await rejection(db.collection(c).doc('nope').get());
    expect(String(err.errMsg ?? err.message ?? err)).toMatch(/does not exist/);
    expect((await db.collection(c).get()).data).toEqual([]);
    expect((await db.collection(c).count()).total).toBe(0);
  });

  it('createCollection creates once and then reports that it exists', async () => {
    const c = fresh('created');
    await expect(db.createCollection(c)).resolves.toMatchObject({ errMsg: expect.stringMatching(/ok/) });
    await expect(db.createCollection(c)).rejects.toBeTruthy();
  });
});

describe('queries', () => {
  const c = 'people';
  const people = [
    { _id: 'p1', name: 'Alice', age: 30, city: 'Shanghai', tags: ['vip', 'new'], profile: { level: 3, lang: 'zh' }, items: [{ sku: 'a', qty: 2 }] },
    { _id: 'p2', name: 'bob', age: 25, city: 'Beijing', tags: ['new'], profile: { level: 1, lang: 'en' }, items: [{ sku: 'b', qty: 9 }] },
    { _id: 'p3', name: 'Carol', age: 35, city: 'Shanghai', tags: [], profile: { level: 2 }, items: [] },
    { _id: 'p4', name: 'Dave', age: 25, city: 'Shenzhen', tags: ['vip'] },
  ];
  const ids = async (query: object): Promise<string[]> =>
    ((await db.collection(c).where(query).get()).data as Doc[]).map((d) => d._id as string).sort();

  beforeAll(async () => {
    await db.collection(c).add({ data: people });
  });

  it('compares with eq, neq, gt, gte, lt, lte', async () => {
    expect(await ids({ age: _.eq(25) })).toEqual(['p2', 'p4']);
    expect(await ids({ age: 25 })).toEqual(['p2', 'p4']);
    expect(await ids({ age: _.neq(25) })).toEqual(['p1', 'p3']);
    expect(await ids({ age: _.gt(30) })).toEqual(['p3']);
    expect(await ids({ age: _.gte(30) })).toEqual(['p1', 'p3']);
    expect(await ids({ age: _.lt(30) })).toEqual(['p2', 'p4']);
    expect(await ids({ age: _.lte(30) })).toEqual(['p1', 'p2', 'p4']);
  });

  it('matches lists with in and nin', async () => {
    expect(await ids({ city: _.in(['Beijing', 'Shenzhen']) })).toEqual(['p2', 'p4']);
    expect(await ids({ city: _.nin(['Beijing', 'Shenzhen']) })).toEqual(['p1', 'p3']);
    expect(await ids({ _id: _.in(['p1', 'p4', 'zzz']) })).toEqual(['p1', 'p4']);
  });

  it('combines with and, or, nor, not', async () => {
    expect(await ids({ age: _.gt(20).and(_.lt(30)) })).toEqual(['p2', 'p4']);
    expect(await ids(_.and([{ city: 'Shanghai' }, { age: _.gt(30) }]))).toEqual(['p3']);
    expect(await ids(_.or([{ city: 'Beijing' }, { age: _.gte(35) }]))).toEqual(['p2', 'p3']);
    expect(await ids({ age: _.lt(26).or(_.gt(34)) })).toEqual(['p2', 'p3', 'p4']);
    expect(await ids(_.nor([{ city: 'Shanghai' }, { age: 25 }]))).toEqual([]);
    expect(await ids({ age: _.not(_.gt(25)) })).toEqual(['p2', 'p4']);
  });

  it('tests existence', async () => {
    expect(await ids({ profile: _.exists(false) })).toEqual(['p4']);
    expect(await ids({ 'profile.lang': _.exists(true) })).toEqual(['p1', 'p2']);
  });

  it('matches regular expressions (db.RegExp and JS RegExp)', async () => {
    expect(await ids({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) })).toEqual(['p1', 'p2']);
    expect(await ids({ name: /^C/ })).toEqual(['p3']);
    expect(await ids({ name: /^c/ })).toEqual([]);
  });

  it('matches nested fields (dotted and as an object)', async () => {
    expect(await ids({ 'profile.level': _.gte(2) })).toEqual(['p1', 'p3']);
    expect(await ids({ profile: { lang: 'en' } })).toEqual(['p2']);
  });

  it('matches arrays: element, all, size, elemMatch', async () => {
    expect(await ids({ tags: 'vip' })).toEqual(['p1', 'p4']);
    expect(await ids({ tags: _.all(['vip', 'new']) })).toEqual(['p1']);
    expect(await ids({ tags: _.size(0) })).toEqual(['p3']);
    expect(await ids({ items: _.elemMatch({ qty: _.gt(5) }) })).toEqual(['p2']);
    expect(await ids({ 'items.sku': 'a' })).toEqual(['p1']);
  });

  it('orders by several fields, then skips and limits', async () => {
    const names = async (q: Db) =>
      ((await q.get()).data as Doc[]).map((d) => d.name as string);
    const ordered = db.collection(c).orderBy('age', 'desc').orderBy('name', 'asc');
    expect(await names(ordered)).toEqual(['Carol', 'Alice', 'Dave', 'bob']);
    expect(await names(ordered.skip(1).limit(2))).toEqual(['Alice', 'Dave']);
    expect(await names(db.collection(c).orderBy('age', 'asc').orderBy('name', 'desc'))).toEqual(['bob', 'Dave', 'Alice', 'Carol']);
    expect(((await db.collection(c).limit(3).get()).data as Doc[]).length).toBe(3);
  });

  it('projects fields (include and exclude)', async () => {
    const inc = (await db.collection(c).doc('p1').field({ name: true, 'profile.level': true }).get()).data as Doc;
    expect(inc).toEqual({ _id: 'p1', name: 'Alice', profile: { level: 3 } });
    const exc = ((await db.collection(c).where({ _id: 'p2' }).field({ items: false, profile: false, tags: false }).get()).data as Doc[])[0];
    expect(exc).toEqual({ _id: 'p2', name: 'bob', age: 25, city: 'Beijing' });
  });

  it('counts', async () => {
    expect((await db.collection(c).count()).total).toBe(4);
    expect((await db.collection(c).where({ city: 'Shanghai' }).count()).total).toBe(2);
  });

  it('rejects operators outside the whitelist cleanly', async () => {
    const err = await rejection(db.collection(c).where({ $where: 'this.age > 1' }).get());
    expect(err.errCode).toBe(-501007);
    expect(String(err.errMsg)).toMatch(/\$where/);
    // the server is still fine
    expect((await db.collection(c).count()).total).toBe(4);
  });
});

describe('updates', () => {
  it('applies update commands', async () => {
    const c = fresh('ops');
    await db.collection(c).add({
      data: { _id: 'd', n: 1, m: 3, lo: 5, hi: 5, list: [1, 2, 3], set: ['a'], stack: [1, 2, 3], profile: { a: 1, b: 2 }, gone: true, old: 'x' },
    });
    const res = await db.collection(c).doc('d').update({
      data: {
        n: _.inc(2),
        m: _.mul(2),
        lo: _.min(1),
        hi: _.max(9),
        list: _.push([4, 5]),
        set: _.addToSet('a'),
        stack: _.pop(),
        gone: _.remove(),
        old: _.rename('renamed'),
      },
    });
    expect(res.stats.updated).toBe(1);
    expect((await db.collection(c).doc('d').get()).data).toEqual({
      _id: 'd', n: 3, m: 6, lo: 1, hi: 9, list: [1, 2, 3, 4, 5], set: ['a'], stack: [1, 2], profile: { a: 1, b: 2 }, renamed: 'x',
    });

    await db.collection(c).doc('d').update({
      data: {
        list: _.push({ each: [0], position: 0, slice: 4 }),
        set: _.addToSet('b'),
        stack: _.shift(),
        profile: { b: 20, c: 30 }, // a plain object merges into the field
      },
    });
    await db.collection(c).doc('d').update({ data: { list: _.pull(_.gt(1)), set: _.pullAll(['a']) } });
    expect((await db.collection(c).doc('d').get()).data).toMatchObject({
      list: [0, 1], set: ['b'], stack: [2], profile: { a: 1, b: 20, c: 30 },
    });

    await db.collection(c).doc('d').update({ data: { profile: _.set({ only: true }), stack: _.unshift([7, 8]) } });
    expect((await db.collection(c).doc('d').get()).data).toMatchObject({ profile: { only: true }, stack: [7, 8, 2] });
  });

  it('sets serverDate in updates and dotted paths', async () => {
    const c = fresh('updserverdate');
    await db.collection(c).add({ data: { _id: 'd', meta: { count: 0 } } });
    const before = Date.now();
    await db.collection(c).doc('d').update({ data: { updatedAt: db.serverDate(), 'meta.count': _.inc(1), 'meta.by': 'me' } });
    const { data } = (await db.collection(c).doc('d').get()) as { data: Doc };
    expect(data.updatedAt).toBeInstanceOf(Date);
    expect(data.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.meta).toEqual({ count: 1, by: 'me' });
  });

  it('where().update() updates every match and reports the count', async () => {
    const c = fresh('multi');
    await db.collection(c).add({ data: [{ k: 1, s: 'a' }, { k: 1, s: 'b' }, { k: 2, s: 'c' }] });
    const res = await db.collection(c).where({ k: 1 }).update({ data: { done: true, k: _.inc(10) } });
    expect(res.stats.updated).toBe(2);
    expect((await db.collection(c).where({ k: 11, done: true }).count()).total).toBe(2);
  });

  it('doc().update() of a missing document updates nothing', async () => {
    const c = fresh('updmissing');
    const res = await db.collection(c).doc('none').update({ data: { a: 1 } });
    expect(res.stats.updated).toBe(0);
    expect((await db.collection(c).count()).total).toBe(0);
  });

  it('doc().set() replaces an existing document and creates a missing one', async () => {
    const c = fresh('set');
    await db.collection(c).add({ data: { _id: 'd', a: 1, b: 2 } });
    const replaced = await db.collection(c).doc('d').set({ data: { c: 3, at: db.serverDate() } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    const { data } = (await db.collection(c).doc('d').get()) as { data: Doc };
    expect(Object.keys(data).sort()).toEqual(['_id', 'at', 'c']);
    expect(data.at).toBeInstanceOf(Date);
    const created = await db.collection(c).doc('new').set({ data: { x: 1 } });
    expect(created._id).toBe('new');
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    expect((await db.collection(c).doc('new').get()).data).toEqual({ _id: 'new', x: 1 });
  });

  it('conditional update claims a document exactly once (atomic claim)', async () => {
    const c = fresh('claim');
    await db.collection(c).add({ data: { _id: 'job', status: 'queued' } });
    const claims = await Promise.all(
      ['agent-1', 'agent-2', 'agent-3'].map((agent) =>
        db.collection(c).where({ _id: 'job', status: 'queued' }).update({ data: { status: 'assigned', agent } }),
      ),
    );
    expect(claims.map((r) => r.stats.updated).sort()).toEqual([0, 0, 1]);
    const { data } = (await db.collection(c).doc('job').get()) as { data: Doc };
    expect(data.status).toBe('assigned');
    const again = await db.collection(c).where({ _id: 'job', status: 'queued' }).update({ data: { status: 'assigned' } });
    expect(again.stats.updated).toBe(0);
  });
});

describe('remove', () => {
  it('removes by where() and by doc()', async () => {
    const c = fresh('remove');
    await db.collection(c).add({ data: [{ _id: 'a', k: 1 }, { _id: 'b', k: 1 }, { _id: 'c', k: 2 }] });
    expect((await db.collection(c).where({ k: 1 }).remove()).stats.removed).toBe(2);
    expect((await db.collection(c).doc('c').remove()).stats.removed).toBe(1);
    expect((await db.collection(c).doc('c').remove()).stats.removed).toBe(0);
    expect((await db.collection(c).count()).total).toBe(0);
  });
});

describe('aggregate', () => {
  const orders = 'agg_orders';
  const users = 'agg_users';
  beforeAll(async () => {
    await db.collection(users).add({ data: [{ _id: 'u1', name: 'Ann' }, { _id: 'u2', name: 'Ben' }] });
    await db.collection(orders).add({
      data: [
        { user: 'u1', amount: 10, items: ['x', 'y'], status: 'paid' },
        { user: 'u1', amount: 5, items: ['x'], status: 'paid' },
        { user: 'u2', amount: 7, items: ['z'], status: 'paid' },
        { user: 'u2', amount: 100, items: [], status: 'void' },
      ],
    });
  });

  it('match, group, sort, limit, project', async () => {
    const $ = _.aggregate;
    const { list } = await db
      .collection(orders)
      .aggregate()
      .match({ status: 'paid' })
      .group({ _id: '$user', total: $.sum('$amount'), n: $.sum(1) })
      .sort({ total: -1 })
      .limit(5)
      .project({ _id: 0, user: '$_id', total: 1, n: 1 })
      .end();
    expect(list).toEqual([
      { user: 'u1', total: 15, n: 2 },
      { user: 'u2', total: 7, n: 1 },
    ]);
  });

  it('count, unwind, lookup', async () => {
    const counted = await db.collection(orders).aggregate().match({ amount: _.gt(6) }).count('big').end();
    expect(counted.list).toEqual([{ big: 3 }]);
    const unwound = await db.collection(orders).aggregate().unwind('$items').group({ _id: '$items' }).sort({ _id: 1 }).end();
    expect(unwound.list).toEqual([{ _id: 'x' }, { _id: 'y' }, { _id: 'z' }]);
    const joined = await db
      .collection(orders)
      .aggregate()
      .match({ amount: 7 })
      .lookup({ from: users, localField: 'user', foreignField: '_id', as: 'who' })
      .project({ _id: 0, amount: 1, who: 1 })
      .end();
    expect(joined.list).toEqual([{ amount: 7, who: [{ _id: 'u2', name: 'Ben' }] }]);
  });
});

describe('transactions', () => {
  it('runTransaction commits reads and writes atomically; its writes stay invisible until commit', async () => {
    const c = fresh('tx');
    await db.collection(c).add({ data: { _id: 'acct-a', balance: 100 } });
    await db.collection(c).add({ data: { _id: 'acct-b', balance: 0 } });
    const result = await db.runTransaction(async (t: Db) => {
      const a = (await t.collection(c).doc('acct-a').get()).data as Doc;
      await t.collection(c).doc('acct-a').update({ data: { balance: a.balance - 30 } });
      await t.collection(c).doc('acct-b').update({ data: { balance: _.inc(30) } });
      await t.collection(c).add({ data: { _id: 'log-1', moved: 30 } });
      // the transaction sees its own writes…
      expect(((await t.collection(c).doc('acct-a').get()).data as Doc).balance).toBe(70);
      // …the rest of the world does not, yet
      expect(((await db.collection(c).doc('acct-a').get()).data as Doc).balance).toBe(100);
      expect((await db.collection(c).where({ _id: 'log-1' }).count()).total).toBe(0);
      return 'done';
    });
    expect(result).toBe('done');
    const docs = ((await db.collection(c).orderBy('_id', 'asc').get()).data as Doc[]).map((d) => [d._id, d.balance ?? d.moved]);
    expect(docs).toEqual([['acct-a', 70], ['acct-b', 30], ['log-1', 30]]);
  });

  it('a throwing callback or transaction.rollback() discards the writes', async () => {
    const c = fresh('txabort');
    await db.collection(c).add({ data: { _id: 'd', v: 1 } });
    await expect(
      db.runTransaction(async (t: Db) => {
        await t.collection(c).doc('d').update({ data: { v: 2 } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      db.runTransaction(async (t: Db) => {
        await t.collection(c).doc('d').update({ data: { v: 3 } });
        await t.collection(c).add({ data: { _id: 'extra' } });
        await t.rollback('changed my mind');
      }),
    ).rejects.toBe('changed my mind');
    expect(((await db.collection(c).doc('d').get()).data as Doc).v).toBe(1);
    expect((await db.collection(c).count()).total).toBe(1);
  });

  it('a write by someone else between read and commit makes commit conflict; runTransaction retries', async () => {
    const c = fresh('txconflict');
    await db.collection(c).add({ data: { _id: 'n', value: 0 } });
    let attempts = 0;
    await db.runTransaction(async (t: Db) => {
      attempts++;
      const { value } = (await t.collection(c).doc('n').get()).data as Doc;
      if (attempts === 1) await db.collection(c).doc('n').update({ data: { value: _.inc(100) } }); // a concurrent writer
      await t.collection(c).doc('n').update({ data: { value: value + 1 } });
    });
    expect(attempts).toBe(2);
    expect(((await db.collection(c).doc('n').get()).data as Doc).value).toBe(101);
  });

  it('two concurrent read-modify-write loops lose no increment', async () => {
    const c = fresh('txrace');
    const N = 15;
    await db.collection(c).add({ data: { _id: 'counter', value: 0 } });
    const isConflict = (e: unknown) => /CONFLICT/.test(`${(e as { code?: unknown }).code} ${(e as Error).message}`);
    const worker = async () => {
      for (let i = 0; i < N; i++) {
        for (;;) {
          try {
            await db.runTransaction(async (t: Db) => {
              const { value } = (await t.collection(c).doc('counter').get()).data as Doc;
              await t.collection(c).doc('counter').update({ data: { value: value + 1 } });
            });
            break;
          } catch (e) {
            if (!isConflict(e)) throw e; // else runTransaction gave up after its own retries: try again
          }
        }
      }
    };
    await Promise.all([worker(), worker()]);
    expect(((await db.collection(c).doc('counter').get()).data as Doc).value).toBe(2 * N);
  });
});

describe('persistence', () => {
  it('data written through the SDK is there after reopening the SQLite file', async () => {
    const c = fresh('persist');
    const at = new Date('2024-01-02T03:04:05.678Z');
    await db.collection(c).add({ data: { _id: 'keep', at, list: [1, { x: 'y' }] } });
    await db.collection(c).doc('keep').update({ data: { n: _.inc(5) } });
    await harness.close();

    const reopened = openDatabase({ file });
    try {
      expect(reopened.get(c, 'keep')).toEqual({ _id: 'keep', at, list: [1, { x: 'y' }], n: 5 });
    } finally {
      reopened.close();
    }

    // and through the SDK again, on a new server over the same file
    harness = await startDbHarness({ file });
    applySdkEnv(harness.url, 'o-conformance');
    const { data } = (await db.collection(c).doc('keep').get()) as { data: Doc };
    expect(data).toEqual({ _id: 'keep', at, list: [1, { x: 'y' }], n: 5 });
  });
});
