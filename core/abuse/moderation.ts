// 话术审核: words an agent's reply may not contain, kept by supervisors and admins in
// `settings/moderation`. Matching is on normalized text (full/half width, case, common traditional
// characters, no whitespace), so 「ＶＸ」, 「vx」 and 「v x」 all hit the word 「VX」.
import { toHalfWidth, toSimplified } from '../faq/normalize';

/** At most this many words, each at most this long (characters). */
export const MODERATION_MAX_WORDS = 200;
export const MODERATION_WORD_MAX = 20;
export const MODERATION_ID = 'moderation';

/** Half width, lower case, simplified, whitespace and zero-width characters removed. */
export function normalizeForModeration(text: string): string {
  return toSimplified(toHalfWidth(text)).replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
}

/** The word list as saved: trimmed, empty and duplicate (after normalization) entries dropped, order kept. */
export function cleanWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words) {
    const word = raw.trim();
    const key = normalizeForModeration(word);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}

/** The listed words `text` contains, as the staff wrote them, in list order. */
export function forbiddenWordsIn(text: string, words: readonly string[]): string[] {
  const haystack = normalizeForModeration(text);
  if (haystack === '') return [];
  return words.filter((w) => {
    const needle = normalizeForModeration(w);
    return needle !== '' && haystack.includes(needle);
  });
}

/** The warning an agent reads; `what` names the text (回复, 话术, 答复…). */
export function moderationWarning(found: readonly string[], what = '回复'): string {
  return `${what}中含有不允许使用的词：${found.map((w) => `「${w}」`).join('')}，请修改后再发送`;
}
