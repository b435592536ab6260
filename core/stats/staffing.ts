// Staffing advice by Erlang C (core/queueing/erlang.ts): for each hour of the week, from the hand-offs
// of the last weeks (arrivals) and the mean handling time, how many conversation slots are needed so
// that `level` (80%) of customers are answered within `targetSec` (20 s), and how many agents that is
// at their mean capacity (conversations held at once) — next to how many were online on average.
import { agentsNeeded } from '../queueing/erlang';
import type { Sums } from './aggregate';
import { weekdayOf } from './time';

export const HOURS_PER_WEEK = 168;

/** Totals per hour of the week (0 = Monday 00:00 … 167 = Sunday 23:00, UTC+8) of a sample of days. */
export interface WeekHours {
  arrivals: number[];
  onlineSec: number[];
}

/** Adds up the 24 hours of each day (its rollup or live aggregate) into the hours of the week. */
export function weekHoursOf(days: ReadonlyArray<{ day: string; hours?: readonly Sums[] }>): WeekHours {
  const out: WeekHours = { arrivals: new Array<number>(HOURS_PER_WEEK).fill(0), onlineSec: new Array<number>(HOURS_PER_WEEK).fill(0) };
  for (const d of days) {
    const base = (weekdayOf(d.day) - 1) * 24;
    (d.hours ?? []).forEach((h, i) => {
      out.arrivals[base + i]! += h.handoffs;
      out.onlineSec[base + i]! += h.onlineSec;
    });
  }
  return out;
}

export interface StaffingInput extends WeekHours {
  /** How many weeks the sample covers (arrivals per hour = total ÷ weeks). */
  weeks: number;
  /** Mean handling time in seconds (close − first assignment). */
  meanHandleSec: number;
  targetSec: number;
  level: number;
  /** Conversations an agent holds at once (≥ 1). */
  capacity: number;
}

export interface StaffingHour {
  hourOfWeek: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  /** Mean hand-offs in this hour of the week. */
  arrivalsPerHour: number;
  /** Offered load in Erlangs (arrivals per hour × handling hours). */
  erlangs: number;
  /** Erlang C servers (conversations handled at once) for the service level. */
  slotsNeeded: number;
  /** Agents at the mean capacity: ⌈slots ÷ capacity⌉. */
  agentsNeeded: number;
  /** Agents online on average in this hour of the week over the sample. */
  agentsOnline: number;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

export function staffingByHour(input: StaffingInput): StaffingHour[] {
  const weeks = Math.max(1, input.weeks);
  const mu = 1 / Math.max(1, input.meanHandleSec);
  const capacity = Math.max(1, input.capacity);
  return input.arrivals.map((n, h) => {
    const lambda = n / weeks / 3600;
    const slots = agentsNeeded(lambda, mu, input.targetSec, input.level);
    return {
      hourOfWeek: h,
      weekday: Math.floor(h / 24) + 1,
      hour: h % 24,
      arrivalsPerHour: r2(n / weeks),
      erlangs: r2(lambda / mu),
      slotsNeeded: slots,
      agentsNeeded: Math.ceil(slots / capacity),
      agentsOnline: r2((input.onlineSec[h] ?? 0) / 3600 / weeks),
    };
  });
}
