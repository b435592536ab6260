// Reports end to end: real conversations driven through session/desk/faq/appointment, then the
// `stats` numbers checked against what happened; daily rollups (idempotent, same answers as the
// events); who may see what; bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsAgentRow as AgentRow, StatsCategoryRow as CategoryRow, StatsOverview as Overview, StatsTimeseries as Series } from '../../core/api';
import { addDays, dayKey, dayStart } from '../../core/stats/time';
import { agentToken, eventsOf, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

type Res = { status: number; body: Record<string, unknown> };
const messageOf = (res: Res) => (res.body.error as { message: string }).message;

/** A suite here takes seconds; this much room before the UTC+8 day turns keeps it on one day on a loaded machine too. */
const SAME_DAY_MS = 120_000;

/**
 * The UTC+8 day a suite's data and its questions share, taken when the suite starts making data. The functions
 * record every event on the day of their own clock (which cannot be set), so a suite that crossed midnight
 * UTC+8 (16:00 UTC) would record part of its data on one day and ask about another: one that would start
 * within SAME_DAY_MS of that turn waits for the new day first.
 */
async function suiteDay(): Promise<string> {
  const now = Date.now();
  const untilTurn = dayStart(addDays(dayKey(now), 1)) - now;
  if (untilTurn < SAME_DAY_MS) await new Promise((resolve) => setTimeout(resolve, untilTurn + 1_000));
  return dayKey(Date.now());
}

describe('stats (demo data, real conversations)', () => {
  let emu: TestEmulator;
  let admin: string;
  let qa: string;
  let a1: string;
  let a2: string;
  let customer: string;
  let today: string;
  let yesterday: string;
  const chats: Chat[] = [];

  const stats = (token: string | null, event: Record<string, unknown>) => emu.call(token, 'stats', event);
  const overview = async (token: string, from = today, to = today, extra: Record<string, unknown> = {}) => data<Overview>(await stats(token, { action: 'overview', from, to, ...extra }));
  const frtOf = (id: string) => eventsOf(emu, id, 'first_response')[0]!.durationSec as number;

  /** A presales customer handed over to demo-agent-1, answered, closed (resolved or not) and rated. */
  async function served(resolved: boolean, score: number): Promise<Chat> {
    const c = await newChat(emu, { category: 'cat-product' });
    data(await emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));
    data(await emu.call(a1, 'desk', { action: 'reply', conversationId: c.conversationId, text: '您好，我来帮您看看。' }));
    data(await emu.call(a1, 'desk', { action: 'reply', conversationId: c.conversationId, text: '已经处理好了。' }));
    data(await emu.call(a1, 'desk', { action: 'close', conversationId: c.conversationId, resolved }));
    data(await emu.call(c.token, 'session', { action: 'rate', conversationId: c.conversationId, score }));
    return c;
  }

  beforeAll(async () => {
    today = await suiteDay();
    yesterday = addDays(today, -1);
    emu = await startTestEmulator();
    admin = await emu.login('admin');
    qa = await emu.login('qa', { openid: 'stats-qa' });
    a1 = await agentToken(emu, 1);
    a2 = await agentToken(emu, 2);
    customer = await emu.login('customer', { openid: 'stats-customer' });
    data(await emu.call(a1, 'desk', { action: 'setStatus', status: 'online' }));

    // 1: the bot answers and that is all (self-served).
    chats.push(await newChat(emu, { text: '怎么开发票' }));
    // 2, 3: handed over, answered by demo-agent-1; one resolved (5 stars), one not (3 stars).
    chats.push(await served(true, 5));
    chats.push(await served(false, 3));
    // 4: started, then the customer marks an FAQ answer not helpful (not self-served).
    const c4 = await newChat(emu);
    data(await emu.call(c4.token, 'faq', { action: 'feedback', id: 'faq-001', helpful: false }));
    chats.push(c4);
    // 5: handed over and still waiting (demo-agent-1 goes away first): in the queue now.
    data(await emu.call(a1, 'desk', { action: 'setStatus', status: 'away' }));
    const c5 = await newChat(emu, { category: 'cat-product' });
    data(await emu.call(c5.token, 'session', { action: 'handoff', conversationId: c5.conversationId }));
    chats.push(c5);
  }, SAME_DAY_MS + 60_000);
  afterAll(async () => {
    await emu?.close();
  });

  it('records every reporting event once, with durations', () => {
    const [, c2, , c4] = chats;
    const types = eventsOf(emu, c2!.conversationId).map((e) => e.type);
    for (const t of ['conversation_started', 'handoff', 'assigned', 'first_response', 'resolved', 'rated']) expect(types.filter((x) => x === t)).toHaveLength(1);
    expect(types.filter((x) => x === 'reply')).toHaveLength(2);
    const frt = eventsOf(emu, c2!.conversationId, 'first_response')[0]!;
    expect(frt).toMatchObject({ agentId: 'demo-agent-1', day: today });
    expect(frt.businessSec).toBe(frt.durationSec);
    expect(typeof eventsOf(emu, c2!.conversationId, 'resolved')[0]!.durationSec).toBe('number');
    expect(eventsOf(emu, c4!.conversationId, 'bot_not_helpful')).toHaveLength(1);
    expect(emu.db.find('events', { type: 'agent_status', agentId: 'demo-agent-1' }).map((e) => e.status)).toEqual(['online', 'away']);
  });

  it('overview: the numbers of what happened today', async () => {
    const o = await overview(admin);
    expect(o).toMatchObject({ scope: 'all', from: today, to: today, conversations: 5, handoffs: 3, closed: 2, resolutionRate: 0.5, queueNow: 1 });
    // Only the bot-answered conversation was self-served (4 and 5: not helpful, handed over).
    expect(o.botSelfServiceRate).toBe(0.2);
    expect(o.csat).toEqual({ mean: 4, share45: 0.5, count: 2 });
    const frts = [frtOf(chats[1]!.conversationId), frtOf(chats[2]!.conversationId)].sort((a, b) => a - b);
    expect(o.frt).toMatchObject({ count: 2, mean: (frts[0]! + frts[1]!) / 2, p50: frts[0], p90: frts[1] });
    expect(o.frt.businessMean).toBe(o.frt.mean);
    // The FRT distribution: the fixed buckets, adding up to the first responses, each one where its seconds fall.
    expect(o.frtDistribution.map((b) => b.label)).toEqual(['≤10 秒', '10–20 秒', '20–30 秒', '30–60 秒', '1–2 分钟', '2–5 分钟', '>5 分钟']);
    expect(o.frtDistribution.reduce((n, b) => n + b.count, 0)).toBe(o.frt.count);
    const bounds = [10, 20, 30, 60, 120, 300, Infinity];
    const expected = bounds.map(() => 0);
    for (const f of frts) expected[bounds.findIndex((b) => Math.round(f) <= b)]! += 1;
    expect(o.frtDistribution.map((b) => b.count)).toEqual(expected);
    expect('frtDistribution' in o.previous).toBe(false);
    expect(o.utilization === null || (o.utilization >= 0 && o.utilization <= 1)).toBe(true);
    // The period before (yesterday) had nothing: counts 0, rates null.
    expect(o.previous).toMatchObject({ from: yesterday, to: yesterday, conversations: 0, botSelfServiceRate: null, resolutionRate: null, csat: { mean: null, share45: null, count: 0 } });
  });

  it('timeseries: by day, hour and week; hourly over more than 31 days is clamped to days', async () => {
    const byDay = data<Series>(await stats(admin, { action: 'timeseries', metric: 'conversations', from: addDays(today, -6), to: today, granularity: 'day' }));
    expect(byDay.points).toHaveLength(7);
    expect(byDay.points.at(-1)).toEqual({ t: today, value: 5 });
    expect(byDay.points[0]).toEqual({ t: addDays(today, -6), value: 0 });
    const byHour = data<Series>(await stats(admin, { action: 'timeseries', metric: 'handoffs', from: today, to: today, granularity: 'hour' }));
    expect(byHour.points).toHaveLength(24);
    expect(byHour.points[0]!.t).toBe(`${today}T00:00:00+08:00`);
    expect(byHour.points.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(3);
    const rate = data<Series>(await stats(admin, { action: 'timeseries', metric: 'resolutionRate', from: yesterday, to: today }));
    expect(rate.points).toEqual([{ t: yesterday, value: null }, { t: today, value: 0.5 }]);
    const week = data<Series>(await stats(admin, { action: 'timeseries', metric: 'csat', from: today, to: today, granularity: 'week' }));
    expect(week.points).toHaveLength(1);
    expect(week.points[0]!.value).toBe(4);
    const clamped = data<Series>(await stats(admin, { action: 'timeseries', metric: 'frt', from: addDays(today, -40), to: today, granularity: 'hour' }));
    expect(clamped.granularity).toBe('day');
    expect(clamped.points).toHaveLength(41);
    expect(clamped.clamped).toMatch(/31 天/);
  });

  it('permissions: an agent sees only their own numbers, QA and managers everyone, customers nothing', async () => {
    const mine = await overview(a1);
    expect(mine).toMatchObject({ scope: 'agent:demo-agent-1', conversations: 2, closed: 2, resolutionRate: 0.5, botSelfServiceRate: null });
    expect(mine.csat.mean).toBe(4);
    const other = await overview(a2);
    expect(other).toMatchObject({ scope: 'agent:demo-agent-2', conversations: 0, resolutionRate: null });
    expect(errorCode(await stats(a1, { action: 'overview', from: today, to: today, agentId: 'demo-agent-2' }))).toBe('FORBIDDEN');
    expect(errorCode(await stats(a1, { action: 'overview', from: today, to: today, groupId: 'grp-presales' }))).toBe('FORBIDDEN');
    expect((await overview(admin, today, today, { agentId: 'demo-agent-1' })).conversations).toBe(2);
    expect((await overview(admin, today, today, { groupId: 'grp-presales' })).handoffs).toBe(3);
    expect((await overview(qa)).conversations).toBe(5);

    const rows = data<AgentRow[]>(await stats(a1, { action: 'agents', from: today, to: today }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agentId: 'demo-agent-1', conversations: 2, resolutionRate: 0.5, csat: { mean: 4 } });
    expect(data<AgentRow[]>(await stats(a2, { action: 'agents', from: today, to: today }))).toEqual([expect.objectContaining({ agentId: 'demo-agent-2', conversations: 0 })]);
    const all = data<AgentRow[]>(await stats(qa, { action: 'agents', from: today, to: today }));
    expect(all.find((r) => r.agentId === 'demo-agent-1')).toMatchObject({ conversations: 2, frt: { count: 2 } });

    for (const action of ['overview', 'timeseries', 'agents', 'staffing', 'rollup', 'unanswered']) {
      expect(errorCode(await stats(customer, { action, from: today, to: today, metric: 'conversations', day: yesterday }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await stats(a1, { action: 'rollup', day: yesterday }))).toBe('FORBIDDEN');
    expect((await stats(null, { action: 'overview', from: today, to: today })).status).toBe(401);
  });

  it('bad input: reversed range, more than 366 days, unknown metric, not a day', async () => {
    const reversed = await stats(admin, { action: 'overview', from: today, to: yesterday });
    expect(errorCode(reversed)).toBe('INVALID_INPUT');
    expect(messageOf(reversed)).toMatch(/结束日期不能早于开始日期/);
    const long = await stats(admin, { action: 'overview', from: addDays(today, -366), to: today });
    expect(errorCode(long)).toBe('INVALID_INPUT');
    expect(messageOf(long)).toMatch(/366 天/);
    expect(errorCode(await stats(admin, { action: 'overview', from: addDays(today, -365), to: today }))).toBeUndefined();
    const metric = await stats(admin, { action: 'timeseries', metric: 'happiness', from: today, to: today });
    expect(errorCode(metric)).toBe('INVALID_INPUT');
    expect(messageOf(metric)).toMatch(/未知的指标/);
    expect(errorCode(await stats(admin, { action: 'timeseries', metric: 'frt', from: today, to: today, granularity: 'minute' }))).toBe('INVALID_INPUT');
    expect(errorCode(await stats(admin, { action: 'overview', from: '2026-02-30', to: today }))).toBe('INVALID_INPUT');
    expect(errorCode(await stats(admin, { action: 'overview', from: '2026/11/30', to: today }))).toBe('INVALID_INPUT');
    expect(errorCode(await stats(admin, { action: 'rollup', day: today }))).toBe('INVALID_INPUT');
    expect(errorCode(await stats(admin, { action: 'rollup', day: addDays(today, 3) }))).toBe('INVALID_INPUT');
  });

  it('rollups: a past day rolled up twice gives the same documents and the same answers as its events', async () => {
    // Move today's history to yesterday, as if it had happened then (same times of day).
    const shift = (d: unknown) => new Date(new Date(d as Date).getTime() - 86_400_000);
    for (const e of emu.db.find('events', {})) emu.db.update('events', e._id as string, { at: shift(e.at), day: dayKey(shift(e.at).getTime()) });
    expect(emu.db.count('events', { day: today })).toBe(0);

    const live = await overview(admin, yesterday, yesterday);
    const liveSeries = data<Series>(await stats(admin, { action: 'timeseries', metric: 'handoffs', from: yesterday, to: yesterday, granularity: 'hour' }));
    const liveAgents = data<AgentRow[]>(await stats(admin, { action: 'agents', from: yesterday, to: yesterday }));
    expect(live).toMatchObject({ conversations: 5, handoffs: 3, botSelfServiceRate: 0.2, resolutionRate: 0.5 });

    const first = data<{ day: string; ids: string[]; removed: number }>(await stats(admin, { action: 'rollup', day: yesterday }));
    expect(first.ids).toEqual(expect.arrayContaining([`${yesterday}|all`, `${yesterday}|group:grp-presales`, `${yesterday}|agent:demo-agent-1`]));
    const docs = emu.db.find('stats_rollups', { day: yesterday }, { sort: { _id: 1 } });
    expect(docs.map((d) => d._id)).toEqual([...first.ids].sort());
    expect(docs.find((d) => d._id === `${yesterday}|all`)).toMatchObject({ scope: 'all', kind: 'all', conversations: 5, handoffs: 3, selfServed: 1, resolved: 1, closed: 2 });

    const second = data<{ ids: string[]; removed: number }>(await stats(admin, { action: 'rollup', day: yesterday }));
    expect(second).toMatchObject({ ids: first.ids, removed: 0 });
    expect(emu.db.find('stats_rollups', { day: yesterday }, { sort: { _id: 1 } })).toEqual(docs);

    // Read from the rollups now: the same answers as from the events (queueNow is live either way).
    expect(await overview(admin, yesterday, yesterday)).toEqual(live);
    expect(data<Series>(await stats(admin, { action: 'timeseries', metric: 'handoffs', from: yesterday, to: yesterday, granularity: 'hour' }))).toEqual(liveSeries);
    expect(data<AgentRow[]>(await stats(admin, { action: 'agents', from: yesterday, to: yesterday }))).toEqual(liveAgents);
    // Proof that the rollup is what is read: an edited rollup changes the answer.
    emu.db.update('stats_rollups', `${yesterday}|all`, { conversations: 50 });
    expect((await overview(admin, yesterday, yesterday)).conversations).toBe(50);
    data(await stats(admin, { action: 'rollup', day: yesterday }));
    expect((await overview(admin, yesterday, yesterday)).conversations).toBe(5);
    // Today's numbers are now in "previous" of a today-only overview.
    expect((await overview(admin)).previous.conversations).toBe(5);
  });

  it('the nightly timer rolls up yesterday and the day before', async () => {
    emu.db.insert('events', [{ type: 'conversation_started', conversationId: 'old-1', groupId: 'grp-aftersales', at: new Date(dayStart(addDays(today, -2)) + 3_600_000), day: addDays(today, -2) }]);
    const res = await emu.raw('/api/dev/trigger/stats', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trigger: 'rollup' }) });
    expect(res.status).toBe(200);
    expect(emu.db.get('stats_rollups', `${addDays(today, -2)}|all`)).toMatchObject({ conversations: 1 });
    expect(emu.db.get('stats_rollups', `${yesterday}|all`)).toMatchObject({ conversations: 5 });
  });

  it('staffing: Erlang C per hour of the week, beside the agents online', async () => {
    const s = data<{ method: string; hours: Array<{ hourOfWeek: number; arrivalsPerHour: number; slotsNeeded: number; agentsNeeded: number; agentsOnline: number }>; weeks: number; targetSec: number; level: number; note: string }>(
      await stats(admin, { action: 'staffing' }),
    );
    expect(s).toMatchObject({ method: 'erlang_c', weeks: 4, targetSec: 20, level: 0.8 });
    expect(s.note).toMatch(/Erlang C/);
    expect(s.hours).toHaveLength(168);
    // Yesterday's 3 hand-offs over 4 weeks: 0.75 an hour-of-week in total.
    expect(s.hours.reduce((n, h) => n + h.arrivalsPerHour, 0)).toBeCloseTo(0.75, 5);
    for (const h of s.hours) if (h.arrivalsPerHour > 0) expect(h.slotsNeeded).toBeGreaterThanOrEqual(1);
    expect(errorCode(await stats(admin, { action: 'staffing', level: 1.5 }))).toBe('INVALID_INPUT');
    expect(errorCode(await stats(a1, { action: 'staffing' }))).toBe('FORBIDDEN');
  });

  it('appointments: booked, cancelled, done and no-show are counted', async () => {
    const svc = { id: 'svc-stats', name: '统计测试', durationMinutes: 30, capacityPerSlot: 3, workingDays: [1, 2, 3, 4, 5, 6, 7], hours: { start: '00:00', end: '23:30' }, leadHours: 0, maxDaysAhead: 30, cancelCutoffHours: 0 };
    data(await emu.call(admin, 'appointment', { action: 'saveService', ...svc }));
    const slots = data<Array<{ start: string }>>(await emu.call(customer, 'appointment', { action: 'slots', serviceId: svc.id, date: addDays(today, 1) }));
    const book = async (start: string) => data<{ id: string }>(await emu.call(customer, 'appointment', { action: 'book', serviceId: svc.id, start, name: '张三', phone: '13800138000' }));
    const a = await book(slots[20]!.start);
    await book(slots[21]!.start);
    data(await emu.call(customer, 'appointment', { action: 'cancel', id: a.id }));
    const o = await overview(admin);
    expect(o.appointments).toEqual({ booked: 2, cancelled: 1, done: 0, noShow: 0 });
    expect(emu.db.find('events', { type: 'appointment_booked' })).toHaveLength(2);
    expect(data<Series>(await stats(admin, { action: 'timeseries', metric: 'appointments', from: today, to: today })).points).toEqual([{ t: today, value: 2 }]);
  });

  it('targets: defaults until saved; managers save (audited), QA reads, bad input changes nothing', async () => {
    const supervisor = await emu.login('supervisor', { openid: 'stats-supervisor' });
    expect(data(await stats(qa, { action: 'targets' }))).toEqual({ frtSec: 20, resolutionRate: 0.75, csat: 4.5, utilization: 0.85, custom: false });
    for (const token of [a1, customer]) expect(errorCode(await stats(token, { action: 'targets' }))).toBe('FORBIDDEN');

    const next = { frtSec: 30, resolutionRate: 0.8, csat: 4.2, utilization: 0.9 };
    const saved = data<Record<string, unknown>>(await stats(supervisor, { action: 'saveTargets', ...next }));
    expect(saved).toMatchObject({ ...next, custom: true });
    expect(emu.db.get('settings', 'stats_targets')).toMatchObject({ ...next, updatedBy: 'stats-supervisor' });
    expect(data(await stats(qa, { action: 'targets' }))).toMatchObject({ ...next, custom: true, updatedAt: saved.updatedAt });
    const log = emu.db.find('audit_log', { action: 'stats.targets' });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: 'stats-supervisor', target: 'settings/stats_targets', before: { frtSec: 20, resolutionRate: 0.75, csat: 4.5, utilization: 0.85 }, after: next });

    // Only supervisors and admins save; QA, agents and customers may not.
    for (const token of [qa, a1, customer]) expect(errorCode(await stats(token, { action: 'saveTargets', ...next, frtSec: 10 }))).toBe('FORBIDDEN');
    // Bad input: out of range, not a number, not whole seconds, missing — rejected in Chinese, nothing changed.
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...next, frtSec: 0 }, /首次响应目标应在 1–3600 秒之间/],
      [{ ...next, frtSec: 12.5 }, /整数秒/],
      [{ ...next, resolutionRate: 1.2 }, /解决率目标应在 0%–100% 之间/],
      [{ ...next, csat: 6 }, /满意度目标应在 1–5 分之间/],
      [{ ...next, utilization: -0.1 }, /坐席利用率目标应在 0%–100% 之间/],
      [{ ...next, csat: '4.5' }, /满意度目标应为/],
      [{ frtSec: 25 }, /解决率目标应为/],
    ];
    for (const [input, message] of bad) {
      const res = await stats(admin, { action: 'saveTargets', ...input });
      expect(errorCode(res)).toBe('INVALID_INPUT');
      expect(messageOf(res)).toMatch(message);
    }
    expect(data(await stats(qa, { action: 'targets' }))).toMatchObject({ ...next, custom: true });
    expect(emu.db.find('audit_log', { action: 'stats.targets' })).toHaveLength(1);

    // An admin saves too; the audit keeps the value before.
    data(await stats(admin, { action: 'saveTargets', ...next, frtSec: 25 }));
    expect(data(await stats(supervisor, { action: 'targets' }))).toMatchObject({ ...next, frtSec: 25 });
    expect(emu.db.find('audit_log', { action: 'stats.targets' }).at(-1)).toMatchObject({ before: next, after: { ...next, frtSec: 25 } });
  });

  it('unanswered: the learning-loop report, for QA and managers', async () => {
    const report = data<{ total: number; groups: unknown[] }>(await stats(qa, { action: 'unanswered' }));
    expect(report.total).toBeGreaterThanOrEqual(1);
  });
});

