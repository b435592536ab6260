import { describe, expect, it } from 'vitest';
import { DAY_MS, RETENTION_DEFAULTS, cutoffOf, retentionFrom, zeroCounts } from './index';

describe('retention settings', () => {
  it('defaults until saved, and each bad value falls back on its own', () => {
    expect(retentionFrom(null)).toEqual(RETENTION_DEFAULTS);
    expect(retentionFrom({ days: 365, exportFirst: true, auditDays: 2000 })).toEqual({ days: 365, exportFirst: true, auditDays: 2000 });
    expect(retentionFrom({ days: 5, exportFirst: 'yes', auditDays: 99999 })).toEqual({ days: 180, exportFirst: false, auditDays: 1095 });
    expect(retentionFrom({ days: 200.5 }).days).toBe(180);
  });

  it('never keeps the audit log shorter than customer data', () => {
    expect(retentionFrom({ days: 3000, auditDays: 400 })).toMatchObject({ days: 3000, auditDays: 3000 });
  });

  it('cuts off whole days before now, whatever the time zone', () => {
    const now = new Date('2026-12-01T19:30:00.000Z');
    expect(cutoffOf(now, 180).toISOString()).toBe('2026-06-04T19:30:00.000Z');
    expect(now.getTime() - cutoffOf(now, 1).getTime()).toBe(DAY_MS);
  });

  it('counts start at zero for every kind', () => {
    expect(Object.values(zeroCounts()).every((n) => n === 0)).toBe(true);
    expect(Object.keys(zeroCounts())).toHaveLength(10);
  });
});
