// `npm run bench:stats`: the reports on a busy deployment's history.
// An in-process emulator (in-memory SQLite, demo data) gets 90 days (UTC+8, ending now) of synthetic
// history inserted directly into its database: 100,000 conversations, 1,000,000 messages, and the
// reporting events those conversations imply (conversation_started, handoff, assigned, first_response,
// reply, resolved / closed_unresolved, rated, bot_answered, bot_not_helpful, agent_status, appointment_…).
// Then, through the gateway and the real `stats` bundle: one day's rollup, all 89 past days, and the
// latency of overview / timeseries / agents over the 90 days (before and after the rollups); memory.
// If the messages do not fit in the time budget the run says how many it inserted (never silently fewer).
// BENCH_CONVERSATIONS=n for a smaller run; BENCH_DEBUG=1 prints the database time of each request.
import os from 'node:os';
import { addDays, dayKey, dayStart, DAY_MS } from '../core/stats/time';
import { startEmulator } from '../emulator/server';
import { buildStaleFunctions } from '../scripts/build-functions';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const MESSAGES_PER_CONVERSATION = 10;
const DAYS = 90;
const AGENTS = 20;
const BATCH = 5000;
/** Stop inserting messages after this long and say so. */
const MESSAGE_BUDGET_MS = Number(process.env.BENCH_MESSAGE_BUDGET_MS ?? 300_000);
const RUNS = 20;

