import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, businessDay, isCalendarDay, isoWeekday, parseInstant, toBusinessIso } from './clock';
import type { ServiceRules } from './service';
import { availableSlots, checkSlot, dayAvailability, findSlot, isOpenDay, slotRefusalCode, slotRefusalMessage, slotTimes } from './slots';

// 2026-11-26 is a Thursday; 2026-11-29 a Sunday.
const install: ServiceRules = {
  durationMinutes: 120,
  capacityPerSlot: 4,
  workingDays: [1, 2, 3, 4, 5, 6, 7],
  hours: { start: '09:00', end: '17:00' },
  holidays: [],
  leadHours: 24,
  maxDaysAhead: 14,
  cancelCutoffHours: 2,
};
const callback: ServiceRules = { ...install, durationMinutes: 30, capacityPerSlot: 5, workingDays: [1, 2, 3, 4, 5], hours: { start: '09:00', end: '20:00' }, leadHours: 1 };
const none = new Map<string, number>();
const at = (iso: string) => new Date(iso);

describe('business clock (UTC+8)', () => {
  it('reads the calendar day in UTC+8: 16:30Z is already the next day', () => {
    expect(businessDay(at('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(businessDay(at('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
    expect(businessDay(at('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
  });

  it('writes instants with +08:00 and parses both offsets', () => {
    expect(toBusinessIso(at('2026-11-27T01:00:00Z'))).toBe('2026-11-27T09:00:00+08:00');
    expect(parseInstant('2026-11-27T09:00:00+08:00')?.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(parseInstant('2026-11-27T01:00:00.000Z')?.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(parseInstant('2026-11-27 09:00')).toBeNull();
    expect(parseInstant('2026-11-27T09:00:00')).toBeNull(); // no offset: ambiguous
  });

  it('knows real calendar days, weekdays 1–7 and adds days across months', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isoWeekday('2026-11-26')).toBe(4);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(addDays('2026-11-26', 14)).toBe('2026-12-10');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('slots of a day', () => {
  it('every durationMinutes from the opening while the slot ends by the closing', () => {
    const slots = slotTimes(install, '2026-11-27');
    expect(slots.map((s) => toBusinessIso(s.start))).toEqual([
      '2026-11-27T09:00:00+08:00',
      '2026-11-27T11:00:00+08:00',
      '2026-11-27T13:00:00+08:00',
      '2026-11-27T15:00:00+08:00',
    ]);
    expect(toBusinessIso(slots[3]!.end)).toBe('2026-11-27T17:00:00+08:00');
    // 90 minutes from 09:00 to 18:00: the last slot starts 16:30 and ends exactly at closing
    const cleaning = { ...install, durationMinutes: 90, hours: { start: '09:00', end: '18:00' } };
    expect(slotTimes(cleaning, '2026-11-27').map((s) => toBusinessIso(s.start).slice(11, 16))).toEqual(['09:00', '10:30', '12:00', '13:30', '15:00', '16:30']);
    // 100 minutes: 09:00, 10:40, 12:20, 14:00, 15:40 (17:20 would end 19:00 > 18:00)
    expect(slotTimes({ ...cleaning, durationMinutes: 100 }, '2026-11-27')).toHaveLength(5);
  });

  it('closed on days that are not working days, and on holidays', () => {
    expect(isOpenDay(callback, '2026-11-29')).toBe(false); // Sunday
    expect(slotTimes(callback, '2026-11-29')).toEqual([]);
    const withHoliday = { ...install, holidays: ['2026-11-28'] };
    expect(isOpenDay(withHoliday, '2026-11-28')).toBe(false);
    expect(slotTimes(withHoliday, '2026-11-28')).toEqual([]);
    expect(findSlot(withHoliday, at('2026-11-28T01:00:00Z'))).toBe('closed');
    expect(slotTimes(install, '2026-02-30')).toEqual([]);
  });

  it('finds a slot only at its exact start; other services’ boundaries are not slots', () => {
    expect(findSlot(install, at('2026-11-27T09:00:00+08:00'))).toMatchObject({ day: '2026-11-27' });
    expect(findSlot(install, at('2026-11-27T09:30:00+08:00'))).toBe('not_a_slot'); // a callback slot
    expect(findSlot(install, at('2026-11-27T17:00:00+08:00'))).toBe('not_a_slot'); // closing time
    expect(findSlot(install, at('2026-11-27T09:00:01+08:00'))).toBe('not_a_slot');
    expect(findSlot(callback, at('2026-11-27T09:30:00+08:00'))).toMatchObject({ day: '2026-11-27' });
  });
});

describe('what may be booked now', () => {
  const now = at('2026-11-26T08:30:00Z'); // 16:30 on the 26th in UTC+8

  it('lead time: not earlier than now + leadHours', () => {
    // install needs 24 h: tomorrow 09:00 and 11:00 (UTC+8) are < 16:30 tomorrow → refused, 17:00 would be fine
    expect(availableSlots(install, '2026-11-27', now, none).map((s) => s.start)).toEqual([]);
    expect(availableSlots(install, '2026-11-28', now, none)).toHaveLength(4);
    expect(checkSlot(install, at('2026-11-27T15:00:00+08:00'), now)).toBe('too_soon');
    // callback needs 1 h: today from 17:30 (16:30 + 1 h)
    expect(availableSlots(callback, '2026-11-26', now, none).map((s) => s.start.slice(11, 16))).toEqual(['17:30', '18:00', '18:30', '19:00', '19:30']);
    expect(checkSlot(callback, at('2026-11-26T17:00:00+08:00'), now)).toBe('too_soon');
    expect(checkSlot(callback, at('2026-11-26T17:30:00+08:00'), now)).toMatchObject({ day: '2026-11-26' });
  });

  it('past slots are refused, for staff too; staff are not bound by lead time or window', () => {
    expect(checkSlot(callback, at('2026-11-26T09:00:00+08:00'), now)).toBe('past');
    expect(checkSlot(callback, at('2026-11-26T09:00:00+08:00'), now, { staff: true })).toBe('past');
    expect(checkSlot(install, at('2026-11-27T09:00:00+08:00'), now, { staff: true })).toMatchObject({ day: '2026-11-27' });
    expect(checkSlot(install, at('2027-01-15T09:00:00+08:00'), now, { staff: true })).toMatchObject({ day: '2027-01-15' });
  });

  it('max days ahead: the day must be ≤ today (UTC+8) + maxDaysAhead', () => {
    expect(availableSlots(install, '2026-12-10', now, none)).toHaveLength(4); // today + 14
    expect(availableSlots(install, '2026-12-11', now, none)).toEqual([]);
    expect(checkSlot(install, at('2026-12-11T09:00:00+08:00'), now)).toBe('too_far');
  });

  it('the UTC+8 day boundary: at 16:30Z “today” is already the 27th', () => {
    const late = at('2026-11-26T16:30:00Z'); // 00:30 on the 27th in UTC+8
    // the window ends on the 27th + 14, not the 26th + 14
    expect(availableSlots(install, '2026-12-11', late, none)).toHaveLength(4);
    expect(availableSlots(install, '2026-12-12', late, none)).toEqual([]);
    // callback, lead 1 h: every slot of the 27th (Friday) is bookable — in UTC it is still the 26th, 16:30
    expect(availableSlots(callback, '2026-11-27', late, none)[0]!.start).toBe('2026-11-27T09:00:00+08:00');
    // …and the 26th is over in UTC+8
    expect(availableSlots(callback, '2026-11-26', late, none)).toEqual([]);
    const days = dayAvailability(callback, businessDay(late), 3, late, none);
    expect(days.map((d) => [d.date, d.open])).toEqual([
      ['2026-11-27', true],
      ['2026-11-28', false], // Saturday: callback works Monday–Friday
      ['2026-11-29', false],
    ]);
  });

  it('remaining = capacity − taken, never negative; days add up their bookable slots', () => {
    const taken = new Map([
      ['2026-11-28T09:00:00+08:00', 4],
      ['2026-11-28T11:00:00+08:00', 1],
      ['2026-11-28T13:00:00+08:00', 9], // capacity lowered after booking
    ]);
    expect(availableSlots(install, '2026-11-28', now, taken).map((s) => s.remaining)).toEqual([0, 3, 0, 4]);
    expect(availableSlots(install, '2026-11-28', now, taken)[0]).toEqual({ start: '2026-11-28T09:00:00+08:00', end: '2026-11-28T11:00:00+08:00', capacity: 4, remaining: 0 });
    const full = new Map(slotTimes(install, '2026-11-29').map((s) => [toBusinessIso(s.start), 4]));
    const days = dayAvailability({ ...install, holidays: ['2026-11-30'] }, '2026-11-26', 6, now, new Map([...taken, ...full]));
    expect(days).toEqual([
      { date: '2026-11-26', open: false, remaining: 0 }, // the day's slots are past
      { date: '2026-11-27', open: false, remaining: 0 }, // inside the 24 h lead time
      { date: '2026-11-28', open: true, remaining: 7 },
      { date: '2026-11-29', open: true, remaining: 0 }, // full, not closed
      { date: '2026-11-30', open: false, remaining: 0 }, // holiday
      { date: '2026-12-01', open: true, remaining: 16 },
    ]);
  });

  it('refusals have Chinese messages and codes', () => {
    expect(slotRefusalMessage(install, 'too_soon')).toContain('24 小时');
    expect(slotRefusalMessage(install, 'too_far')).toContain('14 天');
    expect(slotRefusalCode('not_a_slot')).toBe('INVALID_INPUT');
    expect(slotRefusalCode('past')).toBe('CONFLICT');
  });
});

describe('server time zone independence', () => {
  // TZ must be set before the process starts to be reliable: run the same computation in child processes.
  const script = `
    const { availableSlots, dayAvailability, businessDay } = require('./core/appointments/index.ts');
    const svc = ${JSON.stringify(callback)};
    const now = new Date('2026-11-26T16:30:00Z');
    console.log(JSON.stringify({ day: businessDay(now), slots: availableSlots(svc, '2026-11-27', now, new Map()).slice(0, 3), days: dayAvailability(svc, '2026-11-26', 5, now, new Map()) }));
  `;
  const run = async (tz: string) =>
    (
      await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      })
    ).stdout;

  it('gives the same answer under UTC, America/New_York and Asia/Shanghai', async () => {
    const [utc, newYork, shanghai] = await Promise.all([run('UTC'), run('America/New_York'), run('Asia/Shanghai')]);
    expect(JSON.parse(utc).day).toBe('2026-11-27');
    expect(JSON.parse(utc).slots[0].start).toBe('2026-11-27T09:00:00+08:00');
    expect(newYork).toBe(utc);
    expect(shanghai).toBe(utc);
  }, 30_000);
});
