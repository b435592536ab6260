// Retention (issue 7): how long customer data and the audit log are kept, and the pure rules of a
// purge run. The timer that applies them is `admin/retention` (cloudfunctions/admin/retention.ts).

export const DAY_MS = 86_400_000;

/** Customer data (messages, appointments, left messages …): 30 days to 10 years, default 180. */
export const RETENTION_DAYS = { min: 30, max: 3650, default: 180 } as const;
/** The audit log: at least as long as customer data, at least 180 days, default 3 years. */
export const AUDIT_DAYS = { min: 180, max: 3650, default: 1095 } as const;

export interface RetentionValues {
  days: number;
  /** Export what is about to be purged first, and purge only once that export is done. */
  exportFirst: boolean;
  auditDays: number;
}

export const RETENTION_DEFAULTS: RetentionValues = { days: RETENTION_DAYS.default, exportFirst: false, auditDays: AUDIT_DAYS.default };

const within = (v: unknown, r: { min: number; max: number }): v is number => typeof v === 'number' && Number.isInteger(v) && v >= r.min && v <= r.max;

/** Stored settings read leniently: a missing or out-of-range value falls back to its default; audit ≥ days always. */
export function retentionFrom(stored: Partial<Record<keyof RetentionValues, unknown>> | null | undefined): RetentionValues {
  const days = within(stored?.days, RETENTION_DAYS) ? stored.days : RETENTION_DEFAULTS.days;
  const auditDays = within(stored?.auditDays, AUDIT_DAYS) ? stored.auditDays : RETENTION_DEFAULTS.auditDays;
  return { days, exportFirst: stored?.exportFirst === true, auditDays: Math.max(auditDays, days) };
}

/** Everything that happened before this instant is purged: `days` whole days before `now`. */
export function cutoffOf(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** What a run removed or cleared, by kind; the sums of a run's batches. */
export interface RetentionCounts {
  conversations: number;
  messages: number;
  images: number;
  appointments: number;
  slotCounters: number;
  leftMessages: number;
  unanswered: number;
  notifications: number;
  exports: number;
  audit: number;
}

export const RETENTION_STEPS = ['conversations', 'appointments', 'slotCounters', 'leftMessages', 'unanswered', 'notifications', 'exports', 'audit'] as const;
export type RetentionStep = (typeof RETENTION_STEPS)[number];

export function zeroCounts(): RetentionCounts {
  return { conversations: 0, messages: 0, images: 0, appointments: 0, slotCounters: 0, leftMessages: 0, unanswered: 0, notifications: 0, exports: 0, audit: 0 };
}
