// Business hours: when people are on duty, on the UTC+8 clock whatever the server's time zone (China has
// no daylight saving time, so a fixed offset is exact). Outside them a hand-off stays with the bot and the
// customer is offered a message (留言) or an appointment (预约).
import { BUSINESS_OFFSET_MS, minuteOfDay, parseHHmm } from '../templates/time';

export interface BusinessHours {
  /** Weekdays on duty: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** `HH:mm` (UTC+8); the interval is [start, end). end < start crosses midnight; start == end: all day. */
  start: string;
  end: string;
}

export const ALL_DAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7];

/** Every day, all day: the default, so a fresh install (and the demo) is always open. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = { days: ALL_DAYS, start: '00:00', end: '00:00' };

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Weekday of an instant in UTC+8, 1 = Monday … 7 = Sunday. */
export function businessWeekday(nowMs: number): number {
  const d = new Date(nowMs + BUSINESS_OFFSET_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Whether `nowMs` (epoch ms) falls in the business hours. A night shift belongs to the day it starts on. */
export function inBusinessHours(nowMs: number, hours: BusinessHours): boolean {
  const day = businessWeekday(nowMs);
  const s = parseHHmm(hours.start);
  const e = parseHHmm(hours.end);
  if (s === e) return hours.days.includes(day);
  const m = minuteOfDay(new Date(nowMs));
  if (s < e) return hours.days.includes(day) && m >= s && m < e;
  // Crosses midnight: the evening part today, or the early part of a shift that began yesterday.
  const yesterday = day === 1 ? 7 : day - 1;
  return (m >= s && hours.days.includes(day)) || (m < e && hours.days.includes(yesterday));
}

/** Sorted, without duplicates or values outside 1–7. */
export function normalizeDays(days: readonly number[]): number[] {
  return [...new Set(days)].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort((a, b) => a - b);
}

/** `每天`, `周一至周五` (a run of 3 or more), or `周一、周三、周五`. */
export function daysText(days: readonly number[]): string {
  const list = normalizeDays(days);
  if (list.length === 7) return '每天';
  if (list.length === 0) return '无';
  const consecutive = list.every((d, i) => i === 0 || d === list[i - 1]! + 1);
  if (consecutive && list.length >= 3) return `${DAY_NAMES[list[0]!]}至${DAY_NAMES[list.at(-1)!]}`;
  return list.map((d) => DAY_NAMES[d]).join('、');
}

/** Business hours in words: 「周一至周五 09:00–18:00」, 「每天 全天」, 「每天 22:00–次日06:00」. */
export function hoursText(hours: BusinessHours): string {
  const s = parseHHmm(hours.start);
  const e = parseHHmm(hours.end);
  const time = s === e ? '全天' : `${hours.start}–${e < s ? '次日' : ''}${hours.end}`;
  return `${daysText(hours.days)} ${time}`;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Stored business hours made safe to use (anything malformed falls back to the default). */
export function parseBusinessHours(raw: unknown): BusinessHours {
  const v = raw as Partial<BusinessHours> | null | undefined;
  if (!v || typeof v !== 'object' || !Array.isArray(v.days) || typeof v.start !== 'string' || typeof v.end !== 'string') return DEFAULT_BUSINESS_HOURS;
  const days = normalizeDays(v.days);
  if (days.length === 0 || !HHMM.test(v.start) || !HHMM.test(v.end)) return DEFAULT_BUSINESS_HOURS;
  return { days, start: v.start, end: v.end };
}
