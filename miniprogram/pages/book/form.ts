// The booking form's rules on the client (the function checks them again).
import type { NotificationEvent } from '../../../core/api';

export interface ContactForm {
  name: string;
  phone: string;
  /** 地址或备注: sent as the appointment's `address` (what staff and the notifications show). */
  address: string;
}

export type FieldErrors = Partial<Record<'service' | 'slot' | 'name' | 'phone' | 'address', string>>;

export const FORM_ERRORS = {
  service: '请选择服务项目',
  slot: '请选择预约时段',
  name: '请填写姓名',
  nameTooLong: '姓名不能超过 20 个字',
  phone: '请输入有效的 11 位中国大陆手机号',
  addressTooLong: '地址或备注不能超过 100 个字',
} as const;

/** The notifications a booking asks permission for (WeChat allows three per prompt). */
export const BOOKING_EVENTS: NotificationEvent[] = ['appointment_confirmed', 'appointment_reminder', 'appointment_rescheduled'];

/** `138 0013 8000` → `13800138000`. */
export function cleanPhone(phone: string): string {
  return phone.replace(/[\s-]/g, '');
}

export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(cleanPhone(phone));
}

export function validateBooking(input: { serviceId: string | null; slotStart: string | null; form: ContactForm }): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.serviceId) errors.service = FORM_ERRORS.service;
  if (!input.slotStart) errors.slot = FORM_ERRORS.slot;
  const name = input.form.name.trim();
  if (name === '') errors.name = FORM_ERRORS.name;
  else if (name.length > 20) errors.name = FORM_ERRORS.nameTooLong;
  if (!isMainlandMobile(input.form.phone)) errors.phone = FORM_ERRORS.phone;
  if (input.form.address.trim().length > 100) errors.address = FORM_ERRORS.addressTooLong;
  return errors;
}

/** A fresh key per booking intent: the same key again (double tap, retry) books once. */
export function newIdempotencyKey(): string {
  return `bk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
