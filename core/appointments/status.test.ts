import { describe, expect, it } from 'vitest';
import { AppError } from '../envelope';
import { maskPhone } from './phone';
import { serviceFromDoc } from './service';
import { customerMayChange, cutoffMessage, isAllowed, nextStatus, outcomeRefusal, STATUS_LABELS, TRANSITIONS } from './status';

describe('status transitions', () => {
  it('allows the changes of the table', () => {
    expect(nextStatus('confirm', 'booked')).toBe('confirmed');
    expect(nextStatus('reschedule', 'confirmed')).toBe('booked');
    expect(nextStatus('staffReschedule', 'confirmed')).toBe('confirmed');
    expect(nextStatus('cancel', 'confirmed')).toBe('cancelled');
    expect(nextStatus('done', 'booked')).toBe('done');
    expect(nextStatus('no_show', 'confirmed')).toBe('no_show');
  });

  it('refuses the rest with CONFLICT in Chinese; finished appointments are final', () => {
    for (const final of ['cancelled', 'done', 'no_show'] as const) {
      for (const change of Object.keys(TRANSITIONS) as Array<keyof typeof TRANSITIONS>) expect(isAllowed(change, final)).toBe(false);
    }
    try {
      nextStatus('cancel', 'done');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('CONFLICT');
      expect((e as AppError).message).toBe('该预约已完成，无法取消');
    }
    expect(() => nextStatus('confirm', 'confirmed')).toThrow('该预约已确认，无法确认');
    expect(STATUS_LABELS.confirmed).toBe('已确认');
  });

  it('customers may change active appointments until the cut-off', () => {
    const start = new Date('2026-11-27T01:00:00Z');
    expect(customerMayChange({ status: 'booked', start }, 2, new Date('2026-11-26T22:59:59Z'))).toBe(true);
    expect(customerMayChange({ status: 'booked', start }, 2, new Date('2026-11-26T23:00:00Z'))).toBe(false);
    expect(customerMayChange({ status: 'cancelled', start }, 2, new Date('2026-11-20T00:00:00Z'))).toBe(false);
    expect(customerMayChange({ status: 'confirmed', start }, 0, new Date('2026-11-27T00:59:00Z'))).toBe(true);
    expect(cutoffMessage(2)).toContain('2 小时');
  });

  it('outcomes: done from the appointment’s day (UTC+8), no-show after the start', () => {
    const start = new Date('2026-11-27T06:00:00Z'); // 14:00 on the 27th, UTC+8
    expect(outcomeRefusal('done', start, new Date('2026-11-26T15:59:00Z'))).toContain('当天'); // 23:59 on the 26th
    expect(outcomeRefusal('done', start, new Date('2026-11-26T16:00:00Z'))).toBeNull(); // 00:00 on the 27th
    expect(outcomeRefusal('no_show', start, new Date('2026-11-27T05:59:00Z'))).toContain('开始之后');
    expect(outcomeRefusal('no_show', start, new Date('2026-11-27T06:00:00Z'))).toBeNull();
  });
});

describe('personal data and stored services', () => {
  it('masks phone numbers for staff', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('')).toBe('');
  });

  it('reads seeded services without holidays or cut-off as the defaults', () => {
    const svc = serviceFromDoc({ _id: 'svc-install', name: '上门安装', description: 'x', durationMinutes: 120, capacityPerSlot: 4, workingDays: [1, 2], hours: { start: '09:00', end: '17:00' }, leadHours: 24, maxDaysAhead: 14, enabled: true, createdAt: new Date() });
    expect(svc).toEqual({ id: 'svc-install', name: '上门安装', description: 'x', durationMinutes: 120, capacityPerSlot: 4, workingDays: [1, 2], hours: { start: '09:00', end: '17:00' }, holidays: [], leadHours: 24, maxDaysAhead: 14, cancelCutoffHours: 2, enabled: true });
  });
});
