import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { RATE_LIMITS } from '../../core/abuse/limits';
import type { Appointment, AppointmentService, AppointmentStatus, NotificationEvent, RevealedContact } from '../../core/api';
import {
  ACTIVE_STATUSES,
  STATUS_LABELS,
  TRANSITIONS,
  availableSlots,
  businessDay,
  checkSlot,
  customerMayChange,
  cutoffMessage,
  dayAvailability,
  daysRange,
  isCalendarDay,
  maskPhone,
  minutesOfDay,
  nextStatus,
  outcomeRefusal,
  parseInstant,
  shortChineseDateTime,
  slotRefusalCode,
  slotRefusalMessage,
  toBusinessIso,
  type AppointmentChange,
  type SlotTime,
} from '../../core/appointments';
import { AppError } from '../../core/envelope';
import { maskName, maskPersonal } from '../../core/privacy/mask';
import { MANAGERS, SCHEDULERS } from '../../core/roles';
import { appointmentSchemas } from '../../core/schemas/appointment.schema';
import { audit } from '../_shared/audit';
import { tell } from '../_shared/conversations/assign';
import { recordEvent, type EventType } from '../_shared/conversations/conversation.repo';
import { deskConversation } from '../_shared/conversations/desk-access';
import { systemLine } from '../_shared/conversations/flows';
import { action, type CallContext } from '../_shared/handler';
import { assertNoForbiddenWords } from '../_shared/moderation';
import { checkCustomerText } from '../_shared/seccheck';
import { notify } from '../_shared/notify';
import { signal } from '../_shared/signals';
import { recordUnmask } from '../_shared/unmask';
import { logWarn } from '../_shared/log';
import { newId } from '../_shared/db';
import {
  appointmentOfKey,
  appointmentsOf,
  appointmentsOn,
  changeStatus,
  findAppointment,
  findService,
  keyLockId,
  listServices,
  releasePlace,
  takePlace,
  takenBetween,
  sealAppointment,
  transact,
  txAppointment,
  txKeyLock,
  writeKeyLock,
  writeService,
  type HistoryEntry,
  type StoredAppointment,
} from './appointment.repo';

const NOT_FOUND_MESSAGE = '预约不存在';
const SERVICE_NOT_FOUND_MESSAGE = '预约服务不存在或已暂停预约';

// ---------------------------------------------------------------------------------------------------
// Helpers

const isManager = (ctx: CallContext) => MANAGERS.includes(ctx.role);

/** A service the caller may book or browse: customers and agents only see enabled ones. */
async function bookableService(ctx: CallContext, id: string): Promise<AppointmentService> {
  const service = await findService(id);
  if (!service || (!service.enabled && !isManager(ctx))) throw new AppError('NOT_FOUND', SERVICE_NOT_FOUND_MESSAGE);
  return service;
}

/** The service of an existing appointment, enabled or not. */
async function serviceOf(appt: StoredAppointment): Promise<AppointmentService> {
  const service = await findService(appt.serviceId);
  if (!service) throw new AppError('NOT_FOUND', SERVICE_NOT_FOUND_MESSAGE);
  return service;
}

/** The caller's own appointment; someone else's reads as missing, so ids reveal nothing. */
async function ownAppointment(ctx: CallContext, id: string): Promise<StoredAppointment> {
  const appt = await findAppointment(id);
  if (!appt || appt.customer !== ctx.openid) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return appt;
}

async function anyAppointment(id: string): Promise<StoredAppointment> {
  const appt = await findAppointment(id);
  if (!appt) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  return appt;
}

/** The slot at `start` if it may be booked now (customers: lead time and window; staff: any future slot). */
function slotAt(service: AppointmentService, startIso: string, now: Date, staff: boolean): SlotTime {
  const start = parseInstant(startIso);
  if (!start) throw new AppError('INVALID_INPUT', '时间格式不正确');
  const slot = checkSlot(service, start, now, { staff });
  if (typeof slot === 'string') throw new AppError(slotRefusalCode(slot), slotRefusalMessage(service, slot));
  return slot;
}

