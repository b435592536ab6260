// Calendar math of the reports, on the UTC+8 business clock whatever the server's zone (China has no
// daylight saving time, so a fixed offset is exact). Days are `YYYY-MM-DD` in UTC+8; a period
// `{from, to}` is inclusive of both days; buckets are keyed by when they start.
import { BUSINESS_OFFSET_MS } from '../templates/time';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export type Granularity = 'hour' | 'day' | 'week';

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of an instant (epoch ms or Date) in UTC+8. */
export function dayKey(at: number | Date): string {
  const s = new Date((typeof at === 'number' ? at : at.getTime()) + BUSINESS_OFFSET_MS);
  return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`;
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDayKey(day: string): boolean {
  const m = DAY_PATTERN.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Epoch ms of 00:00 (UTC+8) of a day. */
export function dayStart(day: string): number {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - BUSINESS_OFFSET_MS;
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  return dayKey(dayStart(day) + n * DAY_MS);
}

/** Number of days from `from` to `to`, both included (0 when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((dayStart(to) - dayStart(from)) / DAY_MS) + 1);
}

/** Every day of the inclusive period, in order. */
export function listDays(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(addDays(from, i));
  return out;
}

/** `[start, end)` in epoch ms of the inclusive period of days. */
export function periodRange(from: string, to: string): { start: number; end: number } {
  return { start: dayStart(from), end: dayStart(to) + DAY_MS };
}

/** The same-length period just before `{from, to}` (for "compared with the previous period"). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = daysBetween(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

/** 1 = Monday … 7 = Sunday, of a day. */
export function weekdayOf(day: string): number {
  const d = new Date(dayStart(day) + BUSINESS_OFFSET_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the (ISO) week a day belongs to. */
export function weekStart(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** Hour of the day (0–23) in UTC+8. */
export function hourOf(at: number | Date): number {
  return new Date((typeof at === 'number' ? at : at.getTime()) + BUSINESS_OFFSET_MS).getUTCHours();
}

/** Hour of the week, 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00 (UTC+8). */
export function hourOfWeek(at: number | Date): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return (weekdayOf(dayKey(ms)) - 1) * 24 + hourOf(ms);
}

/** `2026-11-30T09:00:00+08:00`: the key of an hour bucket. */
export function hourKey(day: string, hour: number): string {
  return `${day}T${pad(hour)}:00:00+08:00`;
}

/**
 * The key of the bucket an instant falls in: the hour (`YYYY-MM-DDTHH:00:00+08:00`), the day
 * (`YYYY-MM-DD`) or the week (`YYYY-MM-DD` of its Monday), all on the UTC+8 clock.
 */
export function bucketKey(at: number | Date, granularity: Granularity): string {
  const day = dayKey(at);
  if (granularity === 'day') return day;
  if (granularity === 'week') return weekStart(day);
  return hourKey(day, hourOf(at));
}

/** Every bucket key of the inclusive period, in order (weeks: each week that has a day in it). */
export function bucketKeys(from: string, to: string, granularity: Granularity): string[] {
  const days = listDays(from, to);
  if (granularity === 'day') return days;
  if (granularity === 'week') return [...new Set(days.map(weekStart))];
  const out: string[] = [];
  for (const d of days) for (let h = 0; h < 24; h++) out.push(hourKey(d, h));
  return out;
}
