// Storage of services, appointments and slot counters, and the transactions that keep a slot from
// ever holding more bookings than its capacity. Rules live in core/appointments; this file only reads
// and writes.
import { createHash } from 'node:crypto';
import type { AppointmentService, AppointmentStatus } from '../../core/api';
import { serviceFromDoc, toBusinessIso } from '../../core/appointments';
import { AppError } from '../../core/envelope';
import { db, _ } from '../_shared/cloud';
import { first, rows } from '../_shared/db';
import { openFields, sealFields } from '../_shared/seal';
import { transact as runTransaction, txGet, type Tx } from '../_shared/tx';

export { txGet };

/** Bookings' transactions: retried under contention, then a plain sentence for the customer. */
export const transact = <T>(run: (t: Tx) => Promise<T>): Promise<T> => runTransaction(run, '当前预约的人较多，请稍后重试');

export interface HistoryEntry {
  at: Date;
  /** OPENID of who made the change. */
  by: string;
  action: string;
  /** Status before and after. */
  from: AppointmentStatus | null;
  to: AppointmentStatus;
  /** Reschedules: the slot starts before and after (ISO +08:00). */
  fromStart?: string;
  toStart?: string;
  reason?: string;
}

/** An appointment as stored in `appointments`; name, phone, address and note are sealed at rest (the readers here open them). */
export interface StoredAppointment {
  _id: string;
  serviceId: string;
  /** The customer's OPENID. */
  customer: string;
  start: Date;
  end: Date;
  /** `YYYY-MM-DD` of `start` in UTC+8 (the staff schedule is queried by it). */
  day: string;
  name: string;
  /** Normalized mainland mobile number (11 digits). */
  phone: string;
  address: string;
  note: string;
  /** WeChat's content check flagged the note `review`. */
  noteReview?: true;
  status: AppointmentStatus;
  /** Staff OPENID when desk staff booked it for the customer (`bookFor`). */
  bookedBy?: string;
  /** The client's key of the request that booked it; the lock that keeps it to one booking is in `appointment_keys`. */
  idempotencyKey?: string;
  cancelReason?: string;
  createdAt: Date;
  updatedAt: Date;
  history: HistoryEntry[];
}

/** A slot's counter in `slot_counters`: how many active bookings hold a place in it. */
export interface SlotCounter {
  _id: string;
  serviceId: string;
  start: Date;
  taken: number;
  updatedAt: Date;
}

/** `<serviceId>|<start as ISO +08:00>`: one counter per service and slot. */
export function counterId(serviceId: string, start: Date): string {
  return `${serviceId}|${toBusinessIso(start)}`;
}

// ---------------------------------------------------------------------------------------------------
// Services

const services = () => db.collection('appointment_services');

export async function findService(id: string): Promise<AppointmentService | null> {
  const raw = await first<Record<string, unknown>>(services().where({ _id: id }));
  return raw ? serviceFromDoc(raw) : null;
}

export async function listServices(enabledOnly: boolean): Promise<AppointmentService[]> {
  const query = enabledOnly ? services().where({ enabled: true }) : services();
  const data = await rows<Record<string, unknown>>(query.orderBy('createdAt', 'asc').limit(1000));
  return data.map(serviceFromDoc);
}

/** Creates or replaces a service document, keeping its creation time. */
export async function writeService(service: AppointmentService, existed: boolean, now: Date): Promise<void> {
  const { id, ...fields } = service;
  if (existed) {
    await services().doc(id).update({ data: { ...fields, updatedAt: now } });
  } else {
    await services().add({ data: { _id: id, ...fields, createdAt: now, updatedAt: now } });
  }
}

// ---------------------------------------------------------------------------------------------------
// Appointments

const appointments = () => db.collection('appointments');

/** The contact fields opened (a document read by any query of `appointments`). */
export const openAppointment = <T extends object>(doc: T): T => openFields('appointments', doc);

/** The document to write, its contact fields sealed. */
export const sealAppointment = <T extends object>(doc: T): T => sealFields('appointments', doc);

export async function findAppointment(id: string): Promise<StoredAppointment | null> {
  const doc = await first<StoredAppointment>(appointments().where({ _id: id }));
  return doc ? openAppointment(doc) : null;
}

/** `findAppointment` inside a transaction. */
export async function txAppointment(t: Tx, id: string): Promise<StoredAppointment | null> {
  const doc = await txGet<StoredAppointment>(t, 'appointments', id);
  return doc ? openAppointment(doc) : null;
}

export async function appointmentsOf(customer: string): Promise<StoredAppointment[]> {
  return (await rows<StoredAppointment>(appointments().where({ customer }).orderBy('start', 'desc').limit(200))).map(openAppointment);
}

