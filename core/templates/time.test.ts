import { describe, expect, it } from 'vitest';
import { businessDay, chineseDateTime, hhmmOf, inQuietHours, minuteOfDay, nextClockTime, parseHHmm } from './time';

// Instants written in UTC+8 so the intent reads plainly.
const at = (local: string) => new Date(`${local}+08:00`);

describe('UTC+8 clock', () => {
  it('days and minutes are read in UTC+8 whatever the server zone', () => {
    expect(businessDay(at('2026-11-27T00:30:00'))).toBe('2026-11-27');
    expect(businessDay(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
    expect(businessDay(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(minuteOfDay(at('2026-11-27T22:15:00'))).toBe(22 * 60 + 15);
    expect(hhmmOf(at('2026-11-27T07:05:00'))).toBe('07:05');
    expect(chineseDateTime(at('2026-01-02T03:04:00'))).toBe('2026年1月2日 03:04');
    expect(parseHHmm('08:30')).toBe(510);
    expect(() => parseHHmm('8:30')).toThrow();
  });
});

describe('quiet hours', () => {
  it('a window across midnight (22:00–08:00) holds from 22:00 up to, not including, 08:00', () => {
    expect(inQuietHours(at('2026-11-27T21:59:00'), '22:00', '08:00')).toBe(false);
    expect(inQuietHours(at('2026-11-27T22:00:00'), '22:00', '08:00')).toBe(true);
    expect(inQuietHours(at('2026-11-27T23:59:00'), '22:00', '08:00')).toBe(true);
    expect(inQuietHours(at('2026-11-28T00:00:00'), '22:00', '08:00')).toBe(true);
    expect(inQuietHours(at('2026-11-28T07:59:59'), '22:00', '08:00')).toBe(true);
    expect(inQuietHours(at('2026-11-28T08:00:00'), '22:00', '08:00')).toBe(false);
    expect(inQuietHours(at('2026-11-28T12:00:00'), '22:00', '08:00')).toBe(false);
  });

  it('a window within one day (12:00–14:00)', () => {
    expect(inQuietHours(at('2026-11-27T11:59:00'), '12:00', '14:00')).toBe(false);
    expect(inQuietHours(at('2026-11-27T12:00:00'), '12:00', '14:00')).toBe(true);
    expect(inQuietHours(at('2026-11-27T13:59:00'), '12:00', '14:00')).toBe(true);
    expect(inQuietHours(at('2026-11-27T14:00:00'), '12:00', '14:00')).toBe(false);
    expect(inQuietHours(at('2026-11-27T23:00:00'), '12:00', '14:00')).toBe(false);
  });

  it('equal start and end means no quiet hours', () => {
    expect(inQuietHours(at('2026-11-27T08:00:00'), '08:00', '08:00')).toBe(false);
    expect(inQuietHours(at('2026-11-27T23:00:00'), '08:00', '08:00')).toBe(false);
  });

  it('the next quiet end is later the same night or the next morning, in UTC+8', () => {
    expect(nextClockTime(at('2026-11-27T23:30:00'), '08:00')).toEqual(at('2026-11-28T08:00:00'));
    expect(nextClockTime(at('2026-11-28T02:00:00'), '08:00')).toEqual(at('2026-11-28T08:00:00'));
    expect(nextClockTime(at('2026-11-28T08:00:00'), '08:00')).toEqual(at('2026-11-29T08:00:00'));
    expect(nextClockTime(at('2026-11-28T07:59:59'), '08:00')).toEqual(at('2026-11-28T08:00:00'));
    // Across a month and a year end.
    expect(nextClockTime(at('2026-12-31T22:30:00'), '07:00')).toEqual(at('2027-01-01T07:00:00'));
    // 00:30 UTC+8 is the previous day in UTC: the local day still decides.
    expect(nextClockTime(at('2026-11-28T00:30:00'), '08:00')).toEqual(at('2026-11-28T08:00:00'));
  });
});
