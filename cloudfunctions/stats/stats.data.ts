// Where the reports get their numbers: daily rollups (`stats_rollups`) for days that are over, and the
// reporting events (`events`, read by their indexed `day`) for today and for any past day without a
// rollup. Messages are never scanned. The math is in core/stats; this file only reads and writes.
import { aggregate, carryOut, addSums, dayStart, dayWindow, emptyAggregate, addDays, dayKey, listDays, unpackHours, unpackSums, type Aggregate, type StatEvent } from '../../core/stats';
import type { StatsScope } from '../../core/api';
import { db, _ } from '../_shared/cloud';
import { aggregated, rows, total } from '../_shared/db';

const PAGE = 1000;
/** How far back an agent's last status is looked for (online since before the day began). */
const STATUS_LOOKBACK_DAYS = 7;
const HOLD_TYPES = ['assigned', 'resolved', 'closed_unresolved', 'closed_by_customer', 'transferred', 'timeout_rerouted', 'returned_to_queue'];
const ESCALATIONS = ['handoff', 'bot_not_helpful'];

const events = () => db.collection('events');
export const rollups = () => db.collection('stats_rollups');

/** A stored rollup: one (day, scope); its 24 hours packed into a string (core/stats packHours). */
export interface RollupDoc extends Omit<Aggregate, 'hours'> {
  _id: string;
  hours: string;
  /** `all` only: each agent's day sums (packSums), so the agents report reads one document per day. */
  agents?: Record<string, string>;
  /** `all` only: agents' last status and conversations still held at the end of the day (core/stats carryOut). */
  carry?: StatEvent[];
  day: string;
  scope: StatsScope;
  kind: 'all' | 'group' | 'agent';
  key: string;
}

export const rollupId = (day: string, scope: StatsScope) => `${day}|${scope}`;

type Query = { skip(n: number): { limit(n: number): { get(): unknown } } };

async function allPages<T>(make: () => Query): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await rows<T>(make().skip(skip).limit(PAGE));
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

async function eventsWhere(where: Record<string, unknown>): Promise<StatEvent[]> {
  // No projection: events are small, and a projection costs more to apply than the fields it saves.
  return allPages<StatEvent>(() => events().where(where).orderBy('_id', 'asc') as unknown as Query);
}

/**
 * Every event a day's numbers depend on: the day's own, the state carried in (agents' last status of
 * the week before, conversations held since the day before) and, for a day that is over, the later
 * hand-offs and "not helpful" of conversations started that day (self-service).
 */
async function eventsForDay(day: string, now: Date): Promise<StatEvent[]> {
  const [own, carried] = await Promise.all([day === dayKey(now) ? todaysEvents(day) : eventsWhere({ day }), carryInto(day)]);
  const later: StatEvent[] = [];
  if (day < dayKey(now)) {
    const started = own.filter((e) => e.type === 'conversation_started' && e.conversationId).map((e) => e.conversationId!);
    for (const ids of chunks(started, 500)) {
      const found = await eventsWhere({ conversationId: _.in(ids), type: _.in(ESCALATIONS) });
      later.push(...found.filter((e) => dayKey(new Date(e.at)) > day));
    }
  }
  return [...carried, ...own, ...later];
}

type StoredEvent = StatEvent & { _id: string };
/** Events are written with `at` = the start of the call that recorded them: re-read this far back. */
const LATE_WRITE_MS = 120_000;
let today: { day: string; byId: Map<string, StoredEvent>; maxAt: number } | null = null;

/**
 * Today's events, kept by a warm instance and topped up: each call reads only the events of the last
 * minutes (`at` ≥ newest seen − 2 min, merged by `_id`), then checks the day's count; any mismatch
 * (an event removed or moved, another day) reads the whole day again. So a warm dashboard does not
 * re-read thousands of events per refresh, and never answers from a stale copy.
 */
async function todaysEvents(day: string): Promise<StatEvent[]> {
  if (today && today.day === day) {
    const fresh = await eventsWhere({ day, at: _.gte(new Date(today.maxAt - LATE_WRITE_MS)) });
    for (const e of fresh as StoredEvent[]) {
      today.byId.set(e._id, e);
      today.maxAt = Math.max(today.maxAt, new Date(e.at).getTime());
    }
    if ((await total(events().where({ day }))) === today.byId.size) return [...today.byId.values()];
  }
  const all = (await eventsWhere({ day })) as StoredEvent[];
  today = { day, byId: new Map(all.map((e) => [e._id, e])), maxAt: all.reduce((m, e) => Math.max(m, new Date(e.at).getTime()), 0) };
  return all;
}

