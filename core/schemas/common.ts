import { z } from 'zod';

/** Document ids: what the database generates, or readable seed ids such as `cat-billing`. */
export const id = z.string().trim().min(1, '不能为空').max(64, '过长').regex(/^[A-Za-z0-9_-]+$/, '格式不正确');

/** A line of user text: trimmed, not empty, bounded. */
export function text(max: number) {
  return z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`);
}

export const empty = z.object({});

/** A clock time `HH:mm` (24-hour). */
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');

/** Mainland China mobile number: 11 digits starting 1[3-9]; spaces and dashes are ignored. */
export const mainlandMobile = z
  .string()
  .max(32, '请输入有效的 11 位中国大陆手机号')
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, '请输入有效的 11 位中国大陆手机号'));
