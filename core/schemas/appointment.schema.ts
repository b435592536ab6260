import { z } from 'zod';
import { empty, hhmm, id, mainlandMobile, text } from './common';

export { mainlandMobile };

/** `YYYY-MM-DD`, a calendar day in UTC+8 (the business time zone). */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** An instant as ISO 8601 with offset, e.g. `2026-11-27T09:00:00+08:00` or `…Z`. */
export const instant = z.iso.datetime({ offset: true, message: '时间格式不正确' }).max(40, '时间格式不正确');

export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'cancelled', 'done', 'no_show'] as const;

export const serviceInput = z.object({
  id: id.optional(),
  name: text(20),
  description: z.string().trim().max(200).default(''),
  durationMinutes: z.number().int().min(10).max(480),
  capacityPerSlot: z.number().int().min(1).max(100),
  /** 1 = Monday … 7 = Sunday. */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  hours: z.object({ start: hhmm, end: hhmm }),
  /** Days closed although working days (public holidays), `YYYY-MM-DD`. */
  holidays: z.array(day).max(366).default([]),
  /** Earliest booking: this many hours from now. */
  leadHours: z.number().int().min(0).max(24 * 14),
  /** Latest booking: this many days ahead (the booking form shows 14). */
  maxDaysAhead: z.number().int().min(1).max(60),
  /** Customers may cancel or reschedule until this many hours before the start. */
  cancelCutoffHours: z.number().int().min(0).max(72).default(2),
  enabled: z.boolean().default(true),
});

export const appointmentSchemas = {
  services: empty,
  /** Slots of one day with the places left; closed or past slots are not listed. */
  slots: z.object({ serviceId: id, date: day }),
  /** Which of the next days have a free place (for greying out full or closed days). */
  days: z.object({ serviceId: id, from: day.optional(), count: z.number().int().min(1).max(60).default(14) }),
  book: z.object({
    serviceId: id,
    start: instant,
    name: text(20),
    phone: mainlandMobile,
    address: z.string().trim().max(100).optional(),
    note: z.string().trim().max(200).optional(),
    /** Same key from the same customer = the same booking (double taps, retries). */
    idempotencyKey: z.string().trim().min(8).max(64).optional(),
  }),
  mine: empty,
  cancel: z.object({ id, reason: z.string().trim().max(100).optional() }),
  reschedule: z.object({ id, start: instant }),
  // staff
  list: z.object({ date: day, serviceId: id.optional(), status: z.enum(APPOINTMENT_STATUSES).optional() }),
  confirm: z.object({ id }),
  complete: z.object({ id, outcome: z.enum(['done', 'no_show']) }),
  staffReschedule: z.object({ id, start: instant }),
  staffCancel: z.object({ id, reason: text(100) }),
  /** Desk staff: book for the customer of a conversation they handle (a note appears in the chat). */
  bookFor: z.object({
    conversationId: id,
    serviceId: id,
    start: instant,
    name: text(20),
    phone: mainlandMobile,
    address: z.string().trim().max(100).optional(),
    note: z.string().trim().max(200).optional(),
    idempotencyKey: z.string().trim().min(8).max(64).optional(),
  }),
  /** Staff: an appointment's contact (name, phone, address, note) as given (audited as `data.unmask`). */
  revealContact: z.object({ id }),
  // managers
  saveService: serviceInput,
} as const;
