// Quality review (质检): the rubric, the weighted total, reproducible sampling and the per-agent report.
// Pure: the `desk` function reads and writes, this decides.
import { BUSINESS_OFFSET_MS } from './templates/time';

/** Every rubric item is scored 0 … QA_MAX_SCORE. */
export const QA_MAX_SCORE = 5;
/** A rubric has 1 … QA_MAX_ITEMS items. */
export const QA_MAX_ITEMS = 10;
/** Largest sample asked for at once. */
export const QA_MAX_SAMPLE = 50;
/** A first response slower than this (seconds after the hand-off) counts as slow. */
export const QA_SLOW_FRT_SEC = 60;
/** A customer rating at or below this counts as low. */
export const QA_LOW_RATING = 3;

export const QA_FILTERS = ['random', 'low_rating', 'slow_first_response', 'unresolved'] as const;
export type QaFilter = (typeof QA_FILTERS)[number];

export interface QaRubricItem {
  key: string;
  label: string;
  weight: number;
}

export const DEFAULT_QA_RUBRIC: readonly QaRubricItem[] = [
  { key: 'greeting', label: '问候礼貌', weight: 1 },
  { key: 'accuracy', label: '答复准确', weight: 2 },
  { key: 'tone', label: '语气态度', weight: 1 },
  { key: 'resolution', label: '问题解决', weight: 2 },
];

/** Rounded to one decimal (totals and means as shown). */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Why these scores do not fit the rubric (a key it does not have, an item left out, a score outside
 * 0–5 or not whole), or null when they do.
 */
export function scoresProblem(rubric: readonly QaRubricItem[], scores: Record<string, number>): string | null {
  const keys = new Set(rubric.map((i) => i.key));
  const unknown = Object.keys(scores).filter((k) => !keys.has(k));
  if (unknown.length > 0) return `评分项不在当前评分标准中：${unknown.join('、')}`;
  const missing = rubric.filter((i) => !Object.prototype.hasOwnProperty.call(scores, i.key));
  if (missing.length > 0) return `请为每一项评分：${missing.map((i) => i.label).join('、')}`;
  for (const item of rubric) {
    const s = scores[item.key];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > QA_MAX_SCORE) return `「${item.label}」的评分应为 0 到 ${QA_MAX_SCORE} 的整数`;
  }
  return null;
}

/** The weighted mean of the scores scaled to 100 (one decimal); 0 for an empty rubric or no weight. */
export function weightedTotal(rubric: readonly QaRubricItem[], scores: Record<string, number>): number {
  let sum = 0;
  let weights = 0;
  for (const item of rubric) {
    if (!(item.weight > 0)) continue;
    weights += item.weight;
    sum += item.weight * (scores[item.key] ?? 0);
  }
  return weights > 0 ? round1((sum / (weights * QA_MAX_SCORE)) * 100) : 0;
}

// ---- Periods (UTC+8 days) ----

const DAY_MS = 24 * 3600_000;

/** `[start, end)` in epoch ms of the inclusive UTC+8 days `from` … `to` (`YYYY-MM-DD`). */
export function periodBounds(from: string, to: string): { start: number; end: number } {
  const at = (day: string) => Date.parse(`${day}T00:00:00.000Z`) - BUSINESS_OFFSET_MS;
  return { start: at(from), end: at(to) + DAY_MS };
}

/** Whether `YYYY-MM-DD` is a real calendar day. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// ---- Sampling ----

/** What sampling needs to know of a closed conversation. */
export interface QaCandidate {
  id: string;
  closedAt: number;
  handoffAt: number;
  /** Null when nobody ever answered. */
  firstResponseAt: number | null;
  resolved: boolean | null;
  /** The customer's rating, if any. */
  rating: number | null;
}

/** Seconds from the hand-off to the first reply; without a reply, the whole wait until the close. */
export function firstResponseSec(c: Pick<QaCandidate, 'handoffAt' | 'firstResponseAt' | 'closedAt'>): number {
  return Math.max(0, Math.round(((c.firstResponseAt ?? c.closedAt) - c.handoffAt) / 1000));
}

export function matchesFilter(c: QaCandidate, filter: QaFilter): boolean {
  switch (filter) {
    case 'random':
      return true;
    case 'low_rating':
      return c.rating !== null && c.rating <= QA_LOW_RATING;
    case 'slow_first_response':
      return c.firstResponseAt === null || firstResponseSec(c) > QA_SLOW_FRT_SEC;
    case 'unresolved':
      return c.resolved === false;
  }
}

/** A string seed → 32-bit state (FNV-1a). */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic pseudo-random numbers in [0, 1) for a seed (mulberry32). */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashSeed(seed));
}

/** mulberry32 from a 32-bit seed: deterministic pseudo-random numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The sample: the candidates matching the filter, at most `size`. Random: a shuffle decided by the
 * seed alone (the same seed and candidates give the same sample, whatever order they were read in).
 * The others, worst first: lowest rating, slowest first response, latest unresolved; ties by id.
 */
export function sampleCandidates<T extends QaCandidate>(candidates: readonly T[], filter: QaFilter, size: number, seed: string): T[] {
  const matching = candidates.filter((c) => matchesFilter(c, filter)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = Math.max(0, Math.min(size, matching.length));
  if (filter === 'random') {
    const next = seededRandom(seed);
    const pool = [...matching];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, n);
  }
  const worst: Record<Exclude<QaFilter, 'random'>, (a: T, b: T) => number> = {
    low_rating: (a, b) => (a.rating ?? 0) - (b.rating ?? 0),
    slow_first_response: (a, b) => firstResponseSec(b) - firstResponseSec(a),
    unresolved: (a, b) => b.closedAt - a.closedAt,
  };
  return [...matching].sort(worst[filter]).slice(0, n);
}

// ---- Report ----

export interface QaReviewFacts {
  agentId: string;
  total: number;
  scores: Record<string, number>;
}

export interface QaReportRow {
  agentId: string;
  reviews: number;
  /** Mean of the totals (0–100, one decimal); null without reviews. */
  meanTotal: number | null;
  /** Mean score (0–5, one decimal) per rubric item over the reviews that scored it; null when none did. */
  items: Record<string, number | null>;
}

function reportRow(agentId: string, reviews: readonly QaReviewFacts[], rubric: readonly QaRubricItem[]): QaReportRow {
  const items: Record<string, number | null> = {};
  for (const item of rubric) {
    const scored = reviews.map((r) => r.scores[item.key]).filter((s): s is number => typeof s === 'number');
    items[item.key] = scored.length > 0 ? round1(scored.reduce((a, b) => a + b, 0) / scored.length) : null;
  }
  return {
    agentId,
    reviews: reviews.length,
    meanTotal: reviews.length > 0 ? round1(reviews.reduce((a, r) => a + r.total, 0) / reviews.length) : null,
    items,
  };
}

/** Per agent (most reviews first, then by id), and everyone together. */
export function qaReport(reviews: readonly QaReviewFacts[], rubric: readonly QaRubricItem[]): { agents: QaReportRow[]; overall: QaReportRow } {
  const byAgent = new Map<string, QaReviewFacts[]>();
  for (const r of reviews) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r]);
  const agents = [...byAgent.entries()]
    .map(([agentId, list]) => reportRow(agentId, list, rubric))
    .sort((a, b) => b.reviews - a.reviews || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  return { agents, overall: reportRow('all', reviews, rubric) };
}