// Deterministic pseudo-random numbers (mulberry32), so every run inserts the same history.
let seed = 20261130;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const exp = (mean: number) => -Math.log(1 - rand()) * mean;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** Busier in the day: hour weights (UTC+8) 0–23. */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 9, 10, 10, 9, 8, 8, 7, 6, 4, 3, 2];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);
function randomHour(): number {
  let r = rand() * HOUR_TOTAL;
  for (let h = 0; h < 24; h++) if ((r -= HOUR_WEIGHTS[h]!) < 0) return h;
  return 23;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
function memory(label: string): void {
  const m = process.memoryUsage();
  console.log(`   memory ${label}: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)}`);
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

interface Ev {
  type: string;
  conversationId?: string;
  groupId?: string;
  agentId?: string;
  at: Date;
  day: string;
  durationSec?: number;
  businessSec?: number;
  score?: number;
  status?: string;
  capacity?: number;
  outcome?: string;
  appointmentId?: string;
  serviceId?: string;
}

async function main(): Promise<void> {
  console.log(`Kefu Desk stats benchmark — ${os.cpus().length} cores, Node ${process.version}`);
  await buildStaleFunctions();
  const emu = await startEmulator({ port: 0, dataDir: ':memory:', timers: false, log: () => {} });
  const now = Date.now();
  let today = dayKey(now);
  const first = addDays(today, -(DAYS - 1));
  const periodStart = dayStart(first);
  console.log(`\n1. Synthetic history: ${first} … ${today} (UTC+8, up to now), ${CONVERSATIONS.toLocaleString('en-US')} conversations, ${AGENTS} agents`);

  // Agents: half presales, half after-sales, capacity 5, on duty 09:00–21:00 every day.
  const groups = ['grp-presales', 'grp-aftersales'];
  const agents = Array.from({ length: AGENTS }, (_x, i) => ({ id: `bench-agent-${i}`, group: groups[i % 2]! }));
  emu.db.insert(
    'users',
    agents.map((a, i) => ({ _id: a.id, role: 'agent', name: `坐席${i}`, groups: [a.group], capacity: 5, status: 'offline', createdAt: new Date(periodStart), updatedAt: new Date(periodStart) })),
  );

  const t0 = performance.now();
  let events: Ev[] = [];
  let eventCount = 0;
  const flushEvents = (force = false) => {
    if (events.length >= BATCH || (force && events.length > 0)) {
      emu.db.insert('events', events);
      eventCount += events.length;
      events = [];
    }
  };
  const push = (e: Omit<Ev, 'day'>) => {
    if (e.at.getTime() > now) return;
    events.push({ ...e, day: dayKey(e.at.getTime()) });
    flushEvents();
  };
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(first, d);
    for (const a of agents) {
      push({ type: 'agent_status', agentId: a.id, status: 'online', capacity: 5, at: new Date(dayStart(day) + 9 * 3_600_000) });
      push({ type: 'agent_status', agentId: a.id, status: 'offline', capacity: 5, at: new Date(dayStart(day) + 21 * 3_600_000) });
    }
    // ~40 appointments a day: 10% cancelled, 75% done, 10% no-show.
    for (let k = 0; k < 40; k++) {
      const at = new Date(dayStart(day) + (8 + rand() * 12) * 3_600_000);
      const appointmentId = `bench-apt-${d}-${k}`;
      push({ type: 'appointment_booked', appointmentId, serviceId: 'svc-install', at });
      const r = rand();
      const later = new Date(at.getTime() + 3_600_000);
      if (r < 0.1) push({ type: 'appointment_cancelled', appointmentId, serviceId: 'svc-install', at: later });
      else if (r < 0.85) push({ type: 'appointment_done', appointmentId, serviceId: 'svc-install', at: later });
      else if (r < 0.95) push({ type: 'appointment_no_show', appointmentId, serviceId: 'svc-install', at: later });
    }
  }

  const convStarts: Array<{ id: string; at: number; human: boolean }> = [];
  let convDocs: Record<string, unknown>[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    let at: number;
    do at = periodStart + Math.floor(rand() * DAYS) * DAY_MS + randomHour() * 3_600_000 + Math.floor(rand() * 3_600_000);
    while (at > now);
    const id = `bench-conv-${i}`;
    const group = pick(groups);
    const human = rand() < 0.6;
    convStarts.push({ id, at, human });
    push({ type: 'conversation_started', conversationId: id, groupId: group, at: new Date(at) });
    let status = 'bot';
    let agentId: string | null = null;
    if (!human) {
      push({ type: 'bot_answered', conversationId: id, groupId: group, outcome: 'answered', at: new Date(at + 5000) });
      if (rand() < 0.08) push({ type: 'bot_not_helpful', conversationId: id, groupId: group, at: new Date(at + 60_000) });
    } else {
      const handoffAt = at + 20_000 + Math.floor(rand() * 100_000);
      const wait = Math.round(exp(25));
      const assignedAt = handoffAt + wait * 1000;
      const frt = wait + 3 + Math.round(exp(20));
      const handle = 60 + Math.round(exp(540));
      const agent = pick(agents.filter((a) => a.group === group));
      agentId = agent.id;
      push({ type: 'handoff', conversationId: id, groupId: group, at: new Date(handoffAt) });
      push({ type: 'assigned', conversationId: id, groupId: group, agentId, at: new Date(assignedAt), durationSec: wait });
      push({ type: 'first_response', conversationId: id, groupId: group, agentId, at: new Date(handoffAt + frt * 1000), durationSec: frt, businessSec: frt });
      for (let r = 0; r < 3; r++) push({ type: 'reply', conversationId: id, groupId: group, agentId, at: new Date(handoffAt + (frt + r * 60) * 1000) });
      const closeAt = assignedAt + handle * 1000;
      const resolved = rand() < 0.85;
      push({ type: resolved ? 'resolved' : 'closed_unresolved', conversationId: id, groupId: group, agentId, at: new Date(closeAt), durationSec: handle });
      if (rand() < 0.4) push({ type: 'rated', conversationId: id, groupId: group, agentId, at: new Date(closeAt + 30_000), score: pick([5, 5, 5, 4, 4, 3, 2, 1]) });
      status = closeAt <= now ? 'closed' : 'assigned';
    }
    convDocs.push({
      _id: id,
      customer: `bench-cust-${i % 40_000}`,
      customerName: '',
      groupId: group,
      status,
      agentId: status === 'assigned' ? agentId : null,
      priority: 0,
      vip: false,
      front: false,
      createdAt: new Date(at),
      updatedAt: new Date(at),
      lastText: '',
      unread: 0,
      rated: false,
    });
    if (convDocs.length >= BATCH) {
      emu.db.insert('conversations', convDocs);
      convDocs = [];
    }
  }
  if (convDocs.length > 0) emu.db.insert('conversations', convDocs);
  flushEvents(true);
  const tEvents = performance.now();
  console.log(`   conversations ${CONVERSATIONS.toLocaleString('en-US')} + events ${eventCount.toLocaleString('en-US')} inserted in ${((tEvents - t0) / 1000).toFixed(1)} s`);

  // Messages: 10 per conversation (customer, bot, system and agent lines).
  const wanted = CONVERSATIONS * MESSAGES_PER_CONVERSATION;
  let inserted = 0;
  let batch: Record<string, unknown>[] = [];
  let stoppedEarly = false;
  outer: for (const c of convStarts) {
    for (let k = 0; k < MESSAGES_PER_CONVERSATION; k++) {
      const from = k % 2 === 0 ? 'customer' : c.human && k > 3 ? 'agent' : 'bot';
      batch.push({ conversationId: c.id, from, author: from, authorName: '', text: `消息 ${k}：这是第 ${k + 1} 条消息，用于基准测试。`, kind: 'text', createdAt: new Date(c.at + k * 15_000) });
    }
    if (batch.length >= BATCH) {
      emu.db.insert('messages', batch);
      inserted += batch.length;
      batch = [];
      if (performance.now() - tEvents > MESSAGE_BUDGET_MS) {
        stoppedEarly = true;
        break outer;
      }
    }
  }
  if (!stoppedEarly && batch.length > 0) {
    emu.db.insert('messages', batch);
    inserted += batch.length;
  }
  const tMessages = performance.now();
  console.log(`   messages ${inserted.toLocaleString('en-US')} of ${wanted.toLocaleString('en-US')} inserted in ${((tMessages - tEvents) / 1000).toFixed(1)} s`);
  if (inserted < wanted) console.log(`   NOTE: only ${inserted.toLocaleString('en-US')} messages fit in the ${MESSAGE_BUDGET_MS / 1000} s budget (BENCH_MESSAGE_BUDGET_MS); the reports never read messages, so their timings do not depend on it.`);
  memory('after insert');

  const login = (await (await fetch(`${emu.url}/api/dev/login`, { method: 'POST', body: '{"role":"admin"}' })).json()) as { token: string };
  const call = async (event: Record<string, unknown>) => {
    const started = performance.now();
    const res = await fetch(`${emu.url}/api/fn/stats`, { method: 'POST', headers: { authorization: `Bearer ${login.token}` }, body: JSON.stringify(event) });
    const body = (await res.json()) as { ok: boolean; data?: unknown; error?: unknown };
    if (!body.ok) throw new Error(`stats.${String(event.action)} failed: ${JSON.stringify(body.error)}`);
    return { ms: performance.now() - started, data: body.data };
  };
  const latency = async (label: string, event: Record<string, unknown>) => {
    await call(event);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await call(event)).ms);
    console.log(`   ${label.padEnd(46)} p50 ${ms(quantile(times, 0.5)).padStart(9)}  p95 ${ms(quantile(times, 0.95)).padStart(9)}  max ${ms(Math.max(...times)).padStart(9)}`);
    return quantile(times, 0.5);
  };

  /** BENCH_DEBUG=1: the database time of each request a call made. */
  const profiled = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    if (!process.env.BENCH_DEBUG) return run();
    const db = emu.db as unknown as { handle: (b: Record<string, unknown>) => unknown };
    const orig = db.handle.bind(db);
    const acc = new Map<string, { n: number; ms: number }>();
    db.handle = (b) => {
      const t = performance.now();
      const r = orig(b);
      const k = `${String(b.action)} ${String(b.collectionName)} ${String(b.query ?? JSON.stringify(b.stages ?? '')).slice(0, 80)}`;
      const cur = acc.get(k) ?? { n: 0, ms: 0 };
      cur.n++;
      cur.ms += performance.now() - t;
      acc.set(k, cur);
      return r;
    };
    const t = performance.now();
    try {
      return await run();
    } finally {
      db.handle = orig;
      console.log(`   [debug] ${label}: ${ms(performance.now() - t)}`);
      for (const [k, v] of [...acc.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)) console.log(`     ${String(v.n).padStart(3)} × ${ms(v.ms).padStart(9)}  ${k}`);
    }
  };

  console.log('\n2. Before any rollup (each day computed from its events):');
  try {
    const cold = await call({ action: 'overview', from: addDays(today, -6), to: today });
    console.log(`   overview over the last 7 days (+ previous 7), once: ${ms(cold.ms)}`);
  } catch (err) {
    console.log(`   overview over the last 7 days: ${(err as Error).message}`);
  }

  console.log('\n3. Rollups through the function (doc(id).set per day and scope):');
  // The functions' "today" (UTC+8) may have moved on since the history was made (a run across midnight).
  today = dayKey(Date.now());
  const yesterday = addDays(today, -1);
  const one = await profiled('rollup', () => call({ action: 'rollup', day: yesterday }));
  console.log(`   one day (${yesterday}): ${ms(one.ms)}, ${(one.data as { ids: string[] }).ids.length} documents`);
  const again = await call({ action: 'rollup', day: yesterday });
  console.log(`   the same day again (idempotent): ${ms(again.ms)}`);
  const tAll = performance.now();
  const pastDays = Math.round((dayStart(yesterday) - dayStart(first)) / DAY_MS);
  for (let d = 0; d < pastDays; d++) await call({ action: 'rollup', day: addDays(first, d) });
  console.log(`   the other ${pastDays} past days: ${((performance.now() - tAll) / 1000).toFixed(1)} s; stats_rollups holds ${emu.db.count('stats_rollups')} documents`);

  console.log(`\n4. Latency through the gateway after the rollups (${RUNS} runs each after a first call; today live from events):`);
  console.log(`   today (${today}) has ${emu.db.count('events', { day: today }).toLocaleString('en-US')} events so far (a full day here: ~${Math.round(eventCount / DAYS).toLocaleString('en-US')}); the live part grows with it`);
  const firstCall = await call({ action: 'overview', from: first, to: today });
  console.log(`   overview ${DAYS} days, first call of the instance (reads all of today's events): ${ms(firstCall.ms)}`);
  if (process.env.BENCH_DEBUG) {
    await profiled('overview today only', () => call({ action: 'overview', from: today, to: today }));
    await profiled('overview 90 days', () => call({ action: 'overview', from: first, to: today }));
    await profiled('agents 90 days', () => call({ action: 'agents', from: first, to: today }));
  }
  const o = await latency(`overview ${DAYS} days (+ previous ${DAYS})`, { action: 'overview', from: first, to: today });
  const ts = await latency(`timeseries frt by day, ${DAYS} days`, { action: 'timeseries', metric: 'frt', from: first, to: today, granularity: 'day' });
  await latency(`timeseries conversations by week, ${DAYS} days`, { action: 'timeseries', metric: 'conversations', from: first, to: today, granularity: 'week' });
  await latency('timeseries handoffs by hour, 31 days', { action: 'timeseries', metric: 'handoffs', from: addDays(today, -30), to: today, granularity: 'hour' });
  await latency(`agents ${DAYS} days`, { action: 'agents', from: first, to: today });
  await latency('staffing (4 weeks, Erlang C)', { action: 'staffing' });
  const sample = (await call({ action: 'overview', from: first, to: today })).data as Record<string, unknown>;
  console.log(`   overview says: ${JSON.stringify({ conversations: sample.conversations, handoffs: sample.handoffs, botSelfServiceRate: sample.botSelfServiceRate, frt: sample.frt, resolutionRate: sample.resolutionRate, csat: sample.csat, utilization: sample.utilization })}`);
  console.log(`   target ≤ 100 ms: overview ${o <= 100 ? 'met' : 'NOT met'} (${ms(o)}), timeseries ${ts <= 100 ? 'met' : 'NOT met'} (${ms(ts)})`);
  memory('at the end');
  await emu.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
