// The metric math of the reports, pure: reporting events (and rollups of them) in, numbers out.
// Definitions (docs/api.md `stats`, design.md "Definitions"):
//   conversations        conversation_started events in the period
//   handoffs             handoff events in the period
//   bot self-service     of the conversations started in the period, those with no handoff and no
//                        "not helpful" (bot_not_helpful) — ÷ all conversations started
//   FRT                  first_response.durationSec (first human reply − hand-off); businessSec beside it
//   wait                 assigned.durationSec (first assignment − hand-off)
//   resolution rate      resolved ÷ closes of handed-over conversations (resolved + closed_unresolved +
//                        closed_by_customer)
//   CSAT                 mean of rated.score (1–5) and the share of 4–5
//   utilization          Σ active-conversation time of online agents ÷ Σ (capacity × online time),
//                        from agent_status intervals and assignment intervals
// A rate without a denominator is null, never 0 and never NaN.
import { DAY_MS, HOUR_MS } from './time';

export interface StatEvent {
  type: string;
  conversationId?: string;
  groupId?: string;
  agentId?: string;
  fromAgentId?: string;
  at: Date | string | number;
  durationSec?: number;
  businessSec?: number;
  score?: number;
  status?: string;
  capacity?: number;
  /** bot_answered: `answered`, `suggested` or `unanswered`. */
  outcome?: string;
  /** The conversation's FAQ category, when known (stats.categories). */
  categoryId?: string;
}

/** Additive counters: two periods' Sums add up field by field. */
export interface Sums {
  conversations: number;
  selfServed: number;
  handoffs: number;
  /** Distinct conversations given to an agent (per agent scope: conversations handled). */
  assigned: number;
  waitCount: number;
  waitSum: number;
  frtCount: number;
  frtSum: number;
  frtBusinessSum: number;
  replies: number;
  closed: number;
  resolved: number;
  handleCount: number;
  handleSum: number;
  rated: number;
  scoreSum: number;
  score45: number;
  transfers: number;
  reroutes: number;
  botAnswered: number;
  botNotHelpful: number;
  apptBooked: number;
  apptCancelled: number;
  apptDone: number;
  apptNoShow: number;
  /** Seconds of conversations held by agents while online. */
  activeSec: number;
  /** Agent-seconds online (staffing: agents online on average). */
  onlineSec: number;
  /** Σ capacity × seconds online. */
  capacitySec: number;
}

/** One period's aggregate: the sums, the FRT histogram (for percentiles) and, for one day, its 24 hours. */
export interface Aggregate extends Sums {
  /** FRT seconds → count, in buckets (exact up to 600 s; see frtBucket). */
  frtHist: Record<string, number>;
  hours?: Sums[];
}

export const SUM_FIELDS = [
  'conversations', 'selfServed', 'handoffs', 'assigned', 'waitCount', 'waitSum', 'frtCount', 'frtSum', 'frtBusinessSum',
  'replies', 'closed', 'resolved', 'handleCount', 'handleSum', 'rated', 'scoreSum', 'score45', 'transfers', 'reroutes',
  'botAnswered', 'botNotHelpful', 'apptBooked', 'apptCancelled', 'apptDone', 'apptNoShow', 'activeSec', 'onlineSec', 'capacitySec',
] as const satisfies ReadonlyArray<keyof Sums>;

export function emptySums(): Sums {
  return Object.fromEntries(SUM_FIELDS.map((f) => [f, 0])) as unknown as Sums;
}

export function emptyAggregate(withHours = false): Aggregate {
  return { ...emptySums(), frtHist: {}, ...(withHours ? { hours: Array.from({ length: 24 }, emptySums) } : {}) };
}

/**
 * The histogram bucket of an FRT: exact whole seconds up to 10 minutes, then 10 s up to an hour, a
 * minute up to a day, an hour beyond (the bucket's upper bound). Percentiles are exact below 600 s.
 */
export function frtBucket(sec: number): number {
  const v = Math.max(0, Math.round(sec));
  if (v <= 600) return v;
  if (v <= 3600) return Math.ceil(v / 10) * 10;
  if (v <= 86_400) return Math.ceil(v / 60) * 60;
  return Math.ceil(v / 3600) * 3600;
}

