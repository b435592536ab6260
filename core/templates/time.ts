// Business-time math for notifications, on the UTC+8 clock whatever the server's zone
// (China has no daylight saving time, so a fixed offset is exact).

export const BUSINESS_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The wall clock of `d` in UTC+8, read through the UTC getters of a shifted Date. */
function shifted(d: Date): Date {
  return new Date(d.getTime() + BUSINESS_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of `d` in UTC+8. */
export function businessDay(d: Date): string {
  const s = shifted(d);
  return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`;
}

/** Minutes since midnight of `d` in UTC+8 (0–1439). */
export function minuteOfDay(d: Date): number {
  const s = shifted(d);
  return s.getUTCHours() * 60 + s.getUTCMinutes();
}

/** `HH:mm` → minutes since midnight; throws on anything else (inputs are validated before). */
export function parseHHmm(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`not a HH:mm time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `HH:mm` of `d` in UTC+8. */
export function hhmmOf(d: Date): string {
  const s = shifted(d);
  return `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}

/** `2019年10月1日` (UTC+8), as WeChat's date fields show it. */
export function chineseDate(d: Date): string {
  const s = shifted(d);
  return `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日`;
}

/** `2019年10月1日 15:01` (UTC+8), as WeChat's time fields show it. */
export function chineseDateTime(d: Date): string {
  return `${chineseDate(d)} ${hhmmOf(d)}`;
}

/**
 * Whether `now` falls in the quiet hours `[start, end)` (UTC+8). A window may wrap midnight
 * (22:00–08:00); `start === end` means no quiet hours at all.
 */
export function inQuietHours(now: Date, start: string, end: string): boolean {
  const s = parseHHmm(start);
  const e = parseHHmm(end);
  if (s === e) return false;
  const m = minuteOfDay(now);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** The next moment (strictly after `now`) the UTC+8 clock shows `end`: when queued messages may go. */
export function nextClockTime(now: Date, end: string): Date {
  const s = shifted(now);
  const midnight = Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), s.getUTCDate()) - BUSINESS_OFFSET_MS;
  let at = midnight + parseHHmm(end) * 60_000;
  if (at <= now.getTime()) at += DAY_MS;
  return new Date(at);
}
