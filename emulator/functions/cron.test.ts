import { describe, expect, it } from 'vitest';
import { cronMatches, parseCron } from './cron';

// Instants are written in UTC; the cron reads them on the UTC+8 clock.
const at = (iso: string) => new Date(iso);

describe('cron (7 fields, UTC+8)', () => {
  it('fires at the given second, minute and hour in UTC+8', () => {
    const cron = parseCron('0 5 2 * * * *');
    expect(cronMatches(cron, at('2026-11-25T18:05:00Z'))).toBe(true); // 02:05:00 UTC+8 on the 26th
    expect(cronMatches(cron, at('2026-11-26T02:05:00Z'))).toBe(false); // 10:05 UTC+8
    expect(cronMatches(cron, at('2026-11-25T18:05:01Z'))).toBe(false);
  });

  it('crosses the UTC+8 day boundary: 00:10 local is 16:10 UTC the day before', () => {
    const cron = parseCron('0 10 0 1 * * *'); // first day of the month, 00:10
    expect(cronMatches(cron, at('2026-11-30T16:10:00Z'))).toBe(true); // Dec 1st 00:10 UTC+8
    expect(cronMatches(cron, at('2026-12-01T00:10:00Z'))).toBe(false);
  });

  it('supports steps, ranges, lists and names', () => {
    const every5 = parseCron('*/5 * * * * * *');
    expect(cronMatches(every5, at('2026-01-01T00:00:10Z'))).toBe(true);
    expect(cronMatches(every5, at('2026-01-01T00:00:11Z'))).toBe(false);
    const fromOne = parseCron('0 1/10 * * * * *');
    expect(cronMatches(fromOne, at('2026-01-01T00:21:00Z'))).toBe(true);
    expect(cronMatches(fromOne, at('2026-01-01T00:20:00Z'))).toBe(false);
    const weekdays = parseCron('0 15 10 * * MON-FRI *');
    expect(cronMatches(weekdays, at('2026-11-26T02:15:00Z'))).toBe(true); // Thursday 10:15 UTC+8
    expect(cronMatches(weekdays, at('2026-11-29T02:15:00Z'))).toBe(false); // Sunday
    const hours = parseCron('0 0 10,14,16 * * * *');
    expect(cronMatches(hours, at('2026-11-26T06:00:00Z'))).toBe(true); // 14:00 UTC+8
  });

  it('weekday 0 is Sunday; day and weekday both restricted means either', () => {
    const sunday = parseCron('0 0 12 * * 0 *');
    expect(cronMatches(sunday, at('2026-11-29T04:00:00Z'))).toBe(true);
    const either = parseCron('0 0 12 1 * 0 *');
    expect(cronMatches(either, at('2026-12-01T04:00:00Z'))).toBe(true); // the 1st, a Tuesday
    expect(cronMatches(either, at('2026-12-06T04:00:00Z'))).toBe(true); // a Sunday
    expect(cronMatches(either, at('2026-12-02T04:00:00Z'))).toBe(false);
  });

  it('rejects malformed expressions', () => {
    expect(() => parseCron('* * * * *')).toThrow(/7 fields/);
    expect(() => parseCron('61 * * * * * *')).toThrow();
    expect(() => parseCron('0 0 0 * * FUNDAY *')).toThrow();
    expect(() => parseCron('0 */0 * * * * *')).toThrow();
  });
});