/** Nearest-rank percentile (0 < p ≤ 1) of a histogram; null when empty. */
export function percentile(hist: Record<string, number>, p: number): number | null {
  const keys = Object.keys(hist).map(Number).sort((a, b) => a - b);
  const n = keys.reduce((s, k) => s + (hist[String(k)] ?? 0), 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const k of keys) {
    seen += hist[String(k)] ?? 0;
    if (seen >= rank) return k;
  }
  return keys[keys.length - 1] ?? null;
}

/**
 * The fixed buckets of the FRT distribution, on the stored histogram's keys (whole seconds, rounded;
 * exact up to 600 s, so every bound here falls on a key): a key k is in the first bucket whose `max` ≥ k.
 */
export const FRT_DISTRIBUTION_BUCKETS: ReadonlyArray<{ label: string; max: number }> = [
  { label: '≤10 秒', max: 10 },
  { label: '10–20 秒', max: 20 },
  { label: '20–30 秒', max: 30 },
  { label: '30–60 秒', max: 60 },
  { label: '1–2 分钟', max: 120 },
  { label: '2–5 分钟', max: 300 },
  { label: '>5 分钟', max: Number.POSITIVE_INFINITY },
];

/** First responses per fixed bucket (all buckets, in order, empty ones 0); the counts add up to the histogram's total. */
export function frtDistribution(hist: Record<string, number>): Array<{ label: string; count: number }> {
  const out = FRT_DISTRIBUTION_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  for (const [k, n] of Object.entries(hist)) {
    const sec = Number(k);
    if (!Number.isFinite(sec) || !(n > 0)) continue;
    const i = FRT_DISTRIBUTION_BUCKETS.findIndex((b) => sec <= b.max);
    out[i === -1 ? out.length - 1 : i]!.count += n;
  }
  return out;
}

export function addSums(into: Sums, more: Sums): Sums {
  for (const f of SUM_FIELDS) into[f] += more[f] ?? 0;
  return into;
}

/** The sum of several aggregates (hours are kept only when merging a single one). */
export function mergeAggregates(list: readonly Aggregate[]): Aggregate {
  const out = emptyAggregate();
  for (const a of list) {
    addSums(out, a);
    for (const [k, n] of Object.entries(a.frtHist ?? {})) out.frtHist[k] = (out.frtHist[k] ?? 0) + n;
  }
  return out;
}

const ms = (at: StatEvent['at']): number => (typeof at === 'number' ? at : new Date(at).getTime());

const CLOSES = new Set(['resolved', 'closed_unresolved', 'closed_by_customer']);
/** Events that end an agent's hold on a conversation: the agent is `agentId` (closes) or `fromAgentId` (moves). */
const MOVES_AWAY = new Set(['transferred', 'timeout_rerouted', 'returned_to_queue']);

export interface AggregateOptions {
  /** Window `[start, end)` in epoch ms; `end` is clipped to `now` for a day still running. */
  start: number;
  end: number;
  /** Split into 24 hours (the window must start at a UTC+8 midnight). */
  hours?: boolean;
  /** Only events of this group (`groupId`) or this agent (`agentId`; utilization is theirs). */
  groupId?: string;
  agentId?: string;
}

/** Adds `sec` seconds of `[a, b)` (clipped to the window) to the total and to the hours it covers. */
function spread(a: number, b: number, opts: AggregateOptions, add: (hour: number | null, sec: number) => void): void {
  const from = Math.max(a, opts.start);
  const to = Math.min(b, opts.end);
  if (!(to > from)) return;
  add(null, (to - from) / 1000);
  if (!opts.hours) return;
  for (let t = from; t < to; ) {
    const hour = Math.floor((t - opts.start) / HOUR_MS);
    const hourEnd = opts.start + (hour + 1) * HOUR_MS;
    const stop = Math.min(to, hourEnd);
    if (hour >= 0 && hour < 24) add(hour, (stop - t) / 1000);
    t = stop;
  }
}

interface Interval {
  from: number;
  to: number;
  capacity: number;
}

/** Online intervals per agent from agent_status events (sorted by time); open ones run to `end`. */
function onlineIntervals(events: readonly StatEvent[], end: number): Map<string, Interval[]> {
  const out = new Map<string, Interval[]>();
  const open = new Map<string, { from: number; capacity: number }>();
  for (const e of events) {
    if (e.type !== 'agent_status' || !e.agentId) continue;
    const t = ms(e.at);
    const cur = open.get(e.agentId);
    if (cur) {
      const list = out.get(e.agentId) ?? [];
      list.push({ from: cur.from, to: t, capacity: cur.capacity });
      out.set(e.agentId, list);
      open.delete(e.agentId);
    }
    if (e.status === 'online') open.set(e.agentId, { from: t, capacity: Math.max(0, e.capacity ?? 0) });
  }
  for (const [agent, cur] of open) {
    const list = out.get(agent) ?? [];
    list.push({ from: cur.from, to: Math.max(cur.from, end), capacity: cur.capacity });
    out.set(agent, list);
  }
  return out;
}

