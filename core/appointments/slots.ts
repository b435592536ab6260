// Slot computation for one service: which days are open, the slots of a day, whether a slot may be
// booked now, and the places left. Pure: `now` is always a parameter, instants are `Date`s, and
// calendar days are `YYYY-MM-DD` in UTC+8 (see clock.ts).
import type { DayAvailability, Slot } from '../api';
import { addDays, businessDay, businessInstant, isCalendarDay, isoWeekday, minutesOfDay, toBusinessIso } from './clock';
import type { ServiceRules } from './service';

export interface SlotTime {
  start: Date;
  end: Date;
  /** The slot's calendar day in UTC+8. */
  day: string;
}

/** Places already taken, by canonical slot start (`toBusinessIso`). Missing = 0. */
export type TakenBySlot = ReadonlyMap<string, number>;

/** Why a start time cannot be booked. */
export type SlotRefusal = 'closed' | 'not_a_slot' | 'past' | 'too_soon' | 'too_far';

const HOUR = 3_600_000;

/** A working day that is not a holiday. */
export function isOpenDay(service: Pick<ServiceRules, 'workingDays' | 'holidays'>, day: string): boolean {
  return isCalendarDay(day) && service.workingDays.includes(isoWeekday(day)) && !service.holidays.includes(day);
}

/** The slots of a day: every `durationMinutes` from `hours.start` while the slot ends by `hours.end`; none when closed. */
export function slotTimes(service: ServiceRules, day: string): SlotTime[] {
  if (!isOpenDay(service, day)) return [];
  const open = minutesOfDay(service.hours.start);
  const close = minutesOfDay(service.hours.end);
  const step = service.durationMinutes;
  if (!Number.isFinite(open) || !Number.isFinite(close) || !(step > 0)) return [];
  const slots: SlotTime[] = [];
  for (let m = open; m + step <= close; m += step) {
    slots.push({ start: businessInstant(day, m), end: businessInstant(day, m + step), day });
  }
  return slots;
}

/** The slot of this service that starts exactly at `start`, or why there is none. */
export function findSlot(service: ServiceRules, start: Date): SlotTime | 'closed' | 'not_a_slot' {
  const day = businessDay(start);
  if (!isOpenDay(service, day)) return 'closed';
  return slotTimes(service, day).find((s) => s.start.getTime() === start.getTime()) ?? 'not_a_slot';
}

/**
 * Whether a customer may book a slot starting at `start` now: at least `leadHours` ahead and on a day no
 * later than today (UTC+8) + `maxDaysAhead`. `staff` only requires a future slot (staff arrange times
 * with the customer, so the lead time and the window do not bind them).
 */
export function bookingRefusal(service: ServiceRules, start: Date, now: Date, opts: { staff?: boolean } = {}): 'past' | 'too_soon' | 'too_far' | null {
  if (start.getTime() <= now.getTime()) return 'past';
  if (opts.staff) return null;
  if (start.getTime() < now.getTime() + service.leadHours * HOUR) return 'too_soon';
  if (businessDay(start) > addDays(businessDay(now), service.maxDaysAhead)) return 'too_far';
  return null;
}

/** The slot at `start` if it may be booked now, else the reason. */
export function checkSlot(service: ServiceRules, start: Date, now: Date, opts: { staff?: boolean } = {}): SlotTime | SlotRefusal {
  const slot = findSlot(service, start);
  if (typeof slot === 'string') return slot;
  return bookingRefusal(service, slot.start, now, opts) ?? slot;
}

/** Places left in a slot (never negative, e.g. after a manager lowered the capacity). */
export function remainingPlaces(service: Pick<ServiceRules, 'capacityPerSlot'>, taken: number): number {
  return Math.max(0, service.capacityPerSlot - taken);
}

/** The bookable slots of a day with the places left; closed days, past and out-of-window slots are not listed. */
export function availableSlots(service: ServiceRules, day: string, now: Date, taken: TakenBySlot): Slot[] {
  return slotTimes(service, day)
    .filter((s) => bookingRefusal(service, s.start, now) === null)
    .map((s) => {
      const start = toBusinessIso(s.start);
      return { start, end: toBusinessIso(s.end), capacity: service.capacityPerSlot, remaining: remainingPlaces(service, taken.get(start) ?? 0) };
    });
}

/** `count` days from `from`: open when the day has a bookable slot; remaining = places left over those slots. */
export function dayAvailability(service: ServiceRules, from: string, count: number, now: Date, taken: TakenBySlot): DayAvailability[] {
  const days: DayAvailability[] = [];
  for (let i = 0; i < count; i++) {
    const date = addDays(from, i);
    const slots = availableSlots(service, date, now, taken);
    days.push({ date, open: slots.length > 0, remaining: slots.reduce((sum, s) => sum + s.remaining, 0) });
  }
  return days;
}

/** The instants bounding `count` days from `from` (UTC+8 midnights), for reading the counters they need. */
export function daysRange(from: string, count: number): { start: Date; end: Date } {
  return { start: businessInstant(from, 0), end: businessInstant(addDays(from, count), 0) };
}

/** Chinese sentence for a refusal, shown to the customer. */
export function slotRefusalMessage(service: Pick<ServiceRules, 'leadHours' | 'maxDaysAhead'>, refusal: SlotRefusal): string {
  switch (refusal) {
    case 'closed':
      return '该日期不营业，请选择其他日期';
    case 'not_a_slot':
      return '所选时间不是该服务的预约时段，请从可选时段中选择';
    case 'past':
      return '该时段已过，请选择其他时间';
    case 'too_soon':
      return `该服务需至少提前 ${service.leadHours} 小时预约，请选择其他时间`;
    case 'too_far':
      return `该服务最多可提前 ${service.maxDaysAhead} 天预约，请选择更近的日期`;
  }
}

/** `not_a_slot` is a malformed request (INVALID_INPUT); the others are the state of the calendar (CONFLICT). */
export function slotRefusalCode(refusal: SlotRefusal): 'INVALID_INPUT' | 'CONFLICT' {
  return refusal === 'not_a_slot' ? 'INVALID_INPUT' : 'CONFLICT';
}

export const SLOT_FULL_MESSAGE = '该时段已约满，请选择其他时间';
