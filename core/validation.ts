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
