import { describe, expect, it } from 'vitest';
import { normalize, toHalfWidth, toSimplified } from './normalize';

describe('normalize', () => {
  it('turns full-width letters, digits and spaces half-width and lower case', () => {
    expect(toHalfWidth('ＡＢＣ１２３　ｘ')).toBe('abc123 x');
    expect(normalize('ＱＱ钱包')).toBe('qq 钱包');
  });

  it('maps common traditional characters to simplified', () => {
    expect(toSimplified('為什麼還款後額度沒有恢復')).toBe('为什么还款后额度没有恢复');
    expect(normalize('請問怎麼修改手機號碼？')).toBe('怎么修改手机号码');
  });

  it('removes greetings, politeness and sentence-final particles but keeps meaning words', () => {
    expect(normalize('你好，请问一下怎么还款呢？')).toBe('怎么还款');
    expect(normalize('您好 麻烦查一下订单吧')).toBe('查 订单');
    // 不了 and 怎么 carry meaning: not particles.
    expect(normalize('为什么还不了')).toBe('为什么还不了');
    expect(normalize('怎么')).toBe('怎么');
  });

  it('separates Han runs from Latin/digit runs and drops punctuation and emoji', () => {
    expect(normalize('借了2000元😀!!')).toBe('借了 2000 元');
    expect(normalize('😀😀🎉')).toBe('');
    expect(normalize('   ')).toBe('');
  });
});
