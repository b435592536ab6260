// When chat messages were written, on the business clock (UTC+8) whatever the phone's time zone is.
import dayjs from 'dayjs';
import { businessToday, clock, dateOf, monthDay } from '../booking/time';

/** Messages further apart than this get a time line between them. */
export const TIME_GAP_MS = 5 * 60 * 1000;

/** `14:30` today, `11月25日 14:30` this year, `2024年11月25日 14:30` before. */
export function chatTime(iso: string, now: number = Date.now()): string {
  const date = dateOf(iso);
  const today = businessToday(now);
  if (date === today) return clock(iso);
  const day = monthDay(date);
  return date.slice(0, 4) === today.slice(0, 4) ? `${day} ${clock(iso)}` : `${date.slice(0, 4)}年${day} ${clock(iso)}`;
}

/** Whether a time line goes before `current` (the first message always gets one). */
export function needsTimeLine(previous: string | undefined, current: string): boolean {
  if (previous === undefined) return true;
  return Math.abs(dayjs(current).valueOf() - dayjs(previous).valueOf()) > TIME_GAP_MS;
}