/**
 * The API shape. `staff` views (the staff actions) carry the customer's OPENID and mask the phone unless the
 * viewer booked it; `changeable` is what the audience may still do (customers: until the cut-off).
 */
function view(appt: StoredAppointment, service: AppointmentService | undefined, ctx: CallContext, audience: 'customer' | 'staff'): Appointment {
  const own = appt.customer === ctx.openid || appt.bookedBy === ctx.openid;
  const status = appt.status;
  const plain = contactOf(appt);
  const contact = own ? plain : maskedContact(plain);
  const masked = contact.name !== plain.name || contact.phone !== plain.phone || contact.address !== plain.address || contact.note !== plain.note;
  return {
    id: appt._id,
    serviceId: appt.serviceId,
    serviceName: service?.name ?? '',
    start: toBusinessIso(new Date(appt.start)),
    end: toBusinessIso(new Date(appt.end)),
    status,
    ...contact,
    createdAt: toBusinessIso(new Date(appt.createdAt)),
    changeable:
      audience === 'staff'
        ? ACTIVE_STATUSES.includes(status)
        : customerMayChange({ status, start: new Date(appt.start) }, service?.cancelCutoffHours ?? 0, ctx.now),
    ...(audience === 'staff' ? { customer: appt.customer } : {}),
    ...(masked ? { masked: true as const } : {}),
    ...(audience === 'staff' && appt.noteReview ? { review: true as const } : {}),
  };
}

type Contact = Pick<Appointment, 'name' | 'phone' | 'address' | 'note'>;

function contactOf(appt: StoredAppointment): Contact {
  return { name: appt.name, phone: appt.phone, address: appt.address ?? '', note: appt.note ?? '' };
}

/** The contact as staff see it: the name to its first character, the phone masked, personal data in the address and note masked. */
function maskedContact(c: Contact): Contact {
  return { name: maskName(c.name), phone: maskPhone(c.phone), address: maskPersonal(c.address), note: maskPersonal(c.note) };
}

async function serviceMap(): Promise<Map<string, AppointmentService>> {
  return new Map((await listServices(false)).map((s) => [s.id, s]));
}

function entry(ctx: CallContext, action: string, from: AppointmentStatus | null, to: AppointmentStatus, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return { at: ctx.now, by: ctx.openid, action, from, to, ...extra };
}

/** After a committed change: wake the customer's open clients; staff changes also send a notification. Never fails the action. */
async function afterChange(appt: StoredAppointment, service: AppointmentService, event?: NotificationEvent, extra: Record<string, string | Date | undefined> = {}): Promise<void> {
  try {
    await signal(appt.customer, 'appointment');
  } catch (err) {
    logWarn('[appointment] signal failed', err);
  }
  if (!event) return;
  try {
    await notify({
      event,
      touser: appt.customer,
      values: {
        serviceName: service.name,
        start: new Date(appt.start),
        end: new Date(appt.end),
        address: appt.address,
        note: appt.note,
        name: appt.name,
        status: STATUS_LABELS[appt.status],
        ...extra,
      },
      page: `pages/appointments/index?id=${appt._id}`,
      subject: { kind: 'appointment', id: appt._id },
    });
  } catch (err) {
    logWarn(`[appointment] notify ${event} failed`, err);
  }
}

// ---------------------------------------------------------------------------------------------------
// Changes that take or release places (transactions)

/** Cancel: status change + one place back, atomically. */
async function cancelAppointment(ctx: CallContext, id: string, change: 'cancel' | 'staffCancel', reason: string | undefined, guard: (a: StoredAppointment) => void): Promise<StoredAppointment> {
  return transact(async (t) => {
    const appt = await txAppointment(t, id);
    if (!appt) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    guard(appt);
    const to = nextStatus(change, appt.status);
    await releasePlace(t, appt.serviceId, new Date(appt.start), ctx.now);
    const history = [...(appt.history ?? []), entry(ctx, change, appt.status, to, reason ? { reason } : {})];
    const patch = { status: to, updatedAt: ctx.now, history, ...(reason ? { cancelReason: reason } : {}) };
    await t.collection('appointments').doc(id).update({ data: patch });
    return { ...appt, ...patch };
  });
}

