import { z } from 'zod';

/** Document ids: what the database generates, or readable seed ids such as `cat-billing`. */
export const id = z.string().trim().min(1, '不能为空').max(64, '过长').regex(/^[A-Za-z0-9_-]+$/, '格式不正确');

/** A line of user text: trimmed, not empty, bounded. */
export function text(max: number) {
  return z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`);
}

export const empty = z.object({});
