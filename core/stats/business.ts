// Durations counted in business hours only: the "business-hours FRT" beside the plain one (a hand-off
// at 17:59 answered at 09:01 the next morning waited 2 business minutes, not 15 hours).
import type { BusinessHours } from '../routing/hours';
import { parseHHmm } from '../templates/time';
import { addDays, dayKey, dayStart, DAY_MS, weekdayOf } from './time';

const MINUTE_MS = 60_000;

/** The on-duty intervals `[start, end)` (epoch ms) of the shift that begins on `day`, if it is a working day. */
function shiftOf(day: string, hours: BusinessHours): [number, number] | null {
  if (!hours.days.includes(weekdayOf(day))) return null;
  const base = dayStart(day);
  const s = parseHHmm(hours.start);
  const e = parseHHmm(hours.end);
  if (s === e) return [base, base + DAY_MS];
  if (s < e) return [base + s * MINUTE_MS, base + e * MINUTE_MS];
  // Crosses midnight: a night shift belongs to the day it starts on.
  return [base + s * MINUTE_MS, base + DAY_MS + e * MINUTE_MS];
}

/** Whole seconds of `[fromMs, toMs)` inside the business hours (0 when `to` ≤ `from`). */
export function businessSeconds(fromMs: number, toMs: number, hours: BusinessHours): number {
  if (!(toMs > fromMs)) return 0;
  let total = 0;
  // Start a day early: yesterday's night shift may reach into `from`'s day.
  const last = dayKey(toMs);
  for (let day = addDays(dayKey(fromMs), -1); ; day = addDays(day, 1)) {
    const shift = shiftOf(day, hours);
    if (shift) total += Math.max(0, Math.min(toMs, shift[1]) - Math.max(fromMs, shift[0]));
    if (day === last) break;
  }
  return Math.round(total / 1000);
}