describe('stats.categories (per FAQ category)', () => {
  let emu: TestEmulator;
  let admin: string;
  let qa: string;
  let agent: string;
  let today: string;
  const chats: Record<string, Chat> = {};

  beforeAll(async () => {
    today = await suiteDay();
    emu = await startTestEmulator();
    admin = await emu.login('admin');
    qa = await emu.login('qa', { openid: 'cat-qa' });
    agent = await agentToken(emu, 1);
    // Started in 选购咨询; the bot answers with an 订单与支付 entry (still 选购咨询), then handed over.
    chats.product = await newChat(emu, { category: 'cat-product', text: '怎么开发票' });
    data(await emu.call(chats.product.token, 'session', { action: 'handoff', conversationId: chats.product.conversationId }));
    // Started in 选购咨询; an FAQ answer voted not helpful.
    chats.disliked = await newChat(emu, { category: 'cat-product' });
    data(await emu.call(chats.disliked.token, 'faq', { action: 'feedback', id: 'faq-001', helpful: false }));
    // No category: the answered entry's (订单与支付); self-served.
    chats.answered = await newChat(emu, { text: '怎么开发票' });
    // No category, nothing answered: 未分类.
    chats.plain = await newChat(emu);
  }, SAME_DAY_MS + 60_000);
  afterAll(async () => {
    await emu?.close();
  });

  it('records the category on the conversation events', () => {
    expect(eventsOf(emu, chats.product!.conversationId, 'conversation_started')[0]).toMatchObject({ categoryId: 'cat-product' });
    expect(eventsOf(emu, chats.product!.conversationId, 'bot_answered')[0]).toMatchObject({ outcome: 'answered', faqId: 'faq-008', categoryId: 'cat-product' });
    expect(eventsOf(emu, chats.product!.conversationId, 'handoff')[0]).toMatchObject({ categoryId: 'cat-product' });
    expect(eventsOf(emu, chats.answered!.conversationId, 'bot_answered')[0]).toMatchObject({ outcome: 'answered', categoryId: 'cat-order' });
    expect(eventsOf(emu, chats.answered!.conversationId, 'conversation_started')[0]!.categoryId).toBeUndefined();
    expect(eventsOf(emu, chats.disliked!.conversationId, 'bot_not_helpful')[0]).toMatchObject({ categoryId: 'cat-product' });
  });

  it('one row per category, most conversations first, uncategorised last', async () => {
    const rows = data<CategoryRow[]>(await emu.call(admin, 'stats', { action: 'categories', from: today, to: today }));
    expect(rows).toEqual([
      { categoryId: 'cat-product', name: '选购咨询', conversations: 2, botAnswered: 1, handoffs: 1, botSelfServiceRate: 0, notHelpful: 1 },
      { categoryId: 'cat-order', name: '订单与支付', conversations: 1, botAnswered: 1, handoffs: 0, botSelfServiceRate: 1, notHelpful: 0 },
      { categoryId: null, name: '未分类', conversations: 1, botAnswered: 0, handoffs: 0, botSelfServiceRate: 1, notHelpful: 0 },
    ]);
    // QA too; a 90-day period ending today gives the same rows; a period before today has none.
    expect(data<CategoryRow[]>(await emu.call(qa, 'stats', { action: 'categories', from: addDays(today, -89), to: today }))).toEqual(rows);
    expect(data<CategoryRow[]>(await emu.call(qa, 'stats', { action: 'categories', from: addDays(today, -7), to: addDays(today, -1) }))).toEqual([]);
  });

  it('permissions and bad input', async () => {
    expect(errorCode(await emu.call(agent, 'stats', { action: 'categories', from: today, to: today }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(chats.plain!.token, 'stats', { action: 'categories', from: today, to: today }))).toBe('FORBIDDEN');
    const reversed = await emu.call(admin, 'stats', { action: 'categories', from: today, to: addDays(today, -1) });
    expect(errorCode(reversed)).toBe('INVALID_INPUT');
    expect(messageOf(reversed)).toMatch(/结束日期不能早于开始日期/);
  });
});