/**
 * The state a day starts with: from the previous day's rollup when there is one (its `carry`), else read
 * back from the events (agents' status changes of the week before, holds of the day before).
 */
async function carryInto(day: string): Promise<StatEvent[]> {
  const previous = await rows<Pick<RollupDoc, 'carry'>>(rollups().where({ _id: rollupId(addDays(day, -1), 'all') }).limit(1));
  const stored = previous[0]?.carry;
  if (Array.isArray(stored)) return stored.map((e) => ({ ...e, at: new Date(e.at) }));
  const statusDays = Array.from({ length: STATUS_LOOKBACK_DAYS }, (_x, i) => addDays(day, -1 - i));
  const [status, held] = await Promise.all([
    eventsWhere({ type: 'agent_status', day: _.in(statusDays) }),
    eventsWhere({ day: addDays(day, -1), type: _.in(HOLD_TYPES) }),
  ]);
  return [...status, ...held];
}

/** The scopes a day has data for: everything, each skill group and each agent seen in its events. */
function scopesIn(list: readonly StatEvent[], day: string): StatsScope[] {
  const start = dayStart(day);
  const end = start + 86_400_000;
  const groups = new Set<string>();
  const agents = new Set<string>();
  for (const e of list) {
    const t = new Date(e.at).getTime();
    if (e.agentId && (e.type === 'agent_status' || (t >= start && t < end))) agents.add(e.agentId);
    if (e.groupId && t >= start && t < end) groups.add(e.groupId);
  }
  return ['all', ...[...groups].sort().map((g) => `group:${g}` as const), ...[...agents].sort().map((a) => `agent:${a}` as const)];
}

function aggregateScope(list: readonly StatEvent[], day: string, now: Date, scope: StatsScope): Aggregate {
  const window = { ...dayWindow(dayStart(day), now.getTime()), hours: true };
  if (scope.startsWith('group:')) return aggregate(list, { ...window, groupId: scope.slice(6) });
  if (scope.startsWith('agent:')) return aggregate(list, { ...window, agentId: scope.slice(6) });
  return aggregate(list, window);
}

/** A day's aggregates computed from its events: the given scopes, or every scope it has data for; and what it carries into the next day. */
export async function computeDay(day: string, now: Date, scopes?: readonly StatsScope[] | 'agents'): Promise<Map<StatsScope, Aggregate>> {
  return (await computeDayWithCarry(day, now, scopes)).aggregates;
}

export async function computeDayWithCarry(day: string, now: Date, scopes?: readonly StatsScope[] | 'agents'): Promise<{ aggregates: Map<StatsScope, Aggregate>; carry: StatEvent[] }> {
  const list = await eventsForDay(day, now);
  const wanted = scopes === undefined ? scopesIn(list, day) : scopes === 'agents' ? scopesIn(list, day).filter((s) => s.startsWith('agent:')) : scopes;
  return { aggregates: new Map(wanted.map((s) => [s, aggregateScope(list, day, now, s)])), carry: carryOut(list, dayWindow(dayStart(day), now.getTime()).end) };
}

/** True when nothing happened in the scope that day (such a rollup is not stored). */
export function isEmptyAggregate(a: Aggregate): boolean {
  return Object.entries(a).every(([k, v]) => k === 'hours' || k === 'frtHist' || v === 0);
}

/** Days (of those given) that have any events, by one grouped read of the `day` index. */
async function daysWithEvents(days: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(days, 100)) {
    const found = await aggregated<{ _id: string }>(events().aggregate().match({ day: _.in(part) }).group({ _id: '$day' }).limit(1000));
    for (const f of found) out.add(f._id);
  }
  return out;
}

const stripDoc = (d: RollupDoc, withHours: boolean): Aggregate => {
  const { _id, day: _d, scope: _s, kind: _k, key: _key, hours, carry: _carry, agents: _agents, ...rest } = d;
  return { ...emptyAggregate(), ...rest, frtHist: rest.frtHist ?? {}, ...(withHours ? { hours: unpackHours(hours) } : {}) };
};

