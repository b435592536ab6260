import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_STOP_CHARS, highlightSegments } from './highlight';

/** The highlighted runs only, for short assertions. */
const hits = (question: string, query: string) => highlightSegments(question, query).filter((s) => s.hit).map((s) => s.text);

describe('highlightSegments', () => {
  it('marks the characters of the question that the query has, merging neighbours', () => {
    expect(highlightSegments('退款多久能到账？', '退款要几天到账')).toEqual([
      { text: '退款', hit: true },
      { text: '多久能', hit: false },
      { text: '到账', hit: true },
      { text: '？', hit: false },
    ]);
  });

  it('matches characters anywhere in the query, in any order', () => {
    expect(hits('怎么开发票？可以开增值税专用发票吗？', '票发开')).toEqual(['开发票', '开', '发票']);
  });

  it('ignores stop characters, whitespace and punctuation in the query', () => {
    expect(hits('我的订单怎么取消了？', '我的 怎么了？！')).toEqual([]);
    expect(hits('下单后还能改收货地址或者取消订单吗？', '怎么取消订单呢')).toEqual(['单', '取消订单']);
    for (const ch of '的了吗呢啊吧我你是在有怎么') expect(HIGHLIGHT_STOP_CHARS.has(ch)).toBe(true);
  });

  it('folds Latin case and full-width letters and digits', () => {
    expect(hits('扫地机器人连不上Wi-Fi，配网失败怎么办？', 'ｗｉｆｉ')).toEqual(['Wi', 'Fi']);
    expect(hits('空调显示E1是什么故障？', 'e１')).toEqual(['E1']);
    expect(hits('ＶＩＰ会员', 'vip')).toEqual(['ＶＩＰ']);
  });

  it('folds traditional characters in the query to simplified', () => {
    expect(hits('怎么开发票？', '開發票')).toEqual(['开发票']);
  });

  it('gives the question back unchanged when joined', () => {
    const question = '家里养猫，扫地机器人能吸宠物毛吗？有地毯能用吗？😺';
    expect(highlightSegments(question, '猫毛地毯').map((s) => s.text).join('')).toBe(question);
  });

  it('keeps characters outside the BMP whole', () => {
    expect(highlightSegments('𠀋退款', '退')).toEqual([
      { text: '𠀋', hit: false },
      { text: '退', hit: true },
      { text: '款', hit: false },
    ]);
  });

  it('an empty or meaningless query highlights nothing; an empty question gives no segments', () => {
    expect(highlightSegments('退款多久能到账？', '')).toEqual([{ text: '退款多久能到账？', hit: false }]);
    expect(highlightSegments('退款多久能到账？', '  ？！的 ')).toEqual([{ text: '退款多久能到账？', hit: false }]);
    expect(highlightSegments('', '退款')).toEqual([]);
  });
});
