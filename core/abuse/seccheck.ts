// WeChat's text content check (`security.msgSecCheck`, version 2) as the functions use it on what
// customers write: what the answer means for the text. Pure: the call itself is in cloudfunctions.

/** 1 资料 · 2 评论 · 3 论坛 · 4 社交日志 (WeChat's enumeration). */
export const SEC_CHECK_SCENE = 1;
/** WeChat checks at most 2,500 characters; longer texts are checked by their first 2,500. */
export const SEC_CHECK_MAX_CHARS = 2500;
export const SEC_CHECK_REFUSED = '消息可能包含违规内容，未能发送';

/** `pass`: store it; `review`: store it, flagged for staff; `risky`: refuse it; `unchecked`: the check failed (fail open). */
export type SecVerdict = 'pass' | 'review' | 'risky' | 'unchecked';

/** The verdict of a version-2 answer (`{result: {suggest, label}}`, camel-cased by the SDK). */
export function verdictOf(answer: unknown): SecVerdict {
  const suggest = (answer as { result?: { suggest?: unknown } } | null)?.result?.suggest;
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'unchecked';
}
