// Live load through the gateway, shared by the benches and the tests that drive it:
// - bench/load.bench.ts (`npm run bench:load`) and test/integration/load.test.ts: customers and agents
//   chatting at a human pace for a fixed time (runChat), with the invariants checked on the database;
// - test/integration/crash.test.ts: the same actors against an emulator in a child process that is
//   killed in the middle (the gateway URL may change when it restarts; calls that fail on the wire
//   count as NETWORK and are never acknowledged);
// - bench/routing/live.ts: the timed call, percentiles and the capacity watch.
//
// Actors (runChat):
// - customer: starts a chat with the bot (a question), hands over, then every `paceMs` either sends a
//   message (unique text, recorded as acknowledged when the call answered ok:true) or reads the history;
//   when the agent closed the chat (CONFLICT on send, or `closed` in the history) starts a new one;
// - agent: goes online, beats (desk.heartbeat) every `heartbeatMs`, polls the inbox every `pollMs`,
//   replies to conversations with unread messages and closes one after `closeAfterReplies` replies;
// - supervisor: polls routing.overview every 2 s.
import type { Inbox } from '../core/api';
import type { Database } from '../emulator/db';
import { startTestEmulator } from '../test/helpers/emulator';
import { rng } from './routing/simulation';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  });
  await Promise.all(runners);
}

