// Export kinds, formats and UTC+8 day ranges: what `admin.exportStart` validates (core/schemas imports
// this file only, so the schemas stay free of the row builders' imports).
import { BUSINESS_OFFSET_MS } from '../templates/time';

export const EXPORT_KINDS = ['conversations', 'appointments'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Which formats each kind can be written as. */
export const KIND_FORMATS: Record<ExportKind, readonly ExportFormat[]> = { conversations: ['csv', 'json'], appointments: ['csv'] };
export const MAX_EXPORT_DAYS = 366;
/** Conversations (or appointments) per chunk: one chunk per `exportStatus` call keeps every invocation short. */
export const EXPORT_CHUNK = 500;

const DAY_MS = 24 * 3600_000;

/** `YYYY-MM-DD` → ms since epoch of its UTC midnight; NaN when it is not a real calendar day. */
function dayMs(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  return back.getUTCFullYear() === Number(m[1]) && back.getUTCMonth() + 1 === Number(m[2]) && back.getUTCDate() === Number(m[3]) ? ms : NaN;
}

export function isCalendarDay(day: string): boolean {
  return !Number.isNaN(dayMs(day));
}

/** Days in `[from, to]` inclusive; 0 or less when reversed. */
export function daysInRange(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;
}

/** The instants of a UTC+8 day range: `[start, end)`, `end` being midnight after `to`. */
export function rangeBounds(from: string, to: string): { start: Date; end: Date } {
  return { start: new Date(dayMs(from) - BUSINESS_OFFSET_MS), end: new Date(dayMs(to) + DAY_MS - BUSINESS_OFFSET_MS) };
}

/** The UTC+8 day `n` days before the day of `now` (0 = today). */
export function businessDayBefore(now: Date, n: number): string {
  return new Date(now.getTime() + BUSINESS_OFFSET_MS - n * DAY_MS).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:mm:ss` in UTC+8 (what a spreadsheet shows as a date-time). */
export function businessDateTime(d: Date): string {
  const s = new Date(d.getTime() + BUSINESS_OFFSET_MS);
  return `${s.toISOString().slice(0, 10)} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}`;
}

