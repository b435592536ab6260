import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Validation messages are shown to users: Simplified Chinese. Only this locale is bundled.
z.config(zhCN());

/** One plain sentence from a zod error: the first problem and where it is. */
export function formatZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '输入有误';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}：` : '';
  return `输入有误：${where}${issue.message}`;
}

/** Deepest nesting of objects and arrays an event may have (the deepest schema needs 4). */
export const EVENT_MAX_DEPTH = 16;

/**
 * What makes an event unacceptable whatever its action: a string holding a NUL or an unpaired UTF-16
 * surrogate (no client sends them; they break text handling downstream), or nesting deeper than
 * {@link EVENT_MAX_DEPTH}. Null when the event is fine. Checked before any schema runs.
 */
export function eventProblem(event: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: event, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasBadCharacter(value)) return '输入有误：包含无法识别的字符';
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= EVENT_MAX_DEPTH) return '输入有误：层级过深';
      for (const [key, inner] of Object.entries(value)) stack.push({ value: key, depth }, { value: inner, depth: depth + 1 });
    }
  }
  return null;
}

/** Whether objects/arrays in `value` nest `max` levels deep or more (the emulator gateway's body limit). */
export function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const inner of Object.values(v)) stack.push([inner, depth + 1]);
  }
  return false;
}

/** NUL, a high surrogate not followed by a low one, or a low surrogate not after a high one. */
function hasBadCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
