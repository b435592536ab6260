import { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_KINDS, KIND_FORMATS, MAX_EXPORT_DAYS, daysInRange, isCalendarDay } from '../export/range';
import { id } from './common';

/** A calendar day `YYYY-MM-DD` in UTC+8. */
const exportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isCalendarDay, '日期不存在');

export const exportSchemas = {
  /** Start an export job (supervisors and admins; `unmasked` admins only). */
  exportStart: z
    .object({
      kind: z.enum(EXPORT_KINDS, { message: '导出类型只能是 conversations 或 appointments' }),
      format: z.enum(EXPORT_FORMATS, { message: '导出格式只能是 csv 或 json' }),
      from: exportDay,
      to: exportDay,
      unmasked: z.boolean().default(false),
    })
    .superRefine((v, ctx) => {
      // zod runs this even when a field failed its own checks (already reported): judge only valid ones.
      if (!EXPORT_KINDS.includes(v.kind) || !EXPORT_FORMATS.includes(v.format) || !isCalendarDay(String(v.from)) || !isCalendarDay(String(v.to))) return;
      if (v.to < v.from) ctx.addIssue({ code: 'custom', message: '结束日期不能早于开始日期' });
      else if (daysInRange(v.from, v.to) > MAX_EXPORT_DAYS) ctx.addIssue({ code: 'custom', message: `导出时间范围最长 ${MAX_EXPORT_DAYS} 天，请缩短范围` });
      if (!KIND_FORMATS[v.kind].includes(v.format)) ctx.addIssue({ code: 'custom', message: '预约只能导出为 CSV' });
    }),
  /** The job's progress; advances it by one chunk when it is not done. */
  exportStatus: z.object({ id }),
} as const;