/** Conversation holds per agent: assigned → closed / moved away; open ones run to `end`. */
function holdIntervals(events: readonly StatEvent[], end: number): Map<string, Array<{ from: number; to: number }>> {
  const out = new Map<string, Array<{ from: number; to: number }>>();
  const open = new Map<string, number>();
  const key = (agent: string, conv: string) => `${agent}\u0000${conv}`;
  const close = (agent: string | undefined, conv: string | undefined, t: number) => {
    if (!agent || !conv) return;
    const k = key(agent, conv);
    const from = open.get(k);
    if (from === undefined) return;
    open.delete(k);
    const list = out.get(agent) ?? [];
    list.push({ from, to: t });
    out.set(agent, list);
  };
  for (const e of events) {
    const t = ms(e.at);
    if (e.type === 'assigned' && e.agentId && e.conversationId) {
      if (!open.has(key(e.agentId, e.conversationId))) open.set(key(e.agentId, e.conversationId), t);
    } else if (CLOSES.has(e.type)) {
      close(e.agentId, e.conversationId, t);
    } else if (MOVES_AWAY.has(e.type)) {
      close(e.fromAgentId, e.conversationId, t);
    }
  }
  for (const [k, from] of open) {
    const agent = k.slice(0, k.indexOf('\u0000'));
    const list = out.get(agent) ?? [];
    list.push({ from, to: Math.max(from, end) });
    out.set(agent, list);
  }
  return out;
}

/**
 * Aggregates the events of one window. `events` may (and for exact answers should) also hold:
 * earlier events that carry state into the window (agent_status, assignments still open at its start),
 * and later handoff / bot_not_helpful events of conversations started in it (self-service).
 * Only events inside the window are counted; the others only shape intervals and self-service.
 */
