// CloudBase timer triggers: 7-field cron (second minute hour day month weekday year), UTC+8.
// Weekday 0 is Sunday. When both day and weekday are restricted, either may match (CloudBase docs).

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  min: number;
  max: number;
  names?: string[];
  /** Value of names[0]. */
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 6, names: WEEKDAYS, nameBase: 0 },
  { min: 1970, max: 2099 },
];

export interface Cron {
  source: string;
  fields: Set<number>[];
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

function parseValue(token: string, spec: FieldSpec): number {
  const upper = token.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  const value = named >= 0 ? named + (spec.nameBase ?? 0) : Number(token);
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) throw new Error(`bad cron value "${token}"`);
  return value;
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step "${part}"`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range!.includes('-')) {
      const [a, b] = range!.split('-');
      from = parseValue(a!, spec);
      to = parseValue(b!, spec);
    } else {
      from = parseValue(range!, spec);
      // `1/10` means from 1 every 10 to the end of the range.
      to = stepText === undefined ? from : spec.max;
    }
    if (from > to) throw new Error(`bad cron range "${part}"`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(source: string): Cron {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron "${source}" must have 7 fields`);
  return {
    source,
    fields: parts.map((p, i) => parseField(p, FIELDS[i]!)),
    dayRestricted: parts[3] !== '*',
    weekdayRestricted: parts[5] !== '*',
  };
}

/** Whether the cron fires at this second, read on the UTC+8 wall clock. */
export function cronMatches(cron: Cron, at: Date): boolean {
  const t = new Date(at.getTime() + 8 * 3600_000);
  const [sec, min, hour, day, month, weekday, year] = cron.fields as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (!sec.has(t.getUTCSeconds()) || !min.has(t.getUTCMinutes()) || !hour.has(t.getUTCHours())) return false;
  if (!month.has(t.getUTCMonth() + 1) || !year.has(t.getUTCFullYear())) return false;
  const dayOk = day.has(t.getUTCDate());
  const weekdayOk = weekday.has(t.getUTCDay());
  if (cron.dayRestricted && cron.weekdayRestricted) return dayOk || weekdayOk;
  return dayOk && weekdayOk;
}
