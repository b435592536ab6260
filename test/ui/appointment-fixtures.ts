// Appointment data for the UI tests, dated from today (UTC+8) so "upcoming" stays upcoming.
import type { Appointment, AppointmentService, DayAvailability, Slot } from '../../core/api';
import { businessToday, shiftDay } from '../../miniprogram/components/booking/time';

export const today = businessToday();
export const day = (n: number) => shiftDay(today, n);
export const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

export const services: AppointmentService[] = [
  {
    id: 'svc-install',
    name: '上门安装',
    description: '空调、热水器上门安装调试',
    durationMinutes: 120,
    capacityPerSlot: 4,
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    hours: { start: '09:00', end: '17:00' },
    holidays: [day(3)],
    leadHours: 24,
    maxDaysAhead: 14,
    cancelCutoffHours: 2,
    enabled: true,
  },
  {
    id: 'svc-callback',
    name: '电话回访',
    description: '客服专员在指定时间给您回电',
    durationMinutes: 30,
    capacityPerSlot: 5,
    workingDays: [1, 2, 3, 4, 5],
    hours: { start: '09:00', end: '20:00' },
    holidays: [],
    leadHours: 1,
    maxDaysAhead: 14,
    cancelCutoffHours: 2,
    enabled: true,
  },
];

/** Day 1 open, day 2 full, day 3 closed (a holiday of 上门安装), day 14 past the booking window, the rest open. */
export const days: DayAvailability[] = Array.from({ length: 14 }, (_, i) => ({
  date: day(i + 1),
  open: i + 1 !== 3 && i + 1 !== 14,
  remaining: i + 1 === 2 ? 0 : i + 1 === 3 ? 0 : 8,
}));

export function slotsOf(date: string): Slot[] {
  return [
    { start: at(date, '09:00'), end: at(date, '11:00'), capacity: 4, remaining: 3 },
    { start: at(date, '11:00'), end: at(date, '13:00'), capacity: 4, remaining: 0 },
    { start: at(date, '13:00'), end: at(date, '15:00'), capacity: 4, remaining: 1 },
  ];
}

export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  const date = day(1);
  return {
    id: 'appt-1',
    serviceId: 'svc-install',
    serviceName: '上门安装',
    start: at(date, '09:00'),
    end: at(date, '11:00'),
    status: 'booked',
    name: '张晓雯',
    phone: '13800138000',
    address: '',
    note: '客厅空调',
    createdAt: new Date().toISOString(),
    changeable: true,
    ...overrides,
  };
}