export async function appointmentsOn(day: string, filter: { serviceId?: string; status?: AppointmentStatus }): Promise<StoredAppointment[]> {
  const where: Record<string, string> = { day };
  if (filter.serviceId) where.serviceId = filter.serviceId;
  if (filter.status) where.status = filter.status;
  return (await rows<StoredAppointment>(appointments().where(where).orderBy('start', 'asc').limit(1000))).map(openAppointment);
}

/** Conditional status change (no place is taken or released): applied only while the status is one of `from`. */
export async function changeStatus(id: string, from: readonly AppointmentStatus[], to: AppointmentStatus, entry: HistoryEntry): Promise<boolean> {
  const result = (await appointments()
    .where({ _id: id, status: _.in([...from]) })
    .update({ data: { status: to, updatedAt: entry.at, history: _.push([entry]) } })) as { stats: { updated: number } };
  return result.stats.updated === 1;
}

// ---------------------------------------------------------------------------------------------------
// Idempotency locks

/**
 * A booking's idempotency lock in `appointment_keys`, written in the booking's transaction: which appointment the
 * customer's request with that key made. Nothing else: no contact, no time, no OPENID in the clear.
 */
export interface AppointmentKeyLock {
  /** `keyLockId(customer, idempotencyKey)`. */
  _id: string;
  appointmentId: string;
  createdAt: Date;
}

/** The lock's `_id`: a SHA-256 of the customer's OPENID and the client's key (the appointment's own id is random). */
export function keyLockId(customer: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${customer}\n${idempotencyKey}`).digest('hex');
}

/** The appointment an earlier request with this lock booked, or null (no such request, or the appointment is gone). */
export async function appointmentOfKey(lockId: string): Promise<StoredAppointment | null> {
  const lock = await first<AppointmentKeyLock>(db.collection('appointment_keys').where({ _id: lockId }));
  return lock ? findAppointment(lock.appointmentId) : null;
}

/** The lock inside a transaction (read before booking, so two requests with one key conflict at commit). */
export function txKeyLock(t: Tx, lockId: string): Promise<AppointmentKeyLock | null> {
  return txGet<AppointmentKeyLock>(t, 'appointment_keys', lockId);
}

/** Inside the booking's transaction: the lock names `appointmentId` (a lock left by an appointment that is gone is taken over). */
export async function writeKeyLock(t: Tx, lockId: string, existing: AppointmentKeyLock | null, appointmentId: string, now: Date): Promise<void> {
  if (existing) await t.collection('appointment_keys').doc(lockId).update({ data: { appointmentId, createdAt: now } });
  else await t.collection('appointment_keys').add({ data: { _id: lockId, appointmentId, createdAt: now } });
}

// ---------------------------------------------------------------------------------------------------
// Slot counters

/** Places taken per slot start (ISO +08:00) of a service in [start, end). */
export async function takenBetween(serviceId: string, start: Date, end: Date): Promise<Map<string, number>> {
  const taken = new Map<string, number>();
  const PAGE = 1000;
  for (let skip = 0; ; skip += PAGE) {
    const page = await rows<Pick<SlotCounter, 'start' | 'taken'>>(
      db
        .collection('slot_counters')
        .where({ serviceId, start: _.gte(start).and(_.lt(end)) })
        .orderBy('start', 'asc')
        .skip(skip)
        .limit(PAGE)
        .field({ start: true, taken: true }),
    );
    for (const c of page) taken.set(toBusinessIso(new Date(c.start)), c.taken);
    if (page.length < PAGE) return taken;
  }
}

/** Takes one place in a slot inside a transaction, creating its counter on first use; CONFLICT when full. */
export async function takePlace(t: Tx, serviceId: string, start: Date, capacity: number, now: Date): Promise<void> {
  const id = counterId(serviceId, start);
  const counter = await txGet<SlotCounter>(t, 'slot_counters', id);
  const taken = counter?.taken ?? 0;
  if (taken >= capacity) throw new AppError('CONFLICT', '该时段已约满，请选择其他时间');
  if (counter) await t.collection('slot_counters').doc(id).update({ data: { taken: taken + 1, updatedAt: now } });
  else await t.collection('slot_counters').add({ data: { _id: id, serviceId, start, taken: 1, updatedAt: now } });
}

/** Gives a place back inside a transaction (never below 0; a missing counter has nothing to give back). */
export async function releasePlace(t: Tx, serviceId: string, start: Date, now: Date): Promise<void> {
  const id = counterId(serviceId, start);
  const counter = await txGet<SlotCounter>(t, 'slot_counters', id);
  if (!counter) return;
  await t.collection('slot_counters').doc(id).update({ data: { taken: Math.max(0, counter.taken - 1), updatedAt: now } });
}
