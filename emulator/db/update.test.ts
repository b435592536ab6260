import { describe, expect, it } from 'vitest';
import { DbError } from './errors';
import { applyUpdate, parseUpdate, upsertSeed } from './update';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof DbError ? e.code : 'not a DbError';
  }
  return undefined;
};

const run = (doc: Record<string, unknown>, data: Record<string, unknown>) => applyUpdate(doc, parseUpdate(data, true));

describe('parseUpdate', () => {
  it('folds plain fields (what merge:true means) into $set, flattening nested objects', () => {
    expect(parseUpdate({ a: 1, b: { c: 2, d: { e: 3 } }, $inc: { n: 1 } }, true)).toEqual({
      kind: 'modify',
      modifier: { $inc: { n: 1 }, $set: { a: 1, 'b.c': 2, 'b.d.e': 3 } },
    });
  });

  it('reads merge:false as a replacement', () => {
    expect(parseUpdate({ a: 1 }, false)).toEqual({ kind: 'replace', doc: { a: 1 } });
  });

  it('refuses unknown operators, _id changes, bad operands and $-fields', () => {
    expect(code(() => parseUpdate({ $where: { a: 1 } }, true))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate({ $setOnInsert: { a: 1 } }, true))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate({ $set: { _id: 'x' } }, true))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate({ $rename: { a: '_id' } }, true))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate({ $inc: { n: '1' } }, true))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate({ $set: { a: { $gt: 1 } } }, true))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate({ a: { $b: 1 } }, false))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate({ $set: 1 }, true))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate({}, true))).toBe('INVALID_PARAM');
    expect(code(() => parseUpdate('x', true))).toBe('INVALID_PARAM');
  });
});

describe('applyUpdate', () => {
  const base = { _id: 'd', n: 1, list: [1, 2, 3], tags: ['a'], o: { k: 1, keep: true }, s: 'x' };

  it('applies the field operators without touching the input', () => {
    const input = structuredClone(base);
    const { doc, modified } = run(input, {
      $set: { 'o.k': 2, 'deep.new.path': true },
      $inc: { n: 4, fresh: 2 },
      $mul: { 'o.m': 10 },
      $unset: { s: '' },
      $min: { lo: 3 },
      $max: { hi: 100 },
      $rename: { tags: 'labels' },
    });
    expect(modified).toBe(true);
    expect(doc).toEqual({ _id: 'd', n: 5, hi: 100, list: [1, 2, 3], labels: ['a'], o: { k: 2, keep: true, m: 0 }, deep: { new: { path: true } }, fresh: 2, lo: 3 });
    expect(input).toEqual(base);
  });

  it('applies the array operators', () => {
    expect(run(base, { $push: { list: { $each: [9, 8], $position: 0, $slice: 4 } } }).doc.list).toEqual([9, 8, 1, 2]);
    expect(run(base, { $push: { list: { $each: [0], $sort: 1 } } }).doc.list).toEqual([0, 1, 2, 3]);
    expect(run(base, { $push: { fresh: 1 } }).doc.fresh).toEqual([1]);
    expect(run(base, { $addToSet: { tags: { $each: ['a', 'b'] } } }).doc.tags).toEqual(['a', 'b']);
    expect(run(base, { $pull: { list: { $gte: 2 } } }).doc.list).toEqual([1]);
    expect(run(base, { $pullAll: { list: [1, 3] } }).doc.list).toEqual([2]);
    expect(run(base, { $pop: { list: 1 } }).doc.list).toEqual([1, 2]);
    expect(run(base, { $pop: { list: -1 } }).doc.list).toEqual([2, 3]);
  });

  it('reports an update that changes nothing as not modified', () => {
    expect(run(base, { $set: { n: 1 } }).modified).toBe(false);
    expect(run(base, { $addToSet: { tags: 'a' } }).modified).toBe(false);
    expect(applyUpdate(base, parseUpdate({ n: 1, list: [1, 2, 3], tags: ['a'], o: { k: 1, keep: true }, s: 'x' }, false)).modified).toBe(false);
  });

  it('refuses $inc on a non-number', () => {
    expect(code(() => run(base, { $inc: { s: 1 } }))).toBe('DATABASE_REQUEST_FAILED');
    expect(code(() => run(base, { $push: { s: 1 } }))).toBe('DATABASE_REQUEST_FAILED');
    expect(code(() => run(base, { $pull: { 'o.k': 1 } }))).toBe('DATABASE_REQUEST_FAILED');
    expect(code(() => run({ _id: 'd', n: null }, { $inc: { n: 1 } }))).toBe('DATABASE_REQUEST_FAILED');
  });

  it('replaces the whole document but keeps its _id', () => {
    expect(applyUpdate(base, parseUpdate({ only: 1 }, false))).toEqual({ doc: { _id: 'd', only: 1 }, modified: true });
    expect(code(() => applyUpdate(base, parseUpdate({ _id: 'other' }, false)))).toBe('INVALID_PARAM');
  });
});

describe('upsertSeed', () => {
  it('starts an upserted document from the equality conditions', () => {
    expect(upsertSeed({ _id: 'x', a: 1, 'b.c': 'y', d: { $eq: 2 }, e: { $gt: 1 }, r: /x/, $and: [{ f: true }] })).toEqual({
      _id: 'x',
      a: 1,
      b: { c: 'y' },
      d: 2,
      f: true,
    });
  });
});
