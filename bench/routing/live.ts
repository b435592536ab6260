// Live load through the gateway: agents and customers of the real functions on an in-process emulator
// (in-memory database, timers off, so every assignment comes from the work-conserving paths and none
// from the routing timer's safety net).
//
// 10 agents of the default group (capacities 1..5) go online; 200 customers start a chat with the bot
// and all hand over at once; agents read their inbox, reply once and close, until all 200 are served;
// customers send messages meanwhile. The invariants are checked on the database itself:
// - after EVERY committed write of `conversations` / `agent_load` (db.onChange): no agent above
//   capacity, and agent_load.active equal to the conversations assigned to the agent (a conversation
//   claimed twice would count on two agents' loads);
// - every desk.inbox answer: assigned ≤ capacity;
// - at the end, from `events`: one `assigned` per conversation plus one per move (transfer, reroute,
//   return to queue), all 200 closed, nothing queued or assigned, every load back to 0.
import type { Inbox } from '../../core/api';
import { data, startTestEmulator, type TestEmulator } from '../../test/helpers/emulator';
import { inParallel, limiter, okData, percentile, Recorder, Violations, warmUp, watchCapacity, type Latency } from '../load-driver';
import { rng } from './simulation';

export type { Latency };

export interface LiveOptions {
  agents: number;
  customers: number;
  /** Capacity of agent i is capacities[i % length]. */
  capacities: readonly number[];
  /** Customer requests in flight at once (hand-offs and messages). */
  concurrency: number;
  messagesPerCustomer: number;
  seed: number;
}

