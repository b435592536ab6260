import { describe, expect, it } from 'vitest';
import { DbError } from './errors';
import { compileQuery, parseProjection, parseSort, shape } from './query';

const rejects = (fn: () => unknown): boolean => {
  try {
    fn();
  } catch (e) {
    return e instanceof DbError && e.code === 'INVALID_PARAM';
  }
  return false;
};

describe('compileQuery', () => {
  it('evaluates the whitelisted operators with Mongo semantics', () => {
    const doc = { a: 5, s: 'Hello', tags: ['x', 'y'], items: [{ q: 1 }, { q: 7 }], o: { p: null } };
    const yes = [
      {},
      { a: { $gte: 5, $lt: 6 } },
      { s: { $regex: '^hel', $options: 'i' } },
      { s: /llo$/ },
      { tags: 'x' },
      { tags: { $all: ['y', 'x'], $size: 2 } },
      { items: { $elemMatch: { q: { $gt: 5 } } } },
      { 'items.q': 7 },
      { missing: { $exists: false } },
      { 'o.p': null },
      { a: { $not: { $gt: 10 } }, $nor: [{ a: 1 }] },
      { a: { $mod: [5, 0] }, s: { $type: 'string' } },
      { $expr: { $gt: ['$a', 4] } },
      { $or: [{ a: 1 }, { a: { $in: [4, 5] } }] },
    ];
    for (const q of yes) expect(compileQuery(q).test(doc), JSON.stringify(q)).toBe(true);
    expect(compileQuery({ a: { $nin: [5] } }).test(doc)).toBe(false);
    expect(compileQuery({ 'o.p': { $ne: null } }).test(doc)).toBe(false);
  });

  it('refuses anything outside the whitelist before it reaches mingo', () => {
    for (const q of [
      { $where: 'true' },
      { $text: { $search: 'x' } },
      { $jsonSchema: {} },
      { $comment: 'x' },
      { a: { $where: 'true' } },
      { a: { $near: [0, 0] } },
      { a: { $bitsAllSet: 1 } },
      { a: { $gt: 1, b: 2 } },
      { a: { $not: { $where: 'x' } } },
      { a: { $elemMatch: { $or: [{ $where: 'x' }] } } },
      { $and: [] },
      { $or: [{ $where: 'x' }] },
      { $expr: { $function: { body: 'x', args: [], lang: 'js' } } },
      { $expr: { $gt: [{ $accumulator: {} }, 1] } },
    ]) {
      expect(rejects(() => compileQuery(q)), JSON.stringify(q)).toBe(true);
    }
    expect(rejects(() => compileQuery('x'))).toBe(true);
  });
});

describe('parseSort / parseProjection', () => {
  it('reads the SDK order object and the [{field, direction}] form', () => {
    expect(parseSort({ a: 1, b: -1 })).toEqual({ a: 1, b: -1 });
    expect(parseSort([{ field: 'a', direction: 'desc' }, { field: 'b', direction: 'asc' }])).toEqual({ a: -1, b: 1 });
    expect(parseSort(undefined)).toBeUndefined();
    expect(rejects(() => parseSort({ a: 0 }))).toBe(true);
    expect(rejects(() => parseSort({ $natural: 1 }))).toBe(true);
    expect(rejects(() => parseSort('a'))).toBe(true);
  });

  it('allows include/exclude, $slice and $elemMatch projections only', () => {
    expect(parseProjection({ a: 1, b: true, c: { $slice: 2 }, d: { $elemMatch: { x: 1 } } })).toBeDefined();
    expect(rejects(() => parseProjection({ a: { $function: {} } }))).toBe(true);
    expect(rejects(() => parseProjection({ $where: 1 }))).toBe(true);
    expect(rejects(() => parseProjection({ a: 'x' }))).toBe(true);
  });
});

describe('shape', () => {
  const docs = [
    { _id: 1, k: 2, o: { x: 1, y: 1 }, list: [1, 2, 3] },
    { _id: 2, k: 1, o: { x: 2, y: 2 }, list: [4] },
    { _id: 3, k: 2, o: { x: 3, y: 3 }, list: [] },
    { _id: 4, o: { x: 4, y: 4 } },
  ];

  it('sorts stably (missing fields first), then skips, limits and projects', () => {
    expect(shape(docs, { sort: { k: -1 } }).map((d) => d._id)).toEqual([1, 3, 2, 4]);
    expect(shape(docs, { sort: { k: 1 }, skip: 1, limit: 2 }).map((d) => d._id)).toEqual([2, 1]);
    expect(shape(docs, { limit: 1, projection: { 'o.x': 1 } })).toEqual([{ _id: 1, o: { x: 1 } }]);
    expect(shape(docs, { limit: 1, projection: { o: 0, list: { $slice: -1 } } })).toEqual([{ _id: 1, k: 2, list: [3] }]);
    expect(shape(docs, { limit: 1, projection: { list: { $slice: [1, 1] } } })).toEqual([{ _id: 1, k: 2, o: { x: 1, y: 1 }, list: [2] }]);
  });

  it('never changes the documents it is given', () => {
    const before = structuredClone(docs);
    shape(docs, { projection: { 'o.y': 0, list: { $slice: 1 } } });
    shape(docs, { projection: { 'o.x': 1 } });
    shape(docs, { sort: { k: 1 } });
    expect(docs).toEqual(before);
  });
});