/** A semaphore: at most `limit` of the wrapped calls in flight. */
export function limiter(limit: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (run) => {
    while (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await run();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export type CallResult = { status: number; body: Record<string, unknown> };

/** Where the gateway is: a function, since a restarted emulator may listen elsewhere. */
export type GatewayUrl = () => string;

/**
 * Calls through the gateway, timed per `fn.action`, with the answers' error codes counted (`NETWORK`
 * when the call failed on the wire: connection refused or reset, e.g. a killed emulator).
 */
export class Recorder {
  readonly latencies = new Map<string, number[]>();
  readonly errors: Record<string, Record<string, number>> = {};
  /** Set-up calls are not measured. */
  recording = false;
  /** Calls sent and not answered yet. */
  inFlight = 0;

  constructor(private readonly url: GatewayUrl) {}

  async call(token: string | null, fn: string, event: { action: string } & Record<string, unknown>): Promise<{ res: CallResult | null; code: string | null }> {
    const started = performance.now();
    let res: CallResult | null = null;
    let code: string | null;
    this.inFlight++;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const http = await fetch(`${this.url()}/api/fn/${fn}`, { method: 'POST', headers, body: JSON.stringify(event) });
      res = { status: http.status, body: (await http.json()) as Record<string, unknown> };
      code = res.body.ok === true ? null : (((res.body.error as { code?: string } | undefined)?.code ?? `HTTP ${http.status}`) as string);
    } catch {
      code = 'NETWORK';
    } finally {
      this.inFlight--;
    }
    if (this.recording) {
      const label = `${fn}.${event.action}`;
      const list = this.latencies.get(label) ?? [];
      list.push(performance.now() - started);
      this.latencies.set(label, list);
      if (code) (this.errors[label] ??= {})[code] = (this.errors[label]?.[code] ?? 0) + 1;
    }
    return { res, code };
  }

  async login(role: string, extra: { openid?: string; name?: string } = {}): Promise<string> {
    const res = await fetch(`${this.url()}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, ...extra }) });
    if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  }

  /** p50/p95/p99/max per action, sorted by name. */
  summary(): Record<string, Latency> {
    const out: Record<string, Latency> = {};
    for (const [label, list] of [...this.latencies].sort(([x], [y]) => x.localeCompare(y))) {
      const sorted = [...list].sort((x, y) => x - y);
      out[label] = { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
    }
    return out;
  }
}

/**
 * Warms every instance of the pools a run uses (module load, FAQ index) so cold starts are not
 * measured. Waves of 1, 2, … calls: all but one land on warm instances, so one instance loads at a
 * time (several loading at once can exceed the 20 s limit on a busy machine). Not measured.
 */
export async function warmUp(rec: Recorder, maxInstances: number, customer: string, staff: string): Promise<void> {
  const retrying = async (token: string, fn: string, event: { action: string } & Record<string, unknown>) => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      if ((await rec.call(token, fn, event)).code !== 'UNAVAILABLE') return;
      await sleep(20 * attempt);
    }
  };
  for (let wave = 1; wave <= maxInstances; wave++) {
    await Promise.all(
      Array.from({ length: wave }, () =>
        Promise.all([
          retrying(customer, 'session', { action: 'start', text: '发票怎么开' }),
          retrying(staff, 'desk', { action: 'inbox' }),
          retrying(staff, 'routing', { action: 'overview' }),
        ]),
      ),
    );
  }
}

/** Unwraps `{ok:true,data}` of a set-up call, or throws with the answer. */
export function okData<T>(out: { res: CallResult | null; code: string | null }): T {
  if (!out.res || out.res.body.ok !== true) throw new Error(`expected ok, got ${out.res ? JSON.stringify(out.res.body) : out.code}`);
  return out.res.body.data as T;
}

/** Broken invariants: the first few messages, and how many in all (one can repeat on every commit). */
export class Violations {
  readonly messages: string[] = [];
  count = 0;
  add(message: string): void {
    this.count++;
    if (this.messages.length < 20) this.messages.push(message);
  }
}

/**
 * Checks after EVERY committed write of `conversations` / `agent_load`: no agent above capacity, and
 * agent_load.active equal to the conversations assigned to the agent (a conversation claimed twice
 * would count on two agents' loads). `onAssigned` sees each assigned conversation (first sight).
 */
export function watchCapacity(db: Database, agentIds: readonly string[], violations: Violations, onAssigned?: (conversationId: string) => void) {
  const maxActive = new Map<string, number>(agentIds.map((a) => [a, 0]));
  let commits = 0;
  const check = () => {
    commits++;
    const perAgent = new Map<string, number>();
    for (const conv of db.find('conversations', { status: 'assigned' })) {
      const agentId = String(conv.agentId);
      perAgent.set(agentId, (perAgent.get(agentId) ?? 0) + 1);
      onAssigned?.(String(conv._id));
    }
    for (const a of agentIds) {
      const capacity = (db.get('users', a)?.capacity as number | undefined) ?? 0;
      const load = (db.get('agent_load', a)?.active as number | undefined) ?? 0;
      const held = perAgent.get(a) ?? 0;
      maxActive.set(a, Math.max(maxActive.get(a) ?? 0, held, load));
      if (held > capacity || load > capacity) violations.add(`${a}: ${held} assigned, load ${load}, capacity ${capacity}`);
      if (held !== load) violations.add(`${a}: agent_load.active ${load} but ${held} conversations assigned`);
    }
  };
  const unwatch = db.onChange((e) => {
    if (e.collection === 'conversations' || e.collection === 'agent_load') check();
  });
  return { maxActive, commits: () => commits, stop: unwatch };
}

/**
 * One claim per conversation, from `events`: every `assigned` is either the current holding, or was
 * followed by a move away (transfer, timeout re-route, return to the queue) or the close. So
 * claims − moves is 1 while assigned, 0 while queued, 0 or 1 once closed; more means two claims of one
 * conversation both succeeded. Returns the waits (hand-off → first assignment, s) of those assigned.
 */
export function checkClaims(db: Database, conversationIds: readonly string[], violations: Violations): { claims: number; waits: number[] } {
  const events = db.find('events', { conversationId: { $in: [...conversationIds] } });
  const byConversation = new Map<string, Record<string, unknown>[]>();
  for (const e of events) {
    const id = String(e.conversationId);
    byConversation.set(id, [...(byConversation.get(id) ?? []), e]);
  }
  const waits: number[] = [];
  let claims = 0;
  for (const id of conversationIds) {
    const mine = byConversation.get(id) ?? [];
    const count = (type: string) => mine.filter((e) => e.type === type).length;
    const assigned = count('assigned');
    const moves = count('transferred') + count('timeout_rerouted') + count('returned_to_queue');
    claims += assigned;
    const status = db.get('conversations', id)?.status;
    const extra = assigned - moves;
    const fine = status === 'assigned' ? extra === 1 : status === 'queued' || status === 'bot' ? extra === 0 : extra === 0 || extra === 1;
    if (!fine) violations.add(`${id} (${String(status)}): ${assigned} assigned events for ${moves} moves`);
    const first = mine.find((e) => e.type === 'assigned' && typeof e.durationSec === 'number');
    if (first) waits.push(first.durationSec as number);
  }
  return { claims, waits: waits.sort((x, y) => x - y) };
}

const QUESTIONS = ['空调不制冷怎么办', '热水器怎么预约安装', '我的订单什么时候发货', '发票怎么开', '退货需要什么条件', '洗衣机有异响'];
const FOLLOW_UPS = ['请问还要等多久', '型号是 KFR-35GW', '好的，谢谢', '我在家，随时可以上门', '能不能快一点处理'];

export interface ChatOptions {
  customers: number;
  agents: number;
  /** How long the customers keep chatting (the agents and supervisors stop with them). */
  seconds: number;
  seed: number;
  /** A customer acts every min..max ms (default 3–8 s: a human typing). */
  paceMs?: readonly [number, number];
  /** Agents re-read their inbox this often (a phone would also get realtime signals). */
  pollMs?: number;
  heartbeatMs?: number;
  /** An agent closes a conversation after this many replies (the customer then starts a new one). */
  closeAfterReplies?: number;
  /** Capacity of each agent (default: the dev login's 5). */
  capacity?: number;
  /** OPENID prefix, so two runs on one database do not mix. */
  prefix?: string;
  /** Stop early (crash test: after the kill). */
  signal?: AbortSignal;
}

/** A message whose call answered ok:true: it must be stored, once. */
export interface Acked {
  conversationId: string;
  customer: string;
  from: 'customer' | 'agent';
  text: string;
}

export interface Actors {
  customers: Array<{ openid: string; token: string }>;
  agents: Array<{ openid: string; token: string }>;
  supervisor: string;
}

export interface ChatResult {
  actors: Actors;
  /** Every conversation a customer was told about (start answered ok). */
  conversations: Map<string, string>;
  acked: Acked[];
  closedByAgents: number;
  startedChats: number;
  inboxChecked: number;
  wallMs: number;
}

/** Logs everyone in and sets the agents up (capacity, online); not measured. */
export async function setUpActors(rec: Recorder, opts: ChatOptions): Promise<Actors> {
  const prefix = opts.prefix ?? 'load';
  const supervisor = await rec.login('supervisor', { openid: `${prefix}-supervisor`, name: '压测主管' });
  const agents = [];
  for (let i = 0; i < opts.agents; i++) {
    const openid = `${prefix}-agent-${String(i + 1).padStart(2, '0')}`;
    const token = await rec.login('agent', { openid, name: `压测客服${i + 1}` });
    if (opts.capacity !== undefined) okData(await rec.call(supervisor, 'routing', { action: 'setCapacity', openid, capacity: opts.capacity }));
    agents.push({ openid, token });
  }
  const customers = await Promise.all(
    Array.from({ length: opts.customers }, async (_, i) => {
      const openid = `${prefix}-customer-${String(i + 1).padStart(3, '0')}`;
      return { openid, token: await rec.login('customer', { openid, name: `压测顾客${i + 1}` }) };
    }),
  );
  return { customers, agents, supervisor };
}

/** Runs the chat load for `opts.seconds` (or until `opts.signal` aborts); agents go online first. */
export async function runChat(rec: Recorder, actors: Actors, opts: ChatOptions, onInbox?: (agentId: string, inbox: Inbox) => void): Promise<ChatResult> {
  const random = rng(opts.seed);
  const [paceMin, paceMax] = opts.paceMs ?? [3000, 8000];
  const pollMs = opts.pollMs ?? 1000;
  const heartbeatMs = opts.heartbeatMs ?? 30_000;
  const closeAfter = opts.closeAfterReplies ?? 3;
  const conversations = new Map<string, string>();
  const acked: Acked[] = [];
  let closedByAgents = 0;
  let startedChats = 0;
  let inboxChecked = 0;
  let sequence = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  const running = () => performance.now() < deadline && !opts.signal?.aborted;
  /** Sleeps, waking early when the run stops. */
  const pause = async (ms: number) => {
    const until = Math.min(performance.now() + ms, deadline);
    while (running() && performance.now() < until) await sleep(Math.min(200, until - performance.now()));
  };

  for (const a of actors.agents) okData(await rec.call(a.token, 'desk', { action: 'setStatus', status: 'online' }));
  rec.recording = true;

  const customerLoop = async (c: Actors['customers'][number], index: number) => {
    // Customers arrive spread over the first quarter of the run (at most 15 s), not all in one burst.
    await pause(random() * Math.min(15_000, Math.max(paceMax, (opts.seconds * 1000) / 4)));
    let conversationId: string | null = null;
    let status = 'bot';
    let turn = 0;
    while (running()) {
      if (!conversationId) {
        const text = `${QUESTIONS[index % QUESTIONS.length]!}（${c.openid} #${++sequence}）`;
        const out = await rec.call(c.token, 'session', { action: 'start', text });
        if (out.code || !out.res) {
          await pause(1000);
          continue;
        }
        const res = out.res.body.data as { conversationId: string; status: string };
        conversationId = res.conversationId;
        status = res.status;
        conversations.set(conversationId, c.openid);
        acked.push({ conversationId, customer: c.openid, from: 'customer', text });
        startedChats++;
      }
      if (status === 'bot') {
        const out = await rec.call(c.token, 'session', { action: 'handoff', conversationId });
        if (out.res?.body.ok === true) status = (out.res.body.data as { status: string }).status;
        else if (out.code === 'CONFLICT') conversationId = null;
      }
      if (!conversationId) continue;
      await pause(paceMin + random() * (paceMax - paceMin));
      if (!running()) break;
      turn++;
      if (turn % 4 === 0) {
        const out = await rec.call(c.token, 'session', { action: 'history', conversationId });
        if (out.res?.body.ok === true) status = (out.res.body.data as { status: string }).status;
        if (status === 'closed') conversationId = null;
        continue;
      }
      const text = `${FOLLOW_UPS[turn % FOLLOW_UPS.length]!}（${c.openid} #${++sequence}）`;
      const out = await rec.call(c.token, 'session', { action: 'send', conversationId, text });
      if (out.res?.body.ok === true) {
        acked.push({ conversationId, customer: c.openid, from: 'customer', text });
        status = (out.res.body.data as { status: string }).status;
      } else if (out.code === 'CONFLICT') {
        // The agent closed it meanwhile: a new question, a new chat.
        conversationId = null;
      }
    }
  };

  const agentLoop = async (a: Actors['agents'][number]) => {
    const replies = new Map<string, number>();
    const beat = (async () => {
      while (running()) {
        await pause(heartbeatMs);
        if (running()) await rec.call(a.token, 'desk', { action: 'heartbeat' });
      }
    })();
    while (running()) {
      const out = await rec.call(a.token, 'desk', { action: 'inbox' });
      if (out.res?.body.ok === true) {
        const inbox = out.res.body.data as Inbox;
        inboxChecked++;
        onInbox?.(a.openid, inbox);
        for (const item of inbox.assigned) {
          if (!running()) break;
          if (item.unread === 0 && replies.has(item.conversationId)) continue;
          const text = `您好，已为您处理（${a.openid} #${++sequence}）`;
          const sent = await rec.call(a.token, 'desk', { action: 'reply', conversationId: item.conversationId, text });
          if (sent.res?.body.ok !== true) continue;
          const customer = conversations.get(item.conversationId) ?? '';
          acked.push({ conversationId: item.conversationId, customer, from: 'agent', text });
          const n = (replies.get(item.conversationId) ?? 0) + 1;
          replies.set(item.conversationId, n);
          if (n >= closeAfter) {
            const closed = await rec.call(a.token, 'desk', { action: 'close', conversationId: item.conversationId, resolved: true });
            if (closed.res?.body.ok === true) closedByAgents++;
          }
        }
      }
      await pause(pollMs);
    }
    await beat;
  };

  const supervisorLoop = async () => {
    while (running()) {
      await rec.call(actors.supervisor, 'routing', { action: 'overview' });
      await pause(2000);
    }
  };

  await Promise.all([...actors.customers.map(customerLoop), ...actors.agents.map(agentLoop), supervisorLoop()]);
  rec.recording = false;
  return { actors, conversations, acked, closedByAgents, startedChats, inboxChecked, wallMs: performance.now() - started };
}

export interface ChatChecks {
  /** Conversations by state at the end. */
  states: Record<string, number>;
  claims: number;
  waits: number[];
}

/**
 * The invariants at the end of a run, on the database: nobody lost (every conversation a customer was
 * told about exists, in a valid state: queued without an agent, assigned to a load agent, at most one
 * open per customer), nobody waiting while an agent of the group has room, one claim per
 * conversation, agent_load equal to what is held. (Messages: checkAcked, through the gateway.)
 */
export function checkChat(db: Database, result: ChatResult, violations: Violations): ChatChecks {
  const agentIds = new Set(result.actors.agents.map((a) => a.openid));
  const states: Record<string, number> = {};
  const openPerCustomer = new Map<string, number>();
  for (const [id, customer] of result.conversations) {
    const conv = db.get('conversations', id);
    if (!conv) {
      violations.add(`${id}: conversation lost`);
      continue;
    }
    const status = String(conv.status);
    states[status] = (states[status] ?? 0) + 1;
    if (conv.customer !== customer) violations.add(`${id}: belongs to ${String(conv.customer)}, started by ${customer}`);
    if (!['bot', 'queued', 'assigned', 'closed'].includes(status)) violations.add(`${id}: unknown status ${status}`);
    if (status === 'queued' && conv.agentId) violations.add(`${id}: queued but held by ${String(conv.agentId)}`);
    if (status === 'assigned' && !agentIds.has(String(conv.agentId))) violations.add(`${id}: assigned to ${String(conv.agentId)}, not a load agent`);
    if (status !== 'closed') openPerCustomer.set(customer, (openPerCustomer.get(customer) ?? 0) + 1);
  }
  for (const [customer, n] of openPerCustomer) if (n > 1) violations.add(`${customer}: ${n} open conversations`);

  for (const a of agentIds) {
    const user = db.get('users', a);
    const held = db.count('conversations', { status: 'assigned', agentId: a });
    const load = (db.get('agent_load', a)?.active as number | undefined) ?? 0;
    if (held !== load) violations.add(`${a}: agent_load.active ${load} but ${held} conversations assigned`);
    if (held > ((user?.capacity as number | undefined) ?? 0)) violations.add(`${a}: ${held} assigned above capacity ${String(user?.capacity)}`);
  }
  // Work-conserving: with everything settled, nobody waits while an online agent of the group has room.
  const queued = db.find('conversations', { status: 'queued' });
  for (const conv of queued) {
    const roomy = db
      .find('users', { status: 'online', groups: conv.groupId, _id: { $in: [...agentIds] } })
      .filter((u) => db.count('conversations', { status: 'assigned', agentId: u._id }) < ((u.capacity as number | undefined) ?? 0));
    if (roomy.length > 0) violations.add(`${String(conv._id)}: queued while ${String(roomy[0]!._id)} has room`);
  }

  const { claims, waits } = checkClaims(db, [...result.conversations.keys()], violations);

  return { states, claims, waits };
}

/**
 * Every acknowledged message is in its conversation's history exactly once, as the customer who owns
 * it reads it (session.history through the gateway: what is stored, decrypted and filtered as the
 * product shows it; texts are unique per run). Returns how many were checked.
 */
export async function checkAcked(rec: Recorder, acked: readonly Acked[], tokens: ReadonlyMap<string, string>, violations: Violations): Promise<number> {
  const byConversation = new Map<string, Acked[]>();
  for (const m of acked) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
  await inParallel([...byConversation], 16, async ([conversationId, messages]) => {
    const owner = messages[0]!.customer;
    const out = await rec.call(tokens.get(owner) ?? null, 'session', { action: 'history', conversationId });
    if (!out.res || out.res.body.ok !== true) {
      violations.add(`history of ${conversationId} for ${owner}: ${out.code ?? 'no answer'}`);
      return;
    }
    const texts = new Map<string, number>();
    for (const m of (out.res.body.data as { messages: Array<{ text: string }> }).messages) texts.set(m.text, (texts.get(m.text) ?? 0) + 1);
    for (const m of messages) {
      const n = texts.get(m.text) ?? 0;
      if (n !== 1) violations.add(`${m.from} message "${m.text}" in ${conversationId}: ${n} times in the history`);
    }
  });
  return acked.length;
}

/** Errors other than the expected ones (a chat closed under a customer's message, contention answered UNAVAILABLE). */
export function unexpectedErrors(errors: Record<string, Record<string, number>>, expected: Record<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const [label, codes] of Object.entries(errors)) {
    for (const [code, n] of Object.entries(codes)) {
      if (!(expected[label] ?? []).includes(code) && !(expected['*'] ?? []).includes(code)) out.push(`${label} ${code}×${n}`);
    }
  }
  return out;
}

