import { describe, expect, it } from 'vitest';
import { businessWeekday, DEFAULT_BUSINESS_HOURS, daysText, hoursText, inBusinessHours, parseBusinessHours, type BusinessHours } from '.';

/** An instant given as the UTC+8 wall clock, e.g. `2026-11-23T09:00` (a Monday). */
const at = (local: string) => new Date(`${local}:00+08:00`).getTime();
const WEEKDAYS: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
const NIGHT: BusinessHours = { days: [5], start: '22:00', end: '06:00' };

describe('business hours (UTC+8)', () => {
  it('reads the weekday on the UTC+8 clock, not the server one', () => {
    // 2026-11-23 00:30 in UTC+8 is still Sunday 16:30 in UTC.
    expect(businessWeekday(at('2026-11-23T00:30'))).toBe(1);
    expect(businessWeekday(at('2026-11-22T23:59'))).toBe(7);
  });

  it('an interval is [start, end) on the listed days', () => {
    expect(inBusinessHours(at('2026-11-23T08:59'), WEEKDAYS)).toBe(false);
    expect(inBusinessHours(at('2026-11-23T09:00'), WEEKDAYS)).toBe(true);
    expect(inBusinessHours(at('2026-11-23T17:59'), WEEKDAYS)).toBe(true);
    expect(inBusinessHours(at('2026-11-23T18:00'), WEEKDAYS)).toBe(false);
    // Saturday, same hour.
    expect(inBusinessHours(at('2026-11-28T10:00'), WEEKDAYS)).toBe(false);
    // Friday 10:00 UTC+8 is Friday 02:00 UTC; Monday 08:00 UTC+8 is Monday 00:00 UTC.
    expect(inBusinessHours(at('2026-11-27T10:00'), WEEKDAYS)).toBe(true);
    expect(inBusinessHours(at('2026-11-23T08:00'), WEEKDAYS)).toBe(false);
  });

  it('end before start crosses midnight: the shift belongs to the day it starts on', () => {
    expect(inBusinessHours(at('2026-11-27T21:59'), NIGHT)).toBe(false);
    expect(inBusinessHours(at('2026-11-27T22:00'), NIGHT)).toBe(true);
    expect(inBusinessHours(at('2026-11-28T05:59'), NIGHT)).toBe(true);
    expect(inBusinessHours(at('2026-11-28T06:00'), NIGHT)).toBe(false);
    // Friday early morning belongs to Thursday's shift, which does not exist.
    expect(inBusinessHours(at('2026-11-27T02:00'), NIGHT)).toBe(false);
    // Saturday 22:00 is not a shift either.
    expect(inBusinessHours(at('2026-11-28T23:00'), NIGHT)).toBe(false);
    // Sunday's night shift runs into Monday morning (7 → 1).
    expect(inBusinessHours(at('2026-11-23T03:00'), { days: [7], start: '20:00', end: '04:00' })).toBe(true);
  });

  it('start == end is all day on the listed days; the default is always open', () => {
    const weekend: BusinessHours = { days: [6, 7], start: '08:00', end: '08:00' };
    expect(inBusinessHours(at('2026-11-28T00:00'), weekend)).toBe(true);
    expect(inBusinessHours(at('2026-11-29T23:59'), weekend)).toBe(true);
    expect(inBusinessHours(at('2026-11-30T00:00'), weekend)).toBe(false);
    for (const t of ['2026-11-23T00:00', '2026-11-25T12:34', '2026-11-29T23:59']) expect(inBusinessHours(at(t), DEFAULT_BUSINESS_HOURS)).toBe(true);
  });

  it('describes the hours in words', () => {
    expect(hoursText(WEEKDAYS)).toBe('周一至周五 09:00–18:00');
    expect(hoursText(DEFAULT_BUSINESS_HOURS)).toBe('每天 全天');
    expect(hoursText(NIGHT)).toBe('周五 22:00–次日06:00');
    expect(daysText([6, 7])).toBe('周六、周日');
    expect(daysText([3, 1, 5, 1])).toBe('周一、周三、周五');
    expect(daysText([7, 6, 5, 4])).toBe('周四至周日');
  });

  it('stored hours that are malformed fall back to the default', () => {
    expect(parseBusinessHours(undefined)).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(parseBusinessHours({ days: [], start: '09:00', end: '18:00' })).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(parseBusinessHours({ days: [1], start: '9:00', end: '18:00' })).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(parseBusinessHours({ days: [5, 1, 1, 9], start: '09:00', end: '18:00' })).toEqual({ days: [1, 5], start: '09:00', end: '18:00' });
  });
});
