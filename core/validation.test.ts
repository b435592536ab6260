import { describe, expect, it } from 'vitest';
import { EVENT_MAX_DEPTH, eventProblem } from './validation';

const nested = (levels: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

describe('eventProblem', () => {
  it('accepts ordinary events, emoji (surrogate pairs) included', () => {
    expect(eventProblem({ text: '你好 😀', list: [{ a: 1 }], n: null })).toBeNull();
    expect(eventProblem(nested(EVENT_MAX_DEPTH - 1))).toBeNull();
  });
  it('refuses NUL and unpaired surrogates anywhere, keys too', () => {
    expect(eventProblem({ text: 'a\u0000b' })).toMatch(/无法识别/);
    expect(eventProblem({ deep: [{ t: 'x\ud800' }] })).toMatch(/无法识别/);
    expect(eventProblem({ t: '\udc00y' })).toMatch(/无法识别/);
    expect(eventProblem({ t: 'end\ud83d' })).toMatch(/无法识别/);
    expect(eventProblem({ ['k\u0000']: 1 })).toMatch(/无法识别/);
  });
  it('refuses nesting deeper than the limit', () => {
    expect(eventProblem(nested(EVENT_MAX_DEPTH + 1))).toMatch(/层级过深/);
  });
});
