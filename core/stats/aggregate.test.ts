import { describe, expect, it } from 'vitest';
import { aggregate, carryOut, dayWindow, packHours, packSums, unpackHours, unpackSums, emptyAggregate, frtBucket, frtDistribution, mergeAggregates, metricsOf, metricValue, percentile, type StatEvent } from './aggregate';
import { dayStart } from './time';
import { staffingByHour, weekHoursOf } from './staffing';
import { DEFAULT_STATS_TARGETS, targetsFrom } from './targets';

const at = (iso: string) => new Date(iso);
const DAY = '2026-11-30';
const win = { start: dayStart(DAY), end: dayStart(DAY) + 86_400_000 };

/** Three conversations on 2026-11-30 (UTC+8): c1 served by the bot, c2 handed over and resolved, c3 handed over, unresolved. */
const history: StatEvent[] = [
  { type: 'conversation_started', conversationId: 'c1', groupId: 'g', at: at('2026-11-30T01:00:00Z') },
  { type: 'bot_answered', conversationId: 'c1', groupId: 'g', at: at('2026-11-30T01:00:05Z') },
  { type: 'conversation_started', conversationId: 'c2', groupId: 'g', at: at('2026-11-30T02:00:00Z') },
  { type: 'handoff', conversationId: 'c2', groupId: 'g', at: at('2026-11-30T02:00:10Z') },
  { type: 'assigned', conversationId: 'c2', groupId: 'g', agentId: 'a1', at: at('2026-11-30T02:00:20Z'), durationSec: 10 },
  { type: 'first_response', conversationId: 'c2', groupId: 'g', agentId: 'a1', at: at('2026-11-30T02:00:40Z'), durationSec: 30, businessSec: 30 },
  { type: 'reply', conversationId: 'c2', groupId: 'g', agentId: 'a1', at: at('2026-11-30T02:00:40Z') },
  { type: 'resolved', conversationId: 'c2', groupId: 'g', agentId: 'a1', at: at('2026-11-30T02:10:20Z'), durationSec: 600 },
  { type: 'rated', conversationId: 'c2', groupId: 'g', agentId: 'a1', at: at('2026-11-30T02:11:00Z'), score: 5 },
  { type: 'conversation_started', conversationId: 'c3', groupId: 'h', at: at('2026-11-30T03:00:00Z') },
  { type: 'handoff', conversationId: 'c3', groupId: 'h', at: at('2026-11-30T03:00:00Z') },
  { type: 'assigned', conversationId: 'c3', groupId: 'h', agentId: 'a2', at: at('2026-11-30T03:01:00Z'), durationSec: 60 },
  { type: 'first_response', conversationId: 'c3', groupId: 'h', agentId: 'a2', at: at('2026-11-30T03:02:30Z'), durationSec: 150, businessSec: 90 },
  { type: 'closed_unresolved', conversationId: 'c3', groupId: 'h', agentId: 'a2', at: at('2026-11-30T03:21:00Z'), durationSec: 1200 },
  { type: 'rated', conversationId: 'c3', groupId: 'h', agentId: 'a2', at: at('2026-11-30T03:22:00Z'), score: 2 },
  { type: 'appointment_booked', at: at('2026-11-30T04:00:00Z') },
  { type: 'appointment_cancelled', at: at('2026-11-30T05:00:00Z') },
];