export interface LiveResult {
  agents: Array<{ openid: string; capacity: number; served: number; maxActive: number }>;
  customers: number;
  assigned: number;
  closed: number;
  /** Assignments per second from the first hand-off to the last assignment. */
  assignmentsPerSec: number;
  /** First hand-off to the last close, ms. */
  totalMs: number;
  lastAssignmentMs: number;
  /** Wall ms per action (every attempt, retries included). */
  latency: Record<string, Latency>;
  /** Error codes per action, e.g. {'desk.close': {UNAVAILABLE: 2}}. */
  errors: Record<string, Record<string, number>>;
  /** Messages that arrived after their conversation was closed (CONFLICT, expected, not an error). */
  sendsAfterClose: number;
  /** Hand-off → first assignment, from the `assigned` events (seconds). */
  wait: { p50: number; p99: number; max: number };
  commitsChecked: number;
  inboxChecked: number;
  /** The first few broken invariants, and how many there were in all. */
  violations: string[];
  violationCount: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const QUESTIONS = ['空调不制冷怎么办', '热水器怎么预约安装', '我的订单什么时候发货', '发票怎么开', '退货需要什么条件', '我要投诉，维修太慢了'];
const FOLLOW_UPS = ['请问还要等多久？', '型号是 KFR-35GW', '好的，谢谢'];

export async function runLive(opts: LiveOptions): Promise<LiveResult> {
  const emu: TestEmulator = await startTestEmulator();
  const random = rng(opts.seed);
  const violations = new Violations();
  const violate = (message: string) => violations.add(message);
  /** One call through the gateway, timed (set-up calls are not measured). */
  const rec = new Recorder(() => emu.url);
  const call = (token: string, fn: string, event: { action: string } & Record<string, unknown>) => rec.call(token, fn, event);
  /** Retries what the function reports as contention (UNAVAILABLE), as the client would after its message. */
  const callRetrying = async (token: string, fn: string, event: { action: string } & Record<string, unknown>) => {
    for (let attempt = 1; ; attempt++) {
      const out = await call(token, fn, event);
      if (out.code !== 'UNAVAILABLE' || attempt >= 5) return out;
      await sleep(20 * attempt);
    }
  };

  try {
    // --- Set-up (not measured) -----------------------------------------------------------------
    const supervisor = await emu.login('supervisor');
    // Warm every instance of the pools the run uses (module load, FAQ index) so cold starts are not
    // measured as routing latency. Waves of 1, 2, … calls: all but one land on warm instances, so one
    // instance loads at a time (several loading at once can exceed the 20 s limit on a busy machine).
    const warm = await emu.login('customer', { openid: 'bench-warm-up' });
    await warmUp(rec, emu.host.maxInstances, warm, supervisor);
    const warmConversation = emu.db.find('conversations', { customer: 'bench-warm-up' })[0];
    if (warmConversation) data(await emu.call(warm, 'session', { action: 'close', conversationId: warmConversation._id }));
    const agents = await Promise.all(
      Array.from({ length: opts.agents }, async (_, i) => {
        const openid = `bench-agent-${String(i + 1).padStart(2, '0')}`;
        const token = await emu.login('agent', { openid, name: `压测客服${i + 1}` });
        const capacity = opts.capacities[i % opts.capacities.length]!;
        return { openid, token, capacity, served: 0, maxActive: 0 };
      }),
    );
    for (const a of agents) data(await emu.call(supervisor, 'routing', { action: 'setCapacity', openid: a.openid, capacity: a.capacity }));
    const byAgent = new Map(agents.map((a) => [a.openid, a]));

    const customers = await Promise.all(
      Array.from({ length: opts.customers }, async (_, i) => {
        const openid = `bench-customer-${String(i + 1).padStart(3, '0')}`;
        return { openid, token: await emu.login('customer', { openid, name: `压测顾客${i + 1}` }), conversationId: '', question: QUESTIONS[Math.floor(random() * QUESTIONS.length)]! };
      }),
    );
    await inParallel(customers, opts.concurrency, async (c) => {
      c.conversationId = okData<{ conversationId: string }>(await callRetrying(c.token, 'session', { action: 'start', text: c.question })).conversationId;
    });
    const ours = new Set(customers.map((c) => c.conversationId));

    // --- Invariants on every committed write ------------------------------------------------------
    const firstAssignedAt = new Map<string, number>();
    let t0 = 0;
    const watch = watchCapacity(emu.db, agents.map((a) => a.openid), violations, (id) => {
      if (t0 > 0 && !firstAssignedAt.has(id)) firstAssignedAt.set(id, performance.now() - t0);
    });

    for (const a of agents) data(await emu.call(a.token, 'desk', { action: 'setStatus', status: 'online' }));

    // --- Measured run -----------------------------------------------------------------------------
    let inboxChecked = 0;
    let closed = 0;
    let sendsAfterClose = 0;
    const customerSlot = limiter(opts.concurrency);
    t0 = performance.now();
    rec.recording = true;

    const agentLoop = async (a: (typeof agents)[number]) => {
      while (closed < opts.customers) {
        const { res, code } = await call(a.token, 'desk', { action: 'inbox' });
        if (code) {
          await sleep(20);
          continue;
        }
        const inbox = res!.body.data as Inbox;
        inboxChecked++;
        if (inbox.assigned.length > a.capacity) violate(`desk.inbox of ${a.openid}: ${inbox.assigned.length} assigned, capacity ${a.capacity}`);
        if (inbox.assigned.length === 0) {
          // Polling stands in for the realtime signal an agent's phone would get.
          await sleep(15);
          continue;
        }
        for (const item of inbox.assigned) {
          if (!ours.has(item.conversationId)) violate(`${a.openid} holds a conversation nobody handed over: ${item.conversationId}`);
          const reply = await callRetrying(a.token, 'desk', { action: 'reply', conversationId: item.conversationId, text: '您好，问题已为您处理，请查收。' });
          if (reply.code) continue;
          const done = await callRetrying(a.token, 'desk', { action: 'close', conversationId: item.conversationId, resolved: true });
          if (done.code) continue;
          a.served++;
          closed++;
        }
      }
    };

    const customerFlow = async (c: (typeof customers)[number]) => {
      const handed = await customerSlot(() => callRetrying(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));
      if (handed.code) return;
      for (let m = 0; m < opts.messagesPerCustomer; m++) {
        await sleep(200 + random() * 800);
        const text = FOLLOW_UPS[m % FOLLOW_UPS.length]!;
        const sent = await customerSlot(() => call(c.token, 'session', { action: 'send', conversationId: c.conversationId, text }));
        if (sent.code === 'CONFLICT') {
          // Served and closed already: the rest of this customer's messages would be refused too.
          sendsAfterClose++;
          break;
        }
      }
    };

    // Agents stop when all are closed, or give up when the customers are done and nothing is left to serve.
    const customersDone = Promise.all(customers.map(customerFlow));
    const agentsDone = Promise.all(agents.map(agentLoop));
    const watchdog = (async () => {
      await customersDone;
      const deadline = performance.now() + 90_000;
      while (closed < opts.customers && performance.now() < deadline) await sleep(100);
      if (closed < opts.customers) violate(`only ${closed} of ${opts.customers} served within 90 s after the last hand-off`);
      closed = Math.max(closed, opts.customers);
    })();
    await Promise.all([customersDone, agentsDone]);
    const totalMs = performance.now() - t0;
    watch.stop();
    for (const a of agents) a.maxActive = watch.maxActive.get(a.openid) ?? 0;
    await watchdog;

    // --- Final state, from the database ------------------------------------------------------------
    const convs = emu.db.find('conversations', { _id: { $in: [...ours] } });
    const closedNow = convs.filter((c) => c.status === 'closed').length;
    if (closedNow !== opts.customers) violate(`${closedNow} of ${opts.customers} conversations closed`);
    const open = emu.db.count('conversations', { status: { $in: ['queued', 'assigned'] } });
    if (open > 0) violate(`${open} conversations still queued or assigned`);
    for (const a of agents) {
      const load = (emu.db.get('agent_load', a.openid)?.active as number | undefined) ?? 0;
      if (load !== 0) violate(`${a.openid}: agent_load.active ${load} after the run`);
    }

    // One `assigned` per conversation, plus one per move away from an agent (transfer, timeout
    // re-route, return to the queue): any more means two claims of one conversation both succeeded.
    const events = emu.db.find('events', { conversationId: { $in: [...ours] } });
    const waits: number[] = [];
    let assigned = 0;
    for (const id of ours) {
      const mine = events.filter((e) => e.conversationId === id);
      const count = (type: string) => mine.filter((e) => e.type === type).length;
      const claims = count('assigned');
      const moves = count('transferred') + count('timeout_rerouted') + count('returned_to_queue');
      assigned += claims;
      if (claims !== 1 + moves) violate(`${id}: ${claims} assigned events for ${moves} moves`);
      if (count('resolved') !== 1) violate(`${id}: ${count('resolved')} resolved events`);
      const first = mine.find((e) => e.type === 'assigned' && typeof e.durationSec === 'number');
      if (first) waits.push(first.durationSec as number);
      const lastClaim = mine.filter((e) => e.type === 'assigned').at(-1);
      const closer = mine.find((e) => e.type === 'resolved');
      if (lastClaim && closer && lastClaim.agentId !== closer.agentId) violate(`${id}: assigned to ${String(lastClaim.agentId)} but closed by ${String(closer.agentId)}`);
      if (lastClaim && !byAgent.has(String(lastClaim.agentId))) violate(`${id}: assigned to ${String(lastClaim.agentId)}, not a bench agent`);
    }
    waits.sort((x, y) => x - y);
    const lastAssignmentMs = Math.max(0, ...firstAssignedAt.values());
    const latency = rec.summary();
    return {
      agents: agents.map(({ openid, capacity, served, maxActive }) => ({ openid, capacity, served, maxActive })),
      customers: opts.customers,
      assigned,
      closed: closedNow,
      assignmentsPerSec: firstAssignedAt.size / (lastAssignmentMs / 1000),
      totalMs,
      lastAssignmentMs,
      latency,
      errors: rec.errors,
      sendsAfterClose,
      wait: { p50: percentile(waits, 50), p99: percentile(waits, 99), max: waits[waits.length - 1] ?? Number.NaN },
      commitsChecked: watch.commits(),
      inboxChecked,
      violations: violations.messages,
      violationCount: violations.count,
    };
  } finally {
    await emu.close();
  }
}
