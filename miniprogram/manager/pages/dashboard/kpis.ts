// The dashboard's numbers, pure: the periods of the range chips (UTC+8 days), the targets the KPI
// cards are coloured against (defaults; the stored ones come from stats.targets), and the change from the previous period.
import { addDays, businessDay, isCalendarDay } from '../../../../core/appointments/clock';
import type { StaffingHour } from '../../../../core/stats/staffing';
import { DEFAULT_STATS_TARGETS, type StatsTargetValues } from '../../../../core/stats/targets';
import { daysBetween, weekdayOf } from '../../../../core/stats/time';

/** The KPI cards' targets, as the cards compare against them. */
export interface KpiTargets {
  frt: Target;
  resolutionRate: Target;
  csat: Target;
  utilization: Target;
}

/** The cards' targets from the stored values (stats.targets): FRT at most, the others at least. */
export function kpiTargetsOf(t: StatsTargetValues): KpiTargets {
  return { frt: { max: t.frtSec }, resolutionRate: { min: t.resolutionRate }, csat: { min: t.csat }, utilization: { min: t.utilization } };
}

/**
 * The default service-level targets (common customer-service standards), used until `stats.targets`
 * answers or when nothing was saved: first response within 20 s, 75% resolved, CSAT 4.5 of 5, agents 85% busy.
 */
export const TARGETS: KpiTargets = kpiTargetsOf(DEFAULT_STATS_TARGETS);

export type Target = { readonly min: number } | { readonly max: number };

export type RangeKey = 'today' | '7d' | '30d' | '90d';
export const RANGE_DAYS: Record<RangeKey, number> = { today: 1, '7d': 7, '30d': 30, '90d': 90 };
export const DEFAULT_RANGE: RangeKey = '7d';

export interface Period {
  from: string;
  to: string;
}

/** The inclusive UTC+8 days of a range ending today (whatever the device's time zone). */
export function periodOf(range: RangeKey, now: Date): Period {
  const to = businessDay(now);
  return { from: addDays(to, 1 - RANGE_DAYS[range]), to };
}

/** The chips: a fixed range ending today, or a custom period. */
export type RangeChoice = RangeKey | 'custom';

/** Longest custom period: the stats API's limit (MAX_PERIOD_DAYS of core/schemas/stats.schema). */
export const MAX_CUSTOM_DAYS = 366;
/** Longest look-back of the unanswered questions (faq.unanswered `days`). */
export const MAX_UNANSWERED_DAYS = 365;

export const CUSTOM_RANGE_TEXT = {
  missing: '请选择开始日期和结束日期',
  invalid: '日期格式应为 YYYY-MM-DD',
  future: '日期不能晚于今天（北京时间）',
  reversed: '结束日期不能早于开始日期',
  tooLong: `自定义范围最长 ${MAX_CUSTOM_DAYS} 天，请缩短查询范围`,
} as const;

/** Why a custom period cannot be asked for (null when it can): real days, not after today (UTC+8), in order, at most 366 days. */
export function customRangeProblem(from: string, to: string, now: Date): string | null {
  if (!from || !to) return CUSTOM_RANGE_TEXT.missing;
  if (!isCalendarDay(from) || !isCalendarDay(to)) return CUSTOM_RANGE_TEXT.invalid;
  const today = businessDay(now);
  if (from > today || to > today) return CUSTOM_RANGE_TEXT.future;
  if (to < from) return CUSTOM_RANGE_TEXT.reversed;
  if (daysBetween(from, to) > MAX_CUSTOM_DAYS) return CUSTOM_RANGE_TEXT.tooLong;
  return null;
}

/** The period the chips ask for: the custom one when chosen, else the fixed range ending `today` (UTC+8 day). */
export function periodFor(range: RangeChoice, custom: Period | null, today: string): Period {
  if (range === 'custom' && custom) return custom;
  const fixed = range === 'custom' ? DEFAULT_RANGE : range;
  return { from: addDays(today, 1 - RANGE_DAYS[fixed]), to: today };
}

/** The number of days the period covers (inclusive). */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to);
}

/** The unanswered questions' look-back for a period: from its first day to today (UTC+8), at most 365 days. */
export function unansweredDays(p: Period, now: Date): number {
  return Math.min(MAX_UNANSWERED_DAYS, Math.max(1, daysBetween(p.from, businessDay(now))));
}

/** The custom chip's label: 「自定义」, or the period chosen (`11-01 至 11-30`; the year shown when not this year's). */
export function customChipLabel(p: Period | null, now: Date): string {
  if (!p) return '自定义';
  const year = businessDay(now).slice(0, 4);
  const short = (d: string) => (d.slice(0, 4) === year ? d.slice(5) : d);
  return p.from === p.to ? short(p.from) : `${short(p.from)} 至 ${short(p.to)}`;
}

export type TargetStatus = 'met' | 'missed' | 'none';

/** Whether a value meets its target; 'none' without a target or without a value. */
export function targetStatus(value: number | null, target?: Target): TargetStatus {
  if (!target || value === null || !Number.isFinite(value)) return 'none';
  if ('max' in target) return value <= target.max ? 'met' : 'missed';
  return value >= target.min ? 'met' : 'missed';
}

export interface Change {
  direction: 'up' | 'down' | 'flat';
  /** Relative change in percent, one decimal, not signed. */
  percent: number;
}

/** The change from the previous period's value; null when either is missing or the previous is 0 (and now is not). */
export function changeOf(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (previous === 0) return current === 0 ? { direction: 'flat', percent: 0 } : null;
  const percent = Math.round((Math.abs(current - previous) / Math.abs(previous)) * 1000) / 10;
  if (percent === 0) return { direction: 'flat', percent: 0 };
  return { direction: current > previous ? 'up' : 'down', percent };
}

/** Today's weekday on the UTC+8 clock: 1 = Monday … 7 = Sunday. */
export function weekdayToday(now: Date): number {
  return weekdayOf(businessDay(now));
}

export interface StaffingRow {
  hour: number;
  needed: number;
  online: number;
  /** More agents needed than were online on average. */
  short: boolean;
}

/** The 24 hours of one weekday of the staffing advice, in order (an hour missing from the answer reads 0). */
export function staffingDay(hours: readonly StaffingHour[], weekday: number): StaffingRow[] {
  return Array.from({ length: 24 }, (_x, hour) => {
    const h = hours.find((x) => x.weekday === weekday && x.hour === hour);
    const needed = h?.agentsNeeded ?? 0;
    const online = h?.agentsOnline ?? 0;
    return { hour, needed, online, short: needed > online };
  });
}
