import { describe, expect, it } from 'vitest';
import { buildIndex, confidence, match, rank, rankWithInfo } from './index';
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

  it('gives the same ranking when asked again and after other questions (scratch buffers are reset)', () => {
    const first = rank(index, '退款几天到账');
    for (const q of ['怎么改密码', '订单取消', '😀', '可以开发票吗手机号']) rank(index, q);
    expect(rank(index, '退款几天到账')).toEqual(first);
  });

  it('ranks the same on a larger FAQ where most texts share no feature with the question', () => {
    const big = [...FAQ, ...Array.from({ length: 300 }, (_, i) => ({ id: `x${i}`, question: `第${i}号门店营业时间` }))];
    const idx = buildIndex(big);
    expect(rank(idx, '如何修改登录密码')[0]?.id).toBe('pwd');
    expect(rank(idx, '门店几点营业').length).toBe(10);
  });

  it('tells the no-match model how well the best text covers the question', () => {
    const exact = rankWithInfo(index, '如何修改登录密码');
    expect(exact.info.queryShare).toBeCloseTo(1, 5);
    expect(exact.info.intentMismatch).toBe(0);
    const partial = rankWithInfo(index, '为什么登录密码总是不对');
    expect(partial.info.queryShare).toBeLessThan(1);
    expect(partial.info.intentMismatch).toBeGreaterThan(0); // why + failure, against how
    expect(confidence(exact.ranked, exact.info)).toBeGreaterThan(confidence(partial.ranked, partial.info));
  });

  it('scores a text lower for each question intent it has and the question lacks', () => {
    const plain = rank(buildIndex(FAQ, { intentPenalty: 0 }), '登录密码')[0]!;
    const penalized = rank(buildIndex(FAQ, { intentPenalty: 0.01 }), '登录密码')[0]!;
    expect(penalized.id).toBe('pwd');
    expect(plain.score - penalized.score).toBeCloseTo(0.01, 6); // 如何… asks "how", the question does not
  });

  it('meets a question with no shared word through the general vocabulary (提额 ~ 提升额度, 名字 ~ 叫什么)', () => {
    const faq = [
      { id: 'limit', question: '如何提升额度' },
      { id: 'name', question: '你叫什么' },
      { id: 'late', question: '逾期会影响征信吗' },
      { id: 'site', question: '官网是多少' },
    ];
    const idx = buildIndex(faq);
    expect(rank(idx, '我想提额')[0]?.id).toBe('limit');
    expect(rank(idx, '你的名字')[0]?.id).toBe('name');
    expect(rank(idx, '首页在哪')[0]?.id).toBe('site');
    // Without the general vocabulary none of these shares a feature with its entry.
    expect(rank(buildIndex(faq, { weights: { g: 0 }, softChar: 0 }), '你的名字')[0]?.id).not.toBe('name');
  });

  it('joins a staff synonym group to a built-in group that shares a member', () => {
    // Built in: 发票 = 收据 = 凭证; the staff add 发票 = 票据. 票据 must then meet 收据 too.
    const idx = buildIndex([{ id: 'receipt', question: '能开收据吗' }, { id: 'other', question: '能开户吗' }], { synonyms: [['发票', '票据']] });
    expect(rank(idx, '能开票据吗')[0]?.id).toBe('receipt');
    const without = buildIndex([{ id: 'receipt', question: '能开收据吗' }, { id: 'other', question: '能开户吗' }]);
    expect(rank(idx, '能开票据吗')[0]!.score).toBeGreaterThan(rank(without, '能开票据吗')[0]!.score);
  });

  it('never asserts an entry about another member of a contrast class (冰箱 asked, 空调 known): it only suggests it', () => {
    const faq = [
      { id: 'ac', question: '空调不制冷怎么办' },
      { id: 'late', question: '逾期还款会影响征信吗' },
      { id: 'early', question: '提前还款会影响征信吗' },
    ];
    const idx = buildIndex(faq);
    expect(match(idx, '空调不制冷了怎么办').match?.id).toBe('ac');
    const fridge = match(idx, '冰箱不制冷了怎么办');
    expect(fridge.match).toBeNull();
    expect(fridge.suggestions[0]?.id).toBe('ac');
    expect(rankWithInfo(idx, '冰箱不制冷了怎么办').info.contrastClash).toBe(1);
    // 提前 against 逾期: the entry that names the same member ranks first, and the other one is penalized.
    const early = rank(idx, '提早还款影响征信吗');
    expect(early[0]?.id).toBe('early');
    const plain = rank(buildIndex(faq, { contrastPenalty: 0 }), '提早还款影响征信吗');
    expect(early.find((r) => r.id === 'late')!.score).toBeCloseTo(plain.find((r) => r.id === 'late')!.score - 0.02, 6);
  });

  it('reads contrast members by longest match: 解除绑定 is unbinding, not also binding', () => {
    const faq = [
      { id: 'bind', question: '怎样绑定银行卡' },
      { id: 'other', question: '银行卡丢了怎么办' },
    ];
    const q = '怎样解除绑定银行卡';
    expect(rankWithInfo(buildIndex(faq), q).info.contrastClash).toBe(1);
    const bind = (opts: Parameters<typeof buildIndex>[1]) => rank(buildIndex(faq, opts), q).find((r) => r.id === 'bind')!.score;
    expect(bind({})).toBeCloseTo(bind({ contrastPenalty: 0 }) - 0.02, 6);
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
