// Which of the admin function's jobs its one timer (`tick`, every minute) runs at a given moment.
// CloudBase allows one timer trigger per function. The long jobs (retention ~14 s, rekey ~12 s of the
// 20 s timeout) run alone in their minute; exports simply advance a minute later.
import { minuteOfDay } from '../../core/templates/time';

export type AdminJob = 'exports' | 'housekeeping' | 'retention' | 'rekey';

/** 03:30 UTC+8. */
export const RETENTION_AT = 3 * 60 + 30;

export function dueJobs(now: Date): AdminJob[] {
  const minute = minuteOfDay(now);
  if (minute === RETENTION_AT) return ['retention'];
  if (minute % 60 === 35) return ['rekey'];
  return minute % 60 === 5 ? ['exports', 'housekeeping'] : ['exports'];
}