/** Reschedule: take a place in the new slot and give back the old one, atomically. */
async function rescheduleAppointment(
  ctx: CallContext,
  id: string,
  service: AppointmentService,
  slot: SlotTime,
  change: 'reschedule' | 'staffReschedule',
  guard: (a: StoredAppointment) => void,
): Promise<{ before: StoredAppointment; after: StoredAppointment }> {
  return transact(async (t) => {
    const appt = await txAppointment(t, id);
    if (!appt) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    guard(appt);
    const to = nextStatus(change, appt.status);
    const oldStart = new Date(appt.start);
    if (oldStart.getTime() === slot.start.getTime()) throw new AppError('CONFLICT', '新时间与原预约时间相同');
    await takePlace(t, appt.serviceId, slot.start, service.capacityPerSlot, ctx.now);
    await releasePlace(t, appt.serviceId, oldStart, ctx.now);
    const history = [...(appt.history ?? []), entry(ctx, change, appt.status, to, { fromStart: toBusinessIso(oldStart), toStart: toBusinessIso(slot.start) })];
    // A new time gets its own reminders (the templates timer sets these flags when it sends one).
    const patch = { start: slot.start, end: slot.end, day: slot.day, status: to, updatedAt: ctx.now, history, remindedDayBefore: false, reminded2h: false };
    await t.collection('appointments').doc(id).update({ data: patch });
    return { before: appt, after: { ...appt, ...patch } };
  });
}

/** Customers may change their appointment only until the service's cut-off. */
function customerGuard(ctx: CallContext, service: AppointmentService, change: AppointmentChange) {
  return (appt: StoredAppointment) => {
    if (appt.customer !== ctx.openid) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    nextStatus(change, appt.status);
    if (!customerMayChange({ status: appt.status, start: new Date(appt.start) }, service.cancelCutoffHours, ctx.now)) {
      throw new AppError('CONFLICT', cutoffMessage(service.cancelCutoffHours));
    }
  };
}

/** What both booking actions take from their input. */
type BookingInput = Pick<z.output<typeof appointmentSchemas.book>, 'serviceId' | 'start' | 'name' | 'phone' | 'address' | 'note' | 'idempotencyKey'>;

type Booked = { created: true; appt: StoredAppointment; service: AppointmentService } | { created: false; appt: StoredAppointment; service: AppointmentService | undefined };

/**
 * The one booking path (`book` by the customer, `bookFor` by staff for `customer`): one place taken in a
 * transaction, never past capacity. The idempotency key is scoped to the customer, whoever books.
 * Staff bookings may take any future slot (no lead time or window) and are confirmed at once.
 */
async function placeBooking(ctx: CallContext, input: BookingInput, customer: string, staff: boolean, flags: { noteReview?: boolean } = {}): Promise<Booked> {
  // Same customer + same key = same booking, kept by a lock document; the appointment's id stays random.
  const lockId = input.idempotencyKey ? keyLockId(customer, input.idempotencyKey) : null;
  // A repeated request (double tap, retry after a lost answer) gets the booking it already made.
  if (lockId) {
    const existing = await appointmentOfKey(lockId);
    if (existing) return { created: false, appt: existing, service: (await findService(existing.serviceId)) ?? undefined };
  }
  const service = await bookableService(ctx, input.serviceId);
  if (!service.enabled) throw new AppError('NOT_FOUND', SERVICE_NOT_FOUND_MESSAGE);
  const slot = slotAt(service, input.start, ctx.now, staff);
  const status: AppointmentStatus = staff ? 'confirmed' : 'booked';
  const doc: StoredAppointment = {
    _id: newId(),
    serviceId: service.id,
    customer,
    start: slot.start,
    end: slot.end,
    day: slot.day,
    name: input.name,
    phone: input.phone,
    address: input.address ?? '',
    note: input.note ?? '',
    ...(flags.noteReview ? { noteReview: true as const } : {}),
    status,
    ...(staff ? { bookedBy: ctx.openid } : {}),
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    history: [entry(ctx, staff ? 'bookFor' : 'book', null, status, { toStart: toBusinessIso(slot.start) })],
  };
  const booked = await transact(async (t) => {
    // The lock is read first: a concurrent request with the same key that commits meanwhile makes this
    // transaction conflict, and its retry finds the lock and returns that booking.
    const lock = lockId ? await txKeyLock(t, lockId) : null;
    if (lock) {
      const existing = await txAppointment(t, lock.appointmentId);
      if (existing) return existing;
    }
    await takePlace(t, service.id, slot.start, service.capacityPerSlot, ctx.now);
    await t.collection('appointments').add({ data: sealAppointment(doc) });
    if (lockId) await writeKeyLock(t, lockId, lock, doc._id, ctx.now);
    return doc;
  });
  return booked === doc ? { created: true, appt: booked, service } : { created: false, appt: booked, service };
}

