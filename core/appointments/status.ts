// Appointment statuses and the changes allowed between them. Every change an action makes goes through
// `nextStatus`, so a refused one (e.g. cancelling a finished appointment) is one CONFLICT in Chinese.
import type { AppointmentStatus } from '../api';
import { AppError } from '../envelope';
import { businessDay } from './clock';

/** Chinese status words (lists, notifications). */
export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: '待确认',
  confirmed: '已确认',
  cancelled: '已取消',
  done: '已完成',
  no_show: '爽约',
};

/** Statuses that hold a place in their slot and can still change. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'confirmed'];

export type AppointmentChange = 'confirm' | 'reschedule' | 'staffReschedule' | 'cancel' | 'staffCancel' | 'done' | 'no_show';

/**
 * The transition table. `to: 'same'` keeps the status. A customer's reschedule needs staff to confirm
 * the new time again; a staff reschedule keeps the status (staff arranged the time).
 */
export const TRANSITIONS: Record<AppointmentChange, { from: readonly AppointmentStatus[]; to: AppointmentStatus | 'same'; verb: string }> = {
  confirm: { from: ['booked'], to: 'confirmed', verb: '确认' },
  reschedule: { from: ['booked', 'confirmed'], to: 'booked', verb: '改期' },
  staffReschedule: { from: ['booked', 'confirmed'], to: 'same', verb: '改期' },
  cancel: { from: ['booked', 'confirmed'], to: 'cancelled', verb: '取消' },
  staffCancel: { from: ['booked', 'confirmed'], to: 'cancelled', verb: '取消' },
  done: { from: ['booked', 'confirmed'], to: 'done', verb: '标记为已完成' },
  no_show: { from: ['booked', 'confirmed'], to: 'no_show', verb: '标记为爽约' },
};

export function isAllowed(change: AppointmentChange, from: AppointmentStatus): boolean {
  return TRANSITIONS[change].from.includes(from);
}

/** The status after `change`, or CONFLICT when the table does not allow it from `from`. */
export function nextStatus(change: AppointmentChange, from: AppointmentStatus): AppointmentStatus {
  const t = TRANSITIONS[change];
  if (!t.from.includes(from)) throw new AppError('CONFLICT', `该预约${STATUS_LABELS[from]}，无法${t.verb}`);
  return t.to === 'same' ? from : t.to;
}

const HOUR = 3_600_000;

/** Customers may cancel or reschedule an active appointment until `cutoffHours` before its start. */
export function customerMayChange(appt: { status: AppointmentStatus; start: Date }, cutoffHours: number, now: Date): boolean {
  return ACTIVE_STATUSES.includes(appt.status) && now.getTime() < appt.start.getTime() - cutoffHours * HOUR;
}

export function cutoffMessage(cutoffHours: number): string {
  return cutoffHours > 0 ? `距预约开始已不足 ${cutoffHours} 小时，无法在线修改，请联系客服` : '预约已开始，无法在线修改，请联系客服';
}

/**
 * When staff may record the outcome: `done` from the appointment's day (UTC+8) on — a customer may come
 * early that day; `no_show` only once the start has passed.
 */
export function outcomeRefusal(outcome: 'done' | 'no_show', start: Date, now: Date): string | null {
  if (outcome === 'no_show') return now.getTime() >= start.getTime() ? null : '预约开始之后才能标记为爽约';
  return businessDay(now) >= businessDay(start) ? null : '预约当天才能标记为已完成';
}
