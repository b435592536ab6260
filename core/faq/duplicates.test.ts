import { describe, expect, it } from 'vitest';
import { findDuplicates, pairKey } from './duplicates';
import { buildIndex } from './index';

// A small made-up FAQ (not evaluation data) with two near-duplicate pairs.
const FAQ = [
  { id: 'again', question: '提前还款后可以再借吗' },
  { id: 'pwd', question: '如何修改登录密码' },
  { id: 'again2', question: '提前还清了还能再借吗' },
  { id: 'pwd2', question: '登录密码怎么修改' },
  { id: 'invoice', question: '可以开发票吗' },
  { id: 'limit', question: '怎样提升额度' },
];

describe('findDuplicates', () => {
  const index = buildIndex(FAQ);

  it('lists the entries that ask the same thing, best first, each pair once', () => {
    const pairs = findDuplicates(index, FAQ);
    const keys = pairs.map((p) => pairKey(p.a, p.b));
    expect(keys).toEqual(expect.arrayContaining([pairKey('pwd', 'pwd2'), pairKey('again', 'again2')]));
    expect(new Set(keys).size).toBe(keys.length);
    for (let i = 1; i < pairs.length; i++) expect(pairs[i - 1]!.score).toBeGreaterThanOrEqual(pairs[i]!.score);
    // a is the entry listed first in the FAQ
    expect(pairs.find((p) => pairKey(p.a, p.b) === pairKey('pwd', 'pwd2'))).toMatchObject({ a: 'pwd', b: 'pwd2' });
  });

  it('leaves out entries about other things', () => {
    const ids = findDuplicates(index, FAQ).flatMap((p) => [p.a, p.b]);
    expect(ids).not.toContain('invoice');
    expect(ids).not.toContain('limit');
  });

  it('leaves out dismissed pairs and honours the score floor and the limit', () => {
    const all = findDuplicates(index, FAQ);
    const dismissed = new Set([pairKey('pwd2', 'pwd')]);
    expect(findDuplicates(index, FAQ, { dismissed }).map((p) => pairKey(p.a, p.b))).not.toContain(pairKey('pwd', 'pwd2'));
    expect(findDuplicates(index, FAQ, { minScore: 0.99 })).toEqual([]);
    expect(findDuplicates(index, FAQ, { limit: 1 })).toEqual(all.slice(0, 1));
  });

  it('finds nothing in an empty or a one-entry FAQ', () => {
    expect(findDuplicates(buildIndex([]), [])).toEqual([]);
    expect(findDuplicates(buildIndex(FAQ.slice(0, 1)), FAQ.slice(0, 1))).toEqual([]);
  });
});