describe('aggregate', () => {
  it('counts a crafted day exactly as the definitions say', () => {
    const m = metricsOf(aggregate(history, win));
    expect(m.conversations).toBe(3);
    expect(m.handoffs).toBe(2);
    expect(m.botSelfServiceRate).toBe(0.3333);
    expect(m.frt).toEqual({ mean: 90, p50: 30, p90: 150, businessMean: 60, count: 2 });
    expect(m.wait.mean).toBe(35);
    expect(m.resolutionRate).toBe(0.5);
    expect(m.handleTime.mean).toBe(900);
    expect(m.csat).toEqual({ mean: 3.5, share45: 0.5, count: 2 });
    expect(m.appointments).toEqual({ booked: 1, cancelled: 1, done: 0, noShow: 0 });
  });

  it('an empty period has counts 0 and every rate and mean null (no division by zero)', () => {
    const m = metricsOf(aggregate([], win));
    expect(m.conversations).toBe(0);
    expect(m.botSelfServiceRate).toBeNull();
    expect(m.frt).toEqual({ mean: null, p50: null, p90: null, businessMean: null, count: 0 });
    expect(m.resolutionRate).toBeNull();
    expect(m.csat).toEqual({ mean: null, share45: null, count: 0 });
    expect(m.utilization).toBeNull();
    expect(metricsOf(emptyAggregate()).wait.mean).toBeNull();
    expect(metricValue('csat', emptyAggregate())).toBeNull();
  });

  it('UTC+8 midnight: 15:59:59Z belongs to one day and 16:00:00Z to the next', () => {
    const evs: StatEvent[] = [
      { type: 'conversation_started', conversationId: 'x', at: at('2026-11-30T15:59:59Z') },
      { type: 'conversation_started', conversationId: 'y', at: at('2026-11-30T16:00:00Z') },
    ];
    expect(aggregate(evs, win).conversations).toBe(1);
    const next = { start: dayStart('2026-12-01'), end: dayStart('2026-12-01') + 86_400_000 };
    expect(aggregate(evs, next).conversations).toBe(1);
    const a = aggregate(evs, { ...win, hours: true });
    expect(a.hours![23]!.conversations).toBe(1);
    expect(aggregate(evs, { ...next, hours: true }).hours![0]!.conversations).toBe(1);
  });

  it('a hand-off after midnight still makes the conversation not self-served (later events supplied)', () => {
    const evs: StatEvent[] = [
      { type: 'conversation_started', conversationId: 'late', at: at('2026-11-30T15:59:00Z') },
      { type: 'handoff', conversationId: 'late', at: at('2026-11-30T16:01:00Z') },
      { type: 'conversation_started', conversationId: 'nh', at: at('2026-11-30T10:00:00Z') },
      { type: 'bot_not_helpful', conversationId: 'nh', at: at('2026-11-30T10:01:00Z') },
      { type: 'conversation_started', conversationId: 'ok', at: at('2026-11-30T11:00:00Z') },
    ];
    const a = aggregate(evs, win);
    expect(a.conversations).toBe(3);
    expect(a.handoffs).toBe(0);
    expect(a.selfServed).toBe(1);
    expect(a.botNotHelpful).toBe(1);
  });

  it('groups and agents: only their events', () => {
    expect(aggregate(history, { ...win, groupId: 'h' }).conversations).toBe(1);
    const a1 = metricsOf(aggregate(history, { ...win, agentId: 'a1' }));
    expect(a1.frt.mean).toBe(30);
    expect(a1.resolutionRate).toBe(1);
    expect(a1.csat.mean).toBe(5);
    expect(aggregate(history, { ...win, agentId: 'a1' }).assigned).toBe(1);
  });

  it('utilization: held time while online ÷ capacity × online time, carried in from before the window', () => {
    const evs: StatEvent[] = [
      // Online since the day before with capacity 2; goes offline at 10:00 UTC+8.
      { type: 'agent_status', agentId: 'a', status: 'online', capacity: 2, at: at('2026-11-29T14:00:00Z') },
      { type: 'agent_status', agentId: 'a', status: 'offline', capacity: 2, at: at('2026-11-30T02:00:00Z') },
      // One conversation held 01:00–03:00 UTC+8 (carried in), one 08:00–09:00.
      { type: 'assigned', agentId: 'a', conversationId: 'k1', at: at('2026-11-29T17:00:00Z') },
      { type: 'resolved', agentId: 'a', conversationId: 'k1', at: at('2026-11-29T19:00:00Z') },
      { type: 'assigned', agentId: 'a', conversationId: 'k2', at: at('2026-11-30T00:00:00Z') },
      { type: 'transferred', fromAgentId: 'a', agentId: 'b', conversationId: 'k2', at: at('2026-11-30T01:00:00Z') },
    ];
    const a = aggregate(evs, { ...win, hours: true });
    // Online 00:00–10:00 = 10 h × capacity 2 = 72,000 s; held 2 h + 1 h = 10,800 s.
    expect(a.capacitySec).toBe(72_000);
    expect(a.activeSec).toBe(10_800);
    expect(metricsOf(a).utilization).toBe(0.15);
    expect(a.hours![1]!.activeSec).toBe(3600);
    expect(a.hours![1]!.capacitySec).toBe(7200);
    expect(a.hours![11]!.capacitySec).toBe(0);
    // A running day is clipped at now.
    const running = aggregate(evs, dayWindow(dayStart(DAY), at('2026-11-29T21:00:00Z').getTime()));
    expect(running.capacitySec).toBe(5 * 3600 * 2);
  });

  it('rollups add up: merging days equals aggregating the whole period', () => {
    const d1 = aggregate(history, win);
    const d2 = aggregate(history.map((e) => ({ ...e, at: new Date(new Date(e.at).getTime() + 86_400_000) })), { start: win.end, end: win.end + 86_400_000 });
    const both = aggregate([...history, ...history.map((e) => ({ ...e, conversationId: `${e.conversationId}'`, at: new Date(new Date(e.at).getTime() + 86_400_000) }))], { start: win.start, end: win.end + 86_400_000 });
    const merged = metricsOf(mergeAggregates([d1, d2]));
    expect(merged).toEqual(metricsOf(both));
    expect(merged.conversations).toBe(6);
    expect(merged.frt.p90).toBe(150);
  });

  it('a day carried into the next gives the same utilization as reading the earlier events', () => {
    const evs: StatEvent[] = [
      { type: 'agent_status', agentId: 'a', status: 'away', capacity: 3, at: at('2026-11-29T10:00:00Z') },
      { type: 'agent_status', agentId: 'a', status: 'online', capacity: 3, at: at('2026-11-29T12:00:00Z') },
      { type: 'assigned', agentId: 'a', conversationId: 'k1', groupId: 'g', at: at('2026-11-29T13:00:00Z') },
      { type: 'assigned', agentId: 'a', conversationId: 'k0', groupId: 'g', at: at('2026-11-29T12:30:00Z') },
      { type: 'resolved', agentId: 'a', conversationId: 'k0', at: at('2026-11-29T13:30:00Z') },
      { type: 'resolved', agentId: 'a', conversationId: 'k1', at: at('2026-11-29T17:00:00Z') },
      { type: 'agent_status', agentId: 'a', status: 'offline', capacity: 3, at: at('2026-11-29T18:00:00Z') },
    ];
    const carry = carryOut(evs, win.start);
    expect(carry.map((e) => e.type).sort()).toEqual(['agent_status', 'assigned']);
    const today = evs.filter((e) => new Date(e.at).getTime() >= win.start);
    expect(aggregate([...carry, ...today], win)).toEqual(aggregate(evs, win));
    expect(aggregate(evs, win).activeSec).toBe(3600);
  });

  it('hours pack into a string and back unchanged', () => {
    const a = aggregate(history, { ...win, hours: true });
    expect(unpackHours(packHours(a.hours!))).toEqual(a.hours);
    expect(unpackHours(undefined)).toHaveLength(24);
    const { frtHist: _h, hours: _x, ...sums } = a;
    expect(unpackSums(packSums(a))).toEqual(sums);
  });

  it('FRT distribution: fixed buckets on whole seconds, bounds inclusive, counts add up', () => {
    const secs = [0, 10, 10.4, 10.6, 20, 21, 30, 31, 60, 61, 120, 121, 300, 301, 599, 4000, 100_000];
    const hist: Record<string, number> = {};
    for (const s of secs) hist[String(frtBucket(s))] = (hist[String(frtBucket(s))] ?? 0) + 1;
    const dist = frtDistribution(hist);
    expect(dist.map((b) => b.label)).toEqual(['≤10 秒', '10–20 秒', '20–30 秒', '30–60 秒', '1–2 分钟', '2–5 分钟', '>5 分钟']);
    // 10.4 rounds to 10 (first bucket), 10.6 to 11 (second).
    expect(dist.map((b) => b.count)).toEqual([3, 2, 2, 2, 2, 2, 4]);
    expect(dist.reduce((n, b) => n + b.count, 0)).toBe(secs.length);
    expect(frtDistribution({}).every((b) => b.count === 0)).toBe(true);
    // From an aggregate: the history's first responses (30 s and 150 s).
    expect(frtDistribution(aggregate(history, win).frtHist).map((b) => b.count)).toEqual([0, 0, 1, 0, 0, 1, 0]);
  });

  it('percentiles are nearest-rank, exact below 600 s, bucketed above', () => {
    const hist: Record<string, number> = {};
    for (let v = 1; v <= 10; v++) hist[String(v)] = 1;
    expect(percentile(hist, 0.5)).toBe(5);
    expect(percentile(hist, 0.9)).toBe(9);
    expect(percentile({}, 0.5)).toBeNull();
    expect(frtBucket(600)).toBe(600);
    expect(frtBucket(601)).toBe(610);
    expect(frtBucket(3601)).toBe(3660);
  });
});