/**
 * One aggregate per day of the inclusive period for a scope: stored rollups for days that are over,
 * computed from events for today and for past days without a rollup; days after today are empty.
 */
export async function readDays(from: string, to: string, scope: StatsScope, now: Date, withHours = false): Promise<Map<string, Aggregate>> {
  const today = dayKey(now);
  const days = listDays(from, to);
  const out = new Map<string, Aggregate>(days.map((d) => [d, emptyAggregate()]));
  const past = days.filter((d) => d < today);
  const haveRollup = new Set<string>();
  for (const ids of chunks(past.map((d) => rollupId(d, scope)), 500)) {
    const found = await rows<RollupDoc>(rollups().where({ _id: _.in(ids) }).limit(1000));
    for (const doc of found) {
      out.set(doc.day, stripDoc(doc, withHours));
      haveRollup.add(doc.day);
    }
  }
  // A day rolled up without a document for this group or agent had nothing for it.
  if (scope !== 'all') for (const d of await rollupDaysPresent(past.filter((p) => !haveRollup.has(p)))) haveRollup.add(d);
  const missing = past.filter((d) => !haveRollup.has(d));
  if (missing.length > 0) {
    const active = await daysWithEvents(missing);
    for (const d of missing) if (active.has(d)) out.set(d, (await computeDay(d, now, [scope])).get(scope) ?? emptyAggregate());
  }
  if (days.includes(today)) out.set(today, (await computeDay(today, now, [scope])).get(scope) ?? emptyAggregate());
  return out;
}

/**
 * Days that were rolled up (the `all` document is written for every day rolled up, whatever the
 * scope), so a day without a group's or agent's rollup is known to have had nothing for it.
 */
async function rollupDaysPresent(days: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (days.length === 0) return out;
  for (const ids of chunks(days.map((d) => rollupId(d, 'all')), 500)) {
    const found = await rows<{ day: string }>(rollups().where({ _id: _.in(ids) }).field({ day: true }).limit(1000));
    for (const f of found) out.add(f.day);
  }
  return out;
}

/** The period's events of the given types, read by the indexed `day` (a few days per query, paged). */
export async function periodEvents(from: string, to: string, types: readonly string[]): Promise<StatEvent[]> {
  const out: StatEvent[] = [];
  for (const part of chunks(listDays(from, to), 7)) out.push(...(await eventsWhere({ day: _.in(part), type: _.in([...types]) })));
  return out;
}

/** Every agent's aggregate over a period: agent rollups of days that are over, events for the rest. */
export async function readAgents(from: string, to: string, now: Date): Promise<Map<string, Aggregate>> {
  const today = dayKey(now);
  const days = listDays(from, to);
  const past = days.filter((d) => d < today);
  const out = new Map<string, Aggregate>();
  const add = (agent: string, a: Aggregate) => {
    const cur = out.get(agent) ?? emptyAggregate();
    addSums(cur, a);
    for (const [k, n] of Object.entries(a.frtHist ?? {})) cur.frtHist[k] = (cur.frtHist[k] ?? 0) + n;
    out.set(agent, cur);
  };
  // The `all` document of a day carries every agent's sums; older rollups without it: the agent documents.
  const rolled = new Set<string>();
  const withoutTable: string[] = [];
  for (const ids of chunks(past.map((d) => rollupId(d, 'all')), 500)) {
    const found = await rows<Pick<RollupDoc, 'day' | 'agents'>>(rollups().where({ _id: _.in(ids) }).limit(1000));
    for (const doc of found) {
      rolled.add(doc.day);
      if (!doc.agents) withoutTable.push(doc.day);
      for (const [agent, packed] of Object.entries(doc.agents ?? {})) add(agent, { ...unpackSums(packed), frtHist: {} });
    }
  }
  for (const part of chunks(withoutTable, 100)) {
    const docs = await allPages<RollupDoc>(() => rollups().where({ day: _.in(part), kind: 'agent' }).orderBy('_id', 'asc') as unknown as Query);
    for (const d of docs) add(d.key, stripDoc(d, false));
  }
  const missing = past.filter((d) => !rolled.has(d));
  const active = missing.length > 0 ? await daysWithEvents(missing) : new Set<string>();
  for (const d of [...missing.filter((m) => active.has(m)), ...(days.includes(today) ? [today] : [])]) {
    for (const [scope, a] of await computeDay(d, now, 'agents')) add(scope.slice(6), a);
  }
  return out;
}
