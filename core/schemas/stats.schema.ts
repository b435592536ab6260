import { z } from 'zod';
import { daysBetween, isDayKey } from '../stats/time';
import { TIMESERIES_METRICS } from '../stats/aggregate';
import { STATS_TARGET_RANGES as R } from '../stats/targets';
import { id } from './common';

/** Longest period a report may cover. */
export const MAX_PERIOD_DAYS = 366;
/** Longest period an hourly series may cover; beyond it the series is given by day (`clamped`). */
export const MAX_HOURLY_DAYS = 31;

/** A calendar day `YYYY-MM-DD` in UTC+8. */
export const statsDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isDayKey, '日期不存在');

/** Inclusive period of days: `to` not before `from`, at most 366 days. */
function checkPeriod(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  // zod runs this even when a day failed its own checks (already reported): judge only two real days.
  if (!isDayKey(String(v.from)) || !isDayKey(String(v.to))) return;
  if (v.to < v.from) ctx.addIssue({ code: 'custom', message: '结束日期不能早于开始日期' });
  else if (daysBetween(v.from, v.to) > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', message: `统计时间范围最长 ${MAX_PERIOD_DAYS} 天，请缩短查询范围` });
}

/** Managers and QA may narrow a report to a skill group or an agent; agents always see their own. */
const scope = { groupId: id.optional(), agentId: z.string().trim().min(1).max(128).optional() };

export const statsSchemas = {
  overview: z.object({ from: statsDay, to: statsDay, ...scope }).superRefine(checkPeriod),
  timeseries: z
    .object({
      from: statsDay,
      to: statsDay,
      ...scope,
      metric: z.enum(TIMESERIES_METRICS, { message: `未知的指标，可选：${TIMESERIES_METRICS.join('、')}` }),
      granularity: z.enum(['hour', 'day', 'week'], { message: '粒度只能是 hour、day 或 week' }).default('day'),
    })
    .superRefine(checkPeriod),
  agents: z.object({ from: statsDay, to: statsDay }).superRefine(checkPeriod),
  categories: z.object({ from: statsDay, to: statsDay }).superRefine(checkPeriod),
  staffing: z.object({
    /** Answer within this many seconds … */
    targetSec: z.number().int().min(1).max(3600).default(20),
    /** … for this share of customers. */
    level: z.number().min(0.5).max(0.99).default(0.8),
  }),
  rollup: z.object({ day: statsDay }),
  targets: z.object({}),
  saveTargets: z.object({
    frtSec: z
      .number({ message: '首次响应目标应为数字（秒）' })
      .int('首次响应目标应为整数秒')
      .min(R.frtSec.min, `首次响应目标应在 ${R.frtSec.min}–${R.frtSec.max} 秒之间`)
      .max(R.frtSec.max, `首次响应目标应在 ${R.frtSec.min}–${R.frtSec.max} 秒之间`),
    resolutionRate: z
      .number({ message: '解决率目标应为 0–1 之间的数字' })
      .min(R.resolutionRate.min, '解决率目标应在 0%–100% 之间')
      .max(R.resolutionRate.max, '解决率目标应在 0%–100% 之间'),
    csat: z
      .number({ message: '满意度目标应为 1–5 之间的数字' })
      .min(R.csat.min, `满意度目标应在 ${R.csat.min}–${R.csat.max} 分之间`)
      .max(R.csat.max, `满意度目标应在 ${R.csat.min}–${R.csat.max} 分之间`),
    utilization: z
      .number({ message: '坐席利用率目标应为 0–1 之间的数字' })
      .min(R.utilization.min, '坐席利用率目标应在 0%–100% 之间')
      .max(R.utilization.max, '坐席利用率目标应在 0%–100% 之间'),
  }),
} as const;