/** What a chat load answers besides the driver's own errors: expected, not failures. */
export const EXPECTED_ERRORS: Record<string, readonly string[]> = {
  // The agent closed the chat while the customer was typing: the customer starts a new one.
  'session.send': ['CONFLICT'],
  'session.handoff': ['CONFLICT'],
  // Contention the transactions gave up on after their retries ("busy, try again"): never a partial write.
  '*': ['UNAVAILABLE'],
};

export interface LoadResult {
  options: ChatOptions;
  wallMs: number;
  calls: number;
  latency: Record<string, Latency>;
  errors: Record<string, Record<string, number>>;
  unexpected: string[];
  /** Hand-off → first assignment (s), from the `assigned` events. */
  waits: number[];
  conversations: number;
  states: Record<string, number>;
  claims: number;
  acked: number;
  closedByAgents: number;
  commitsChecked: number;
  inboxChecked: number;
  maxActive: Record<string, number>;
  capacity: number;
  violations: string[];
  violationCount: number;
}

/**
 * The chat load on an in-process emulator (in-memory database, timers off: every assignment comes
 * from the work-conserving paths), with every invariant checked: capacity on every commit and in every
 * inbox answer, and at the end nobody lost, one claim per conversation, every acknowledged message in
 * its history once.
 */
export async function runLoad(opts: ChatOptions): Promise<LoadResult> {
  const emu = await startTestEmulator();
  try {
    const rec = new Recorder(() => emu.url);
    const violations = new Violations();
    const actors = await setUpActors(rec, opts);
    await warmUp(rec, emu.host.maxInstances, await rec.login('customer', { openid: `${opts.prefix ?? 'load'}-warm-up` }), actors.supervisor);
    const capacity = opts.capacity ?? ((emu.db.get('users', actors.agents[0]!.openid)?.capacity as number | undefined) ?? 0);
    const watch = watchCapacity(emu.db, actors.agents.map((a) => a.openid), violations);
    const result = await runChat(rec, actors, opts, (agentId, inbox) => {
      if (inbox.assigned.length > capacity) violations.add(`desk.inbox of ${agentId}: ${inbox.assigned.length} assigned, capacity ${capacity}`);
    });
    watch.stop();
    const checks = checkChat(emu.db, result, violations);
    const tokens = new Map(actors.customers.map((c) => [c.openid, c.token]));
    const acked = await checkAcked(rec, result.acked, tokens, violations);
    const latency = rec.summary();
    return {
      options: opts,
      wallMs: result.wallMs,
      calls: Object.values(latency).reduce((n, l) => n + l.count, 0),
      latency,
      errors: rec.errors,
      unexpected: unexpectedErrors(rec.errors, EXPECTED_ERRORS),
      waits: checks.waits,
      conversations: result.conversations.size,
      states: checks.states,
      claims: checks.claims,
      acked,
      closedByAgents: result.closedByAgents,
      commitsChecked: watch.commits(),
      inboxChecked: result.inboxChecked,
      maxActive: Object.fromEntries(watch.maxActive),
      capacity,
      violations: violations.messages,
      violationCount: violations.count,
    };
  } finally {
    await emu.close();
  }
}
