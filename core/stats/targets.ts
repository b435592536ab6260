// The service-level targets the dashboard colours its KPI cards against: the defaults (common
// customer-service standards) and the ranges a manager may set them in.

export interface StatsTargetValues {
  /** First response within this many seconds (mean). */
  frtSec: number;
  /** Share of handed-over conversations resolved (0–1). */
  resolutionRate: number;
  /** Mean CSAT (1–5). */
  csat: number;
  /** Agents' utilization (0–1). */
  utilization: number;
}

/** First response within 20 s, 75% resolved, CSAT 4.5 of 5, agents 85% busy. */
export const DEFAULT_STATS_TARGETS: Readonly<StatsTargetValues> = { frtSec: 20, resolutionRate: 0.75, csat: 4.5, utilization: 0.85 };

/** The ranges (inclusive) a target may be set in. */
export const STATS_TARGET_RANGES = {
  frtSec: { min: 1, max: 3600 },
  resolutionRate: { min: 0, max: 1 },
  csat: { min: 1, max: 5 },
  utilization: { min: 0, max: 1 },
} as const satisfies Record<keyof StatsTargetValues, { min: number; max: number }>;

/** Stored targets read leniently: each value out of range or missing falls back to its default. */
export function targetsFrom(stored: Partial<Record<keyof StatsTargetValues, unknown>> | null | undefined): StatsTargetValues {
  const pick = (k: keyof StatsTargetValues): number => {
    const v = stored?.[k];
    const r = STATS_TARGET_RANGES[k];
    return typeof v === 'number' && Number.isFinite(v) && v >= r.min && v <= r.max ? v : DEFAULT_STATS_TARGETS[k];
  };
  return { frtSec: pick('frtSec'), resolutionRate: pick('resolutionRate'), csat: pick('csat'), utilization: pick('utilization') };
}