describe('staffingByHour (Erlang C)', () => {
  it('needs nobody in an hour without arrivals, and more agents for more arrivals', () => {
    // 4 Mondays; 10:00–11:00 UTC+8 (02:00Z): 60 hand-offs and one agent online each week, 5 min each.
    const mondays = ['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'];
    const days = mondays.map((d) => {
      const events: StatEvent[] = Array.from({ length: 60 }, (_, i) => ({ type: 'handoff', conversationId: `${d}-${i}`, at: new Date(new Date(`${d}T02:00:00Z`).getTime() + i * 60_000) }));
      events.push({ type: 'agent_status', agentId: 'a', status: 'online', capacity: 1, at: new Date(`${d}T02:00:00Z`) });
      events.push({ type: 'agent_status', agentId: 'a', status: 'offline', capacity: 1, at: new Date(`${d}T03:00:00Z`) });
      return { day: d, hours: aggregate(events, { start: dayStart(d), end: dayStart(d) + 86_400_000, hours: true }).hours };
    });
    const week = weekHoursOf(days);
    expect(week.arrivals[10]).toBe(240);
    const hours = staffingByHour({ ...week, meanHandleSec: 300, weeks: 4, targetSec: 20, level: 0.8, capacity: 1 });
    expect(hours).toHaveLength(168);
    const h = hours[10]!;
    expect(h).toMatchObject({ weekday: 1, hour: 10, arrivalsPerHour: 60, erlangs: 5, agentsOnline: 1 });
    // 5 Erlangs at 80/20 with 5-minute conversations: 8 servers (M/M/c).
    expect(h.slotsNeeded).toBe(8);
    expect(hours[11]!.slotsNeeded).toBe(0);
    expect(hours[11]!.agentsOnline).toBe(0);
    const shared = staffingByHour({ ...week, meanHandleSec: 300, weeks: 4, targetSec: 20, level: 0.8, capacity: 3 });
    expect(shared[10]!.agentsNeeded).toBe(3);
  });
});

describe('KPI targets', () => {
  it('stored values in range are kept; missing or out of range fall back to the defaults', () => {
    expect(DEFAULT_STATS_TARGETS).toEqual({ frtSec: 20, resolutionRate: 0.75, csat: 4.5, utilization: 0.85 });
    expect(targetsFrom(null)).toEqual(DEFAULT_STATS_TARGETS);
    expect(targetsFrom({ frtSec: 30, resolutionRate: 0.8, csat: 4.2, utilization: 0.9 })).toEqual({ frtSec: 30, resolutionRate: 0.8, csat: 4.2, utilization: 0.9 });
    expect(targetsFrom({ frtSec: 0, resolutionRate: 1.5, csat: '4', utilization: Number.NaN })).toEqual(DEFAULT_STATS_TARGETS);
  });
});
