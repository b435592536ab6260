import { describe, expect, it } from 'vitest';
import { addDays, bucketKey, bucketKeys, dayKey, dayStart, daysBetween, hourOfWeek, isDayKey, listDays, periodRange, previousPeriod, weekStart } from './time';
import { businessSeconds } from './business';

const at = (iso: string) => new Date(iso).getTime();

describe('UTC+8 calendar', () => {
  it('the day changes at 16:00Z: 15:59:59Z and 16:00:00Z fall on different days', () => {
    expect(dayKey(at('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(dayKey(at('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(dayKey(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(new Date(dayStart('2026-12-01')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('periods are inclusive; the previous period has the same length', () => {
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysBetween('2026-11-30', '2026-11-01')).toBe(0);
    expect(listDays('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(previousPeriod('2026-11-24', '2026-11-30')).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    const r = periodRange('2026-11-30', '2026-11-30');
    expect(new Date(r.start).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(r.end - r.start).toBe(86_400_000);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('validates calendar days', () => {
    expect(isDayKey('2026-02-28')).toBe(true);
    expect(isDayKey('2026-02-30')).toBe(false);
    expect(isDayKey('2026-2-3')).toBe(false);
  });

  it('buckets by hour, day and week (weeks start on Monday) on the UTC+8 clock', () => {
    expect(bucketKey(at('2026-11-30T15:59:59Z'), 'hour')).toBe('2026-11-30T23:00:00+08:00');
    expect(bucketKey(at('2026-11-30T16:00:00Z'), 'hour')).toBe('2026-12-01T00:00:00+08:00');
    expect(bucketKey(at('2026-11-30T16:00:00Z'), 'day')).toBe('2026-12-01');
    // 2026-11-29 is a Sunday (UTC+8); 2026-11-30 a Monday.
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(bucketKey(at('2026-11-29T15:59:59Z'), 'week')).toBe('2026-11-23');
    expect(bucketKey(at('2026-11-29T16:00:00Z'), 'week')).toBe('2026-11-30');
    expect(bucketKeys('2026-11-28', '2026-12-01', 'week')).toEqual(['2026-11-23', '2026-11-30']);
    expect(bucketKeys('2026-11-30', '2026-11-30', 'hour')).toHaveLength(24);
  });

  it('hour of the week: Monday 00:00 UTC+8 is 0, Sunday 23:00 is 167', () => {
    expect(hourOfWeek(at('2026-11-29T16:00:00Z'))).toBe(0);
    expect(hourOfWeek(at('2026-11-29T15:30:00Z'))).toBe(167);
    expect(hourOfWeek(at('2026-11-30T01:00:00Z'))).toBe(9);
  });
});

describe('businessSeconds', () => {
  const office = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
  it('counts only the business hours between two instants', () => {
    // Monday 17:59 → Tuesday 09:01 (UTC+8): 1 minute before closing + 1 after opening.
    expect(businessSeconds(at('2026-11-30T09:59:00Z'), at('2026-12-01T01:01:00Z'), office)).toBe(120);
    // Inside one shift it is the plain duration.
    expect(businessSeconds(at('2026-11-30T02:00:00Z'), at('2026-11-30T02:00:45Z'), office)).toBe(45);
    // Friday 17:00 → Monday 10:00: 1 h + 1 h.
    expect(businessSeconds(at('2026-12-04T09:00:00Z'), at('2026-12-07T02:00:00Z'), office)).toBe(7200);
    expect(businessSeconds(at('2026-11-30T02:00:00Z'), at('2026-11-30T01:00:00Z'), office)).toBe(0);
  });
  it('all day every day is the plain duration; a night shift belongs to the day it starts', () => {
    expect(businessSeconds(at('2026-11-30T10:00:00Z'), at('2026-12-01T10:00:00Z'), { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' })).toBe(86_400);
    // Monday-only night shift 22:00–06:00: Tuesday 05:00 (UTC+8) → 07:00 counts 1 hour.
    expect(businessSeconds(at('2026-11-30T21:00:00Z'), at('2026-11-30T23:00:00Z'), { days: [1], start: '22:00', end: '06:00' })).toBe(3600);
  });
});