export function aggregate(events: readonly StatEvent[], opts: AggregateOptions): Aggregate {
  const agg = emptyAggregate(opts.hours);
  const sorted = [...events].sort((a, b) => ms(a.at) - ms(b.at));
  const hourOf = (t: number) => Math.floor((t - opts.start) / HOUR_MS);
  const inWindow = (t: number) => t >= opts.start && t < opts.end;
  const mine = (e: StatEvent) => (opts.groupId === undefined || e.groupId === opts.groupId) && (opts.agentId === undefined || e.agentId === opts.agentId);

  // Conversations that were escalated (or an answer disliked) at any time: not self-served.
  const escalated = new Set<string>();
  for (const e of sorted) if ((e.type === 'handoff' || e.type === 'bot_not_helpful') && e.conversationId) escalated.add(e.conversationId);

  const assignedSeen = new Set<string>();
  for (const e of sorted) {
    const t = ms(e.at);
    if (!inWindow(t) || !mine(e)) continue;
    const hour = agg.hours?.[hourOf(t)];
    const targets: Sums[] = hour ? [agg, hour] : [agg];
    const bump = (f: keyof Sums, by = 1) => {
      for (const s of targets) s[f] += by;
    };
    const d = typeof e.durationSec === 'number' && Number.isFinite(e.durationSec) ? Math.max(0, e.durationSec) : undefined;
    switch (e.type) {
      case 'conversation_started':
        bump('conversations');
        if (!e.conversationId || !escalated.has(e.conversationId)) bump('selfServed');
        break;
      case 'handoff':
        bump('handoffs');
        break;
      case 'assigned': {
        const k = `${e.agentId ?? ''}|${e.conversationId ?? ''}`;
        if (!assignedSeen.has(k)) {
          assignedSeen.add(k);
          bump('assigned');
        }
        if (d !== undefined) {
          bump('waitCount');
          bump('waitSum', d);
        }
        break;
      }
      case 'first_response':
        if (d !== undefined) {
          bump('frtCount');
          bump('frtSum', d);
          bump('frtBusinessSum', typeof e.businessSec === 'number' ? Math.max(0, e.businessSec) : d);
          const b = String(frtBucket(d));
          agg.frtHist[b] = (agg.frtHist[b] ?? 0) + 1;
        }
        break;
      case 'reply':
        bump('replies');
        break;
      case 'resolved':
      case 'closed_unresolved':
      case 'closed_by_customer':
        bump('closed');
        if (e.type === 'resolved') bump('resolved');
        if (d !== undefined) {
          bump('handleCount');
          bump('handleSum', d);
        }
        break;
      case 'rated':
        if (typeof e.score === 'number' && e.score >= 1 && e.score <= 5) {
          bump('rated');
          bump('scoreSum', e.score);
          if (e.score >= 4) bump('score45');
        }
        break;
      case 'transferred':
        bump('transfers');
        break;
      case 'timeout_rerouted':
        bump('reroutes');
        break;
      case 'bot_answered':
        bump('botAnswered');
        break;
      case 'bot_not_helpful':
        bump('botNotHelpful');
        break;
      case 'appointment_booked':
        bump('apptBooked');
        break;
      case 'appointment_cancelled':
        bump('apptCancelled');
        break;
      case 'appointment_done':
        bump('apptDone');
        break;
      case 'appointment_no_show':
        bump('apptNoShow');
        break;
      default:
        break;
    }
  }

  // Utilization: a group has no capacity of its own, so only the whole team and single agents get one.
  if (opts.groupId === undefined) {
    const online = onlineIntervals(sorted, opts.end);
    const holds = holdIntervals(sorted, opts.end);
    const add = (f: 'activeSec' | 'onlineSec' | 'capacitySec', factor: number) => (hour: number | null, sec: number) => {
      const target = hour === null ? agg : agg.hours?.[hour];
      if (target) target[f] += sec * factor;
    };
    for (const [agent, intervals] of online) {
      if (opts.agentId !== undefined && agent !== opts.agentId) continue;
      for (const iv of intervals) {
        spread(iv.from, iv.to, opts, add('capacitySec', iv.capacity));
        spread(iv.from, iv.to, opts, add('onlineSec', 1));
      }
      // Held conversations count while the agent is online (the intersection with the online intervals).
      for (const h of holds.get(agent) ?? []) {
        for (const iv of intervals) spread(Math.max(h.from, iv.from), Math.min(h.to, iv.to), opts, add('activeSec', 1));
      }
    }
  }
  roundSeconds(agg);
  for (const h of agg.hours ?? []) roundSeconds(h);
  return agg;
}

function roundSeconds(s: Sums): void {
  s.activeSec = Math.round(s.activeSec);
  s.onlineSec = Math.round(s.onlineSec);
  s.capacitySec = Math.round(s.capacitySec);
}

/** The window of one UTC+8 day, clipped at `now` when the day is still running. */
export function dayWindow(dayStartMs: number, now: number): { start: number; end: number } {
  return { start: dayStartMs, end: Math.min(dayStartMs + DAY_MS, Math.max(dayStartMs, now)) };
}

// ---------------------------------------------------------------------------------------------------
// From sums to the numbers people read

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const round = (v: number | null, digits: number): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export interface Metrics {
  conversations: number;
  handoffs: number;
  botSelfServiceRate: number | null;
  frt: { mean: number | null; p50: number | null; p90: number | null; businessMean: number | null; count: number };
  wait: { mean: number | null };
  resolutionRate: number | null;
  closed: number;
  handleTime: { mean: number | null };
  csat: { mean: number | null; share45: number | null; count: number };
  utilization: number | null;
  appointments: { booked: number; cancelled: number; done: number; noShow: number };
}

/** The overview numbers of an aggregate: seconds to 0.1 s, rates and means to 4 decimals. */
export function metricsOf(a: Aggregate): Metrics {
  return {
    conversations: a.conversations,
    handoffs: a.handoffs,
    botSelfServiceRate: round(ratio(a.selfServed, a.conversations), 4),
    frt: {
      mean: round(ratio(a.frtSum, a.frtCount), 1),
      p50: percentile(a.frtHist, 0.5),
      p90: percentile(a.frtHist, 0.9),
      businessMean: round(ratio(a.frtBusinessSum, a.frtCount), 1),
      count: a.frtCount,
    },
    wait: { mean: round(ratio(a.waitSum, a.waitCount), 1) },
    resolutionRate: round(ratio(a.resolved, a.closed), 4),
    closed: a.closed,
    handleTime: { mean: round(ratio(a.handleSum, a.handleCount), 1) },
    csat: { mean: round(ratio(a.scoreSum, a.rated), 4), share45: round(ratio(a.score45, a.rated), 4), count: a.rated },
    utilization: round(ratio(a.activeSec, a.capacitySec), 4),
    appointments: { booked: a.apptBooked, cancelled: a.apptCancelled, done: a.apptDone, noShow: a.apptNoShow },
  };
}

