import { describe, expect, it } from 'vitest';
import { formOf, groupUnanswered, hashKey } from './unanswered';

const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 60_000);

describe('groupUnanswered', () => {
  const texts = ['发票怎么开', '怎么开发票呀', '请问，发票怎么开？', '今天股市怎么样', '今天天气怎么样', '几点下班', '你们几点下班', '😀', '😀', '我的电话13812348000打不通'];
  const groups = groupUnanswered(texts.map((text, i) => ({ text, at: at(i) })));

  it('puts paraphrases in one group, most asked group and wording first', () => {
    expect(groups[0]).toMatchObject({ count: 3, question: '发票怎么开' });
    expect(groups[0]!.texts).toEqual(['发票怎么开', '怎么开发票呀', '请问，发票怎么开？']);
    expect(groups[0]!.texts).toHaveLength(3);
    expect(groups.find((g) => g.texts.includes('几点下班'))!.texts).toContain('你们几点下班');
    expect(groups.map((g) => g.count)).toEqual([...groups.map((g) => g.count)].sort((a, b) => b - a));
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(texts.length);
  });

  it('keeps unrelated questions with a shared frame apart', () => {
    const stock = groups.find((g) => g.texts.includes('今天股市怎么样'))!;
    expect(stock.texts).not.toContain('今天天气怎么样');
  });

  it('groups emoji-only text by itself and masks phone numbers', () => {
    expect(groups.find((g) => g.question === '😀')).toMatchObject({ count: 2 });
    expect(JSON.stringify(groups)).not.toContain('13812348000');
    expect(groups.some((g) => g.question === '我的电话138****8000打不通')).toBe(true);
  });

  it('masks ID-card and bank-card numbers and email addresses too', () => {
    const [g] = groupUnanswered([{ text: '身份证110101199003077777，卡号6222 0212 3456 7898，邮箱zhang.san@example.com', at: at(0) }]);
    expect(g!.question).not.toMatch(/110101199003077777|6222 0212 3456 7898|zhang\.san@/);
    expect(g!.question).toContain('@example.com');
  });

  it('keys are stable and follow the most asked wording; lastAt is the newest record', () => {
    const again = groupUnanswered([...texts].reverse().map((text, i) => ({ text, at: at(i) })));
    expect(again.find((g) => g.question === '发票怎么开')!.key).toBe(groups[0]!.key);
    expect(groups[0]!.key).toBe(`u:${hashKey(formOf('发票怎么开'))}`);
    expect(groups[0]!.lastAt.getTime()).toBe(at(2).getTime());
  });

  it('nothing in, nothing out; blank text is skipped', () => {
    expect(groupUnanswered([])).toEqual([]);
    expect(groupUnanswered([{ text: '   ', at: at(0) }])).toEqual([]);
  });
});