/** The reporting event of a booking change (stats: appointments booked, cancelled, done, no-show). */
function recordAppointment(type: EventType, appt: StoredAppointment, now: Date): Promise<void> {
  return recordEvent({ type, appointmentId: appt._id, serviceId: appt.serviceId, at: now, ...(appt.bookedBy ? { agentId: appt.bookedBy } : {}) });
}

// ---------------------------------------------------------------------------------------------------
// Actions

export const appointmentActions = {
  services: action({
    access: 'anyone',
    input: appointmentSchemas.services,
    async run(ctx) {
      return listServices(!isManager(ctx));
    },
  }),

  slots: action({
    access: 'anyone',
    input: appointmentSchemas.slots,
    async run(ctx, input) {
      if (!isCalendarDay(input.date)) throw new AppError('INVALID_INPUT', '日期不存在');
      const service = await bookableService(ctx, input.serviceId);
      const range = daysRange(input.date, 1);
      return availableSlots(service, input.date, ctx.now, await takenBetween(service.id, range.start, range.end));
    },
  }),

  days: action({
    access: 'anyone',
    input: appointmentSchemas.days,
    async run(ctx, input) {
      const from = input.from ?? businessDay(ctx.now);
      if (!isCalendarDay(from)) throw new AppError('INVALID_INPUT', '日期不存在');
      const service = await bookableService(ctx, input.serviceId);
      const range = daysRange(from, input.count);
      return dayAvailability(service, from, input.count, ctx.now, await takenBetween(service.id, range.start, range.end));
    },
  }),

  book: action({
    access: 'anyone',
    input: appointmentSchemas.book,
    rate: RATE_LIMITS['appointment.book'],
    async run(ctx, input) {
      // The note is the customer's own words: WeChat's content check first (risky: nothing booked).
      const noteReview = await checkCustomerText(ctx.openid, [input.note, input.address]);
      const booked = await placeBooking(ctx, input, ctx.openid, false, { noteReview });
      if (booked.created) await recordAppointment('appointment_booked', booked.appt, ctx.now);
      if (booked.created) await afterChange(booked.appt, booked.service);
      return view(booked.appt, booked.service, ctx, 'customer');
    },
  }),

  mine: action({
    access: 'anyone',
    input: appointmentSchemas.mine,
    async run(ctx) {
      const [mine, services] = await Promise.all([appointmentsOf(ctx.openid), serviceMap()]);
      const now = ctx.now.getTime();
      const upcoming = mine.filter((a) => ACTIVE_STATUSES.includes(a.status) && new Date(a.end).getTime() > now);
      const past = mine.filter((a) => !upcoming.includes(a));
      upcoming.sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
      return [...upcoming, ...past].map((a) => view(a, services.get(a.serviceId), ctx, 'customer'));
    },
  }),

  cancel: action({
    access: 'anyone',
    input: appointmentSchemas.cancel,
    rate: RATE_LIMITS['appointment.cancel'],
    async run(ctx, input) {
      const service = await serviceOf(await ownAppointment(ctx, input.id));
      const after = await cancelAppointment(ctx, input.id, 'cancel', input.reason, customerGuard(ctx, service, 'cancel'));
      await recordAppointment('appointment_cancelled', after, ctx.now);
      await afterChange(after, service);
      return view(after, service, ctx, 'customer');
    },
  }),

  reschedule: action({
    access: 'anyone',
    input: appointmentSchemas.reschedule,
    rate: RATE_LIMITS['appointment.reschedule'],
    async run(ctx, input) {
      const appt = await ownAppointment(ctx, input.id);
      const service = await serviceOf(appt);
      const guard = customerGuard(ctx, service, 'reschedule');
      guard(appt); // refuse a late or final one before judging the new slot
      if (!service.enabled) throw new AppError('CONFLICT', '该服务已暂停预约，请联系客服改期');
      const slot = slotAt(service, input.start, ctx.now, false);
      const { after } = await rescheduleAppointment(ctx, input.id, service, slot, 'reschedule', guard);
      await afterChange(after, service);
      return view(after, service, ctx, 'customer');
    },
  }),

  // staff -------------------------------------------------------------------------------------------

  list: action({
    access: SCHEDULERS,
    input: appointmentSchemas.list,
    async run(ctx, input) {
      if (!isCalendarDay(input.date)) throw new AppError('INVALID_INPUT', '日期不存在');
      const [list, services] = await Promise.all([appointmentsOn(input.date, input), serviceMap()]);
      return list.map((a) => view(a, services.get(a.serviceId), ctx, 'staff'));
    },
  }),

  confirm: action({
    access: SCHEDULERS,
    input: appointmentSchemas.confirm,
    async run(ctx, input) {
      const appt = await anyAppointment(input.id);
      const service = await serviceOf(appt);
      // Confirming twice (double tap) is not an error, and notifies once.
      if (appt.status === 'confirmed') return view(appt, service, ctx, 'staff');
      const to = nextStatus('confirm', appt.status);
      if (!(await changeStatus(appt._id, TRANSITIONS.confirm.from, to, entry(ctx, 'confirm', appt.status, to)))) {
        const now = await anyAppointment(input.id);
        if (now.status === 'confirmed') return view(now, service, ctx, 'staff');
        nextStatus('confirm', now.status);
      }
      const after = await anyAppointment(input.id);
      await afterChange(after, service, 'appointment_confirmed');
      return view(after, service, ctx, 'staff');
    },
  }),

  complete: action({
    access: SCHEDULERS,
    input: appointmentSchemas.complete,
    async run(ctx, input) {
      const appt = await anyAppointment(input.id);
      const service = await serviceOf(appt);
      const to = nextStatus(input.outcome, appt.status);
      const refusal = outcomeRefusal(input.outcome, new Date(appt.start), ctx.now);
      if (refusal) throw new AppError('CONFLICT', refusal);
      // The place stays taken: the slot was used (or wasted) either way.
      const changed = await changeStatus(appt._id, TRANSITIONS[input.outcome].from, to, entry(ctx, input.outcome, appt.status, to));
      if (!changed) nextStatus(input.outcome, (await anyAppointment(input.id)).status);
      const after = await anyAppointment(input.id);
      if (changed) await recordAppointment(input.outcome === 'done' ? 'appointment_done' : 'appointment_no_show', after, ctx.now);
      await afterChange(after, service);
      return view(after, service, ctx, 'staff');
    },
  }),

  staffReschedule: action({
    access: SCHEDULERS,
    input: appointmentSchemas.staffReschedule,
    async run(ctx, input) {
      const appt = await anyAppointment(input.id);
      const service = await serviceOf(appt);
      nextStatus('staffReschedule', appt.status);
      const slot = slotAt(service, input.start, ctx.now, true);
      const { before, after } = await rescheduleAppointment(ctx, input.id, service, slot, 'staffReschedule', (a) => nextStatus('staffReschedule', a.status));
      await afterChange(after, service, 'appointment_rescheduled', { previousStart: new Date(before.start) });
      return view(after, service, ctx, 'staff');
    },
  }),

  staffCancel: action({
    access: SCHEDULERS,
    input: appointmentSchemas.staffCancel,
    async run(ctx, input) {
      // The reason reaches the customer in the cancellation notice: 话术审核 applies.
      await assertNoForbiddenWords([input.reason], '取消原因');
      const service = await serviceOf(await anyAppointment(input.id));
      const after = await cancelAppointment(ctx, input.id, 'staffCancel', input.reason, () => undefined);
      await recordAppointment('appointment_cancelled', after, ctx.now);
      await afterChange(after, service, 'appointment_cancelled', { reason: input.reason });
      return view(after, service, ctx, 'staff');
    },
  }),

  bookFor: action({
    access: SCHEDULERS,
    input: appointmentSchemas.bookFor,
    async run(ctx, input) {
      const conv = await deskConversation(ctx, input.conversationId);
      if (conv.agentId !== ctx.openid && !isManager(ctx)) throw new AppError('FORBIDDEN', '只有负责该会话的客服或主管可以为顾客预约');
      const booked = await placeBooking(ctx, input, conv.customer, true);
      if (booked.created) {
        const { appt, service } = booked;
        await recordAppointment('appointment_booked', appt, ctx.now);
        // The booking is committed: a failed chat line must not turn it into an error (a retry would not add it either).
        try {
          await systemLine(conv._id, `客服已为您预约：${service.name} ${shortChineseDateTime(new Date(appt.start))}，可在“我的预约”中查看`);
        } catch (err) {
          logWarn('[appointment] system line not written', err);
        }
        await tell([conv.customer, conv.agentId], 'conversation');
        // Staff arranged the time with the customer: it is confirmed at once, so the customer hears "confirmed".
        await afterChange(appt, service, 'appointment_confirmed');
      }
      return view(booked.appt, booked.service, ctx, 'staff');
    },
  }),

  /** The contact as given, for calling or visiting; recorded in the audit log (`data.unmask`). */
  revealContact: action({
    access: SCHEDULERS,
    input: appointmentSchemas.revealContact,
    async run(ctx, input): Promise<RevealedContact> {
      const appt = await anyAppointment(input.id);
      const contact = contactOf(appt);
      await recordUnmask(ctx, `appointments/${appt._id}`, contact, { appointmentId: appt._id });
      return { id: appt._id, ...contact };
    },
  }),

  // managers ----------------------------------------------------------------------------------------

  saveService: action({
    access: MANAGERS,
    input: appointmentSchemas.saveService,
    async run(ctx, input) {
      const open = minutesOfDay(input.hours.start);
      const close = minutesOfDay(input.hours.end);
      if (close - open < input.durationMinutes) throw new AppError('INVALID_INPUT', '营业时间至少要容纳一个预约时段（结束时间 − 开始时间 ≥ 时长）');
      const badHoliday = input.holidays.find((d) => !isCalendarDay(d));
      if (badHoliday) throw new AppError('INVALID_INPUT', `节假日 ${badHoliday} 不是有效日期`);
      const before = input.id ? await findService(input.id) : null;
      const service: AppointmentService = {
        id: input.id ?? `svc-${randomBytes(6).toString('hex')}`,
        name: input.name,
        description: input.description,
        durationMinutes: input.durationMinutes,
        capacityPerSlot: input.capacityPerSlot,
        workingDays: [...new Set(input.workingDays)].sort((a, b) => a - b),
        hours: input.hours,
        holidays: [...new Set(input.holidays)].sort(),
        leadHours: input.leadHours,
        maxDaysAhead: input.maxDaysAhead,
        cancelCutoffHours: input.cancelCutoffHours,
        enabled: input.enabled,
      };
      await writeService(service, before !== null, ctx.now);
      await audit(ctx.openid, before ? 'service.update' : 'service.create', `appointment_services/${service.id}`, before, service);
      return service;
    },
  }),
};