export const TIMESERIES_METRICS = ['conversations', 'handoffs', 'frt', 'wait', 'resolutionRate', 'csat', 'botSelfServiceRate', 'utilization', 'appointments'] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];

/** One point's value of a metric from the sums of its bucket (means and rates null when empty). */
export function metricValue(metric: TimeseriesMetric, s: Sums): number | null {
  switch (metric) {
    case 'conversations':
      return s.conversations;
    case 'handoffs':
      return s.handoffs;
    case 'frt':
      return round(ratio(s.frtSum, s.frtCount), 1);
    case 'wait':
      return round(ratio(s.waitSum, s.waitCount), 1);
    case 'resolutionRate':
      return round(ratio(s.resolved, s.closed), 4);
    case 'csat':
      return round(ratio(s.scoreSum, s.rated), 4);
    case 'botSelfServiceRate':
      return round(ratio(s.selfServed, s.conversations), 4);
    case 'utilization':
      return round(ratio(s.activeSec, s.capacitySec), 4);
    case 'appointments':
      return s.apptBooked;
  }
}

// ---------------------------------------------------------------------------------------------------
// Compact storage of a day's 24 hours in its rollup document

/**
 * The 24 hours packed into one string (`;` between hours, `,` between the SUM_FIELDS values): a rollup
 * read over months then copies and sends a few short strings instead of 24 × 28 numbers per day.
 */
export function packHours(hours: readonly Sums[]): string {
  return hours.map(packSums).join(';');
}

/** One Sums as its SUM_FIELDS values joined by `,`. */
export function packSums(s: Sums): string {
  return SUM_FIELDS.map((f) => s[f]).join(',');
}

/** The inverse of packSums (missing or malformed values read 0). */
export function unpackSums(packed: unknown): Sums {
  const values = typeof packed === 'string' ? packed.split(',') : [];
  const s = emptySums();
  SUM_FIELDS.forEach((f, k) => {
    const v = Number(values[k]);
    s[f] = Number.isFinite(v) ? v : 0;
  });
  return s;
}

/** The inverse of packHours; malformed input gives empty hours. */
export function unpackHours(packed: unknown): Sums[] {
  if (typeof packed !== 'string' || packed === '') return Array.from({ length: 24 }, emptySums);
  const rows = packed.split(';');
  return Array.from({ length: 24 }, (_x, i) => unpackSums(rows[i] ?? ''));
}

// ---------------------------------------------------------------------------------------------------
// State carried from one day into the next

/**
 * What a day hands to the next: each agent's last status change and the conversations still held at
 * `end`, as the events that started them. Stored with the day's rollup, it lets the next day be computed
 * without reading back through earlier days' events.
 */
export function carryOut(events: readonly StatEvent[], end: number): StatEvent[] {
  const sorted = [...events].filter((e) => ms(e.at) < end).sort((a, b) => ms(a.at) - ms(b.at));
  const status = new Map<string, StatEvent>();
  const held = new Map<string, StatEvent>();
  const key = (agent: string, conv: string) => `${agent}\u0000${conv}`;
  for (const e of sorted) {
    if (e.type === 'agent_status' && e.agentId) status.set(e.agentId, e);
    else if (e.type === 'assigned' && e.agentId && e.conversationId) {
      if (!held.has(key(e.agentId, e.conversationId))) held.set(key(e.agentId, e.conversationId), e);
    } else if (CLOSES.has(e.type) && e.agentId && e.conversationId) held.delete(key(e.agentId, e.conversationId));
    else if (MOVES_AWAY.has(e.type) && e.fromAgentId && e.conversationId) held.delete(key(e.fromAgentId, e.conversationId));
  }
  const slim = (e: StatEvent, extra: Partial<StatEvent>): StatEvent => ({ type: e.type, agentId: e.agentId, at: new Date(ms(e.at)), ...extra });
  return [
    ...[...status.values()].map((e) => slim(e, { status: e.status, capacity: e.capacity ?? 0 })),
    ...[...held.values()].map((e) => slim(e, { conversationId: e.conversationId, ...(e.groupId ? { groupId: e.groupId } : {}) })),
  ];
}
