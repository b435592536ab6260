// Appointment reminders: which one is due, exactly once each.
//
// - the day-before reminder: the appointment starts in more than 2 h and at most 24 h;
// - the 2-hour reminder: it starts in more than 0 and at most 2 h. When an appointment is already that
//   close the first time it is seen (booked late), only this one is sent and the day-before one is
//   considered done — two reminders at once would be noise.
// Nothing is due for an appointment that has started, or that starts in more than 24 h.

export const DAY_BEFORE_WINDOW_MS = 24 * 3600_000;
export const TWO_HOURS_WINDOW_MS = 2 * 3600_000;

export type ReminderKind = 'day_before' | 'two_hours';

export interface ReminderFlags {
  remindedDayBefore?: boolean;
  reminded2h?: boolean;
}

export function dueReminder(start: Date, now: Date, flags: ReminderFlags): ReminderKind | null {
  const ahead = start.getTime() - now.getTime();
  if (ahead <= 0) return null;
  if (ahead <= TWO_HOURS_WINDOW_MS) return flags.reminded2h === true ? null : 'two_hours';
  if (ahead <= DAY_BEFORE_WINDOW_MS) return flags.remindedDayBefore === true ? null : 'day_before';
  return null;
}

/** The flags a reminder of `kind` sets once sent. */
export function flagsAfter(kind: ReminderKind): ReminderFlags {
  return kind === 'two_hours' ? { remindedDayBefore: true, reminded2h: true } : { remindedDayBefore: true };
}

/** The words of the reminder's `tip` value (a thing field, ≤ 20 characters). */
export function reminderTip(kind: ReminderKind): string {
  return kind === 'two_hours' ? '您的预约将在2小时内开始，请准时到场' : '您的预约临近，请合理安排时间';
}

/** Appointment statuses as customers read them (phrase fields take ≤ 5 Chinese characters). */
export const APPOINTMENT_STATUS_PHRASES: Record<string, string> = {
  booked: '待确认',
  confirmed: '已确认',
  cancelled: '已取消',
  done: '已完成',
  no_show: '未到场',
};
