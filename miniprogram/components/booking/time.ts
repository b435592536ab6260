// Dates and times of appointments, always read on the business clock (UTC+8, no daylight saving),
// whatever the phone's own time zone is.
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

const OFFSET_HOURS = 8;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** A Dayjs in UTC mode whose fields read the UTC+8 wall clock. */
function wall(at: string | Date | number): Dayjs {
  return dayjs.utc(at).add(OFFSET_HOURS, 'hour');
}

function dayOf(date: string): Dayjs {
  return dayjs.utc(`${date}T00:00:00Z`);
}

/** `YYYY-MM-DD` of today (or of `at`) in UTC+8. */
export function businessToday(at: Date | number = Date.now()): string {
  return wall(at).format('YYYY-MM-DD');
}

/** `date` plus `n` days. */
export function shiftDay(date: string, n: number): string {
  return dayOf(date).add(n, 'day').format('YYYY-MM-DD');
}

/** `周五` for a `YYYY-MM-DD`. */
export function weekdayOf(date: string): string {
  return WEEKDAYS[dayOf(date).day()] ?? '';
}

/** 1 = Monday … 7 = Sunday, as services list their working days. */
export function isoWeekday(date: string): number {
  return dayOf(date).day() || 7;
}

/** `11月27日` for a `YYYY-MM-DD`. */
export function monthDay(date: string): string {
  return dayOf(date).format('M月D日');
}

/** `11/27` for a `YYYY-MM-DD`. */
export function shortMonthDay(date: string): string {
  return dayOf(date).format('M/D');
}

/** `09:00` of an instant, in UTC+8. */
export function clock(iso: string): string {
  return wall(iso).format('HH:mm');
}

/** `YYYY-MM-DD` of an instant, in UTC+8. */
export function dateOf(iso: string): string {
  return wall(iso).format('YYYY-MM-DD');
}

/** `09:00–11:00`. */
export function timeRange(start: string, end: string): string {
  return `${clock(start)}–${clock(end)}`;
}

/** `11月27日 周五 09:00–11:00` (the end's day is omitted: appointments stay within a day). */
export function slotLabel(start: string, end: string): string {
  const date = dateOf(start);
  return `${monthDay(date)} ${weekdayOf(date)} ${timeRange(start, end)}`;
}

/** `2025-11-26 14:30` in UTC+8, for records (outbox, created at). */
export function stamp(iso: string): string {
  const d = dayjs.utc(iso);
  return d.isValid() ? wall(iso).format('YYYY-MM-DD HH:mm') : iso;
}

/** True once the instant has passed. */
export function isPast(iso: string, now: number = Date.now()): boolean {
  return dayjs.utc(iso).valueOf() <= now;
}
