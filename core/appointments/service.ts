// A bookable service as stored in `appointment_services`, read with defaults: documents written before
// a field existed (the demo seed has no `holidays` or `cancelCutoffHours`) read as the schema's defaults.
import type { AppointmentService } from '../api';

export const SERVICE_DEFAULTS = {
  description: '',
  holidays: [] as string[],
  cancelCutoffHours: 2,
  enabled: true,
} as const;

/** The rules slot computation needs (a subset of the service). */
export type ServiceRules = Pick<
  AppointmentService,
  'durationMinutes' | 'capacityPerSlot' | 'workingDays' | 'hours' | 'holidays' | 'leadHours' | 'maxDaysAhead' | 'cancelCutoffHours'
>;

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

/** A stored service document as the API shape, with defaults for missing fields. */
export function serviceFromDoc(raw: Record<string, unknown>): AppointmentService {
  const hours = (raw.hours ?? {}) as Record<string, unknown>;
  return {
    id: String(raw._id),
    name: str(raw.name, ''),
    description: str(raw.description, SERVICE_DEFAULTS.description),
    durationMinutes: num(raw.durationMinutes, 60),
    capacityPerSlot: num(raw.capacityPerSlot, 1),
    workingDays: Array.isArray(raw.workingDays) ? raw.workingDays.filter((d): d is number => typeof d === 'number') : [],
    hours: { start: str(hours.start, '09:00'), end: str(hours.end, '18:00') },
    holidays: Array.isArray(raw.holidays) ? raw.holidays.map(String) : [...SERVICE_DEFAULTS.holidays],
    leadHours: num(raw.leadHours, 0),
    maxDaysAhead: num(raw.maxDaysAhead, 14),
    cancelCutoffHours: num(raw.cancelCutoffHours, SERVICE_DEFAULTS.cancelCutoffHours),
    enabled: typeof raw.enabled === 'boolean' ? raw.enabled : SERVICE_DEFAULTS.enabled,
  };
}
