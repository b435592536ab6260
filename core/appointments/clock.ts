// The business clock: UTC+8 by fixed offset (China has no daylight saving time), whatever the server's
// time zone. Every function takes instants as `Date` and reads wall-clock fields through dayjs in UTC
// mode shifted by the offset — never through local-time methods, so TZ cannot change an answer.
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const BUSINESS_OFFSET_HOURS = 8;
const OFFSET_SUFFIX = '+08:00';
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A Dayjs (UTC mode) whose fields read the UTC+8 wall clock at `at`. */
function wall(at: Date): Dayjs {
  return dayjs.utc(at).add(BUSINESS_OFFSET_HOURS, 'hour');
}

/** `YYYY-MM-DD`: the calendar day in UTC+8 at this instant. */
export function businessDay(at: Date): string {
  return wall(at).format('YYYY-MM-DD');
}

/** ISO 8601 with `+08:00`, second precision: the canonical form of slot starts (`2026-11-27T09:00:00+08:00`). */
export function toBusinessIso(at: Date): string {
  return `${wall(at).format('YYYY-MM-DDTHH:mm:ss')}${OFFSET_SUFFIX}`;
}

/** `11月28日 10:00` in UTC+8: how a chat line names an appointment's start. */
export function shortChineseDateTime(at: Date): string {
  return wall(at).format('M月D日 HH:mm');
}

/** True for a real calendar day written `YYYY-MM-DD` (not `2026-02-30`). */
export function isCalendarDay(day: string): boolean {
  if (!DAY_PATTERN.test(day)) return false;
  const d = dayjs.utc(`${day}T00:00:00Z`);
  return d.isValid() && d.format('YYYY-MM-DD') === day;
}

/** Minutes after midnight of `HH:mm`, or NaN. */
export function minutesOfDay(hhmm: string): number {
  if (!HHMM_PATTERN.test(hhmm)) return Number.NaN;
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The instant at `minutes` after midnight of `day` in UTC+8. */
export function businessInstant(day: string, minutes: number): Date {
  return dayjs.utc(`${day}T00:00:00Z`).add(minutes, 'minute').subtract(BUSINESS_OFFSET_HOURS, 'hour').toDate();
}

/** Minutes after midnight (UTC+8) of this instant, with fractions for seconds. */
export function businessMinutes(at: Date): number {
  const w = wall(at);
  return w.hour() * 60 + w.minute() + w.second() / 60 + w.millisecond() / 60_000;
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return dayjs.utc(`${day}T00:00:00Z`).add(n, 'day').format('YYYY-MM-DD');
}

/** 1 = Monday … 7 = Sunday, of a calendar day. */
export function isoWeekday(day: string): number {
  const d = dayjs.utc(`${day}T00:00:00Z`).day();
  return d === 0 ? 7 : d;
}

/** Parses an ISO 8601 instant with an offset (`…+08:00` or `…Z`); null when it is not one. */
export function parseInstant(iso: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
}
