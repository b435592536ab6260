import { describe, expect, it } from 'vitest';
import { dueJobs } from './schedule';

// Times are UTC; the schedule is read on the UTC+8 clock (03:30 UTC+8 = 19:30 UTC the day before).
describe("admin's one timer", () => {
  it('advances exports every minute, with housekeeping at minute 5', () => {
    expect(dueJobs(new Date('2026-12-01T02:17:30Z'))).toEqual(['exports']);
    expect(dueJobs(new Date('2026-12-01T02:05:30Z'))).toEqual(['exports', 'housekeeping']);
  });
  it('runs rekey alone at minute 35 and retention alone at 03:30 UTC+8', () => {
    expect(dueJobs(new Date('2026-12-01T02:35:30Z'))).toEqual(['rekey']);
    expect(dueJobs(new Date('2026-11-30T19:30:30Z'))).toEqual(['retention']);
    expect(dueJobs(new Date('2026-12-01T03:30:30Z'))).toEqual(['exports']);
  });
});
