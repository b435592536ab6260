import { describe, expect, it } from 'vitest';
import { buildIndex, match, rank } from './index';
import { intentsOf } from './knowledge';

// A small made-up FAQ (not evaluation data).
const FAQ = [
  { id: 'pwd', question: '如何修改登录密码', similar: ['密码忘了怎么办'] },
  { id: 'refund', question: '退款多久能到账', keywords: ['退款'] },
  { id: 'phone', question: '怎样更换绑定的手机号' },
  { id: 'invoice', question: '可以开发票吗' },
  { id: 'cancel', question: '订单怎么取消' },
];

describe('match', () => {
  const index = buildIndex(FAQ);

  it('answers a question asked in other words', () => {
    expect(match(index, '你好，请问怎么改密码？').match?.id).toBe('pwd');
  });

  it('offers the best entry as a suggestion in the grey zone', () => {
    const r = match(index, '退钱要几天才到账'); // no shared word but 到账; 退钱 ~ 退款, 几天 ~ 多久
    expect(r.match?.id ?? r.suggestions[0]?.id).toBe('refund');
  });

  it('uses near-synonyms: 手机号码 / 手机号, 换 / 更换', () => {
    expect(rank(index, '我想换个手机号码')[0]?.id).toBe('phone');
  });

  it('uses the similar questions of an entry', () => {
    expect(match(index, '密码忘记了').match?.id).toBe('pwd');
  });

  it('says no match, without crashing, on empty, emoji-only, off-topic and huge input', () => {
    for (const text of ['', '   ', '😀😀🎉', '今天天气真好适合去爬山', 'x'.repeat(10_000), '好'.repeat(10_000)]) {
      const r = match(index, text);
      expect(r.match).toBeNull();
      expect(r.suggestions.length).toBeLessThanOrEqual(3);
    }
  });

  it('handles mixed-language questions', () => {
    expect(match(index, 'how to 修改 password 密码').match?.id).toBe('pwd');
  });

  it('offers at most 3 entries in all (match + suggestions), best first', () => {
    const r = match(index, '怎么取消订单退款');
    const all = [...(r.match ? [r.match] : []), ...r.suggestions];
    expect(all.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
  });

  it('takes a segmenter and staff synonyms from outside', () => {
    const words = (t: string) => t.match(/.{1,2}/g) ?? [];
    const idx = buildIndex(FAQ, { segment: words, synonyms: [['发票', '票据', '报销凭证']] });
    expect(rank(idx, '能给报销凭证吗')[0]?.id).toBe('invoice');
  });

  it('builds an empty index and matches nothing', () => {
    expect(match(buildIndex([]), '怎么退款')).toMatchObject({ match: null, suggestions: [] });
  });
});

describe('intentsOf', () => {
  it('tells how, why, when, can and failure apart', () => {
    expect(intentsOf('怎么还款')).toContain('how');
    expect(intentsOf('为什么借不了')).toEqual(expect.arrayContaining(['why', 'fail']));
    expect(intentsOf('多久到账')).toContain('when');
    expect(intentsOf('能不能提前还')).toContain('can');
  });
});
