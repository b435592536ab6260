import { describe, expect, it } from 'vitest';
import { cleanWords, forbiddenWordsIn, moderationWarning, normalizeForModeration } from './moderation';

describe('moderation matching', () => {
  it('finds a listed word whatever its width, case or spacing', () => {
    const words = ['VX', '加微信', '保證'];
    expect(forbiddenWordsIn('您可以加我ＶＸ', words)).toEqual(['VX']);
    expect(forbiddenWordsIn('请 加 微 信 联系', words)).toEqual(['加微信']);
    expect(forbiddenWordsIn('我们保证一定修好', words)).toEqual(['保證']);
    expect(forbiddenWordsIn('v x：abc', words)).toEqual(['VX']);
  });

  it('lists every word found, in list order, and nothing for a clean text', () => {
    expect(forbiddenWordsIn('保证赔偿，加微信', ['加微信', '赔偿', '退款'])).toEqual(['加微信', '赔偿']);
    expect(forbiddenWordsIn('您好，请问还有什么可以帮您？', ['加微信', '赔偿'])).toEqual([]);
    expect(forbiddenWordsIn('', ['加微信'])).toEqual([]);
    expect(forbiddenWordsIn('任何内容', [' ', ''])).toEqual([]);
  });

  it('cleans the list: trimmed, no empties, no duplicates after normalization', () => {
    expect(cleanWords([' 加微信 ', 'ＶＸ', 'vx', '', '   ', '加 微信', '赔偿'])).toEqual(['加微信', 'ＶＸ', '赔偿']);
  });

  it('normalizes width, case, traditional characters and invisible spaces', () => {
    expect(normalizeForModeration('Ａ\u200bb　C 們')).toBe('abc们');
  });

  it('names the words in the warning', () => {
    expect(moderationWarning(['加微信', 'VX'])).toBe('回复中含有不允许使用的词：「加微信」「VX」，请修改后再发送');
    expect(moderationWarning(['赔偿'], '话术')).toBe('话术中含有不允许使用的词：「赔偿」，请修改后再发送');
  });
});
