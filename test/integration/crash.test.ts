// The crash test: the emulator runs in a child process (scripts/emulator.ts) on a data folder of its
// own; 30 customers and 5 agents chat through the gateway (bench/load-driver.ts); the child is killed
// with SIGKILL while calls are in flight and restarted on the same folder. Then:
// - every message whose call answered ok:true is in its conversation's history exactly once, as the
//   customer who owns it reads it; no conversation the customers were told about vanished, and each is
//   in exactly one valid state (the history's status, and listed among the open ones iff open);
// - the capacity guard holds: no agent above capacity, agent_load (routing.overview `active`) equal to
//   the conversations each agent holds (routing.active);
// - the queue order is the order before the crash (see `queueOrderSurvived` for what may change);
// - the agents who do not come back exceed the presence timeout, the routing timer runs, and none of
//   their conversations is still theirs: back at the front of the queue, or with an agent who came back.
// Calls in flight at the kill fail on the wire (connection reset or refused): they were never
// acknowledged, so they may or may not have been stored, and the test does not count them either way.
// Why an acknowledged write survives: emulator/db/store.ts commits every batch of writes to SQLite
// (WAL, synchronous=NORMAL) before memory changes and before the function gets its answer; a SIGKILL
// loses only what the process had not yet handed to the OS (docs/architecture.md, "Durability").
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ActiveConversation, GroupLoad, Inbox } from '../../core/api';
import { checkAcked, okData, Recorder, runChat, setUpActors, Violations, type ChatOptions } from '../../bench/load-driver';
import { ROOT } from '../helpers/emulator';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Child {
  process: ChildProcess;
  url: string;
  log: string[];
}

/** Starts scripts/emulator.ts on `dataDir` (timers off: the test runs the routing timer itself). */
function startChild(dataDir: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/emulator.ts'), '--port', '0', '--data-dir', dataDir, '--no-timers'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${log.join('')}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening (\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ process: child, url, log });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before listening:\n${log.join('')}`));
    });
  });
}

function killHard(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}

/**
 * The queue order survived the crash. `before`: the queue (conversation ids, front first) read just
 * before the kill; `after`: read right after the restart, before anything else ran. Calls in flight
 * between the read and the kill may have changed it, and only in these ways:
 * - conversations LEFT the queue: claimed by an agent (a close frees a place and assignQueued takes
 *   the FRONT of the queue). In this load customers never close a queued chat and nobody claims by
 *   hand, so what left is a prefix of `before`, and each one that left is now assigned (or closed);
 * - conversations JOINED at the back (a hand-off in flight): same base priority for everyone (no VIP,
 *   no urgency words in the load's texts) and later `queuedAt`, so behind all who were there.
 *   (Nothing is put in FRONT in flight: no agent goes offline during the load, all of them beat.)
 * So: `after` restricted to `before` equals `before` minus a prefix, and the newcomers follow.
 */
function queueOrderSurvived(before: readonly string[], after: readonly string[], stateOf: (id: string) => string | undefined): string[] {
  const problems: string[] = [];
  const stillQueued = new Set(after);
  const left = before.filter((id) => !stillQueued.has(id));
  const prefix = before.slice(0, left.length);
  if (left.some((id, i) => id !== prefix[i])) problems.push(`conversations left the queue from the middle: ${left.join(',')} of ${before.join(',')}`);
  for (const id of left) if (!['assigned', 'closed'].includes(stateOf(id) ?? '')) problems.push(`${id} left the queue but is ${String(stateOf(id))}`);
  const kept = before.filter((id) => stillQueued.has(id));
  const wasThere = new Set(before);
  const keptAfter = after.filter((id) => wasThere.has(id));
  if (keptAfter.join(',') !== kept.join(',')) problems.push(`order changed: before ${kept.join(',')}, after ${keptAfter.join(',')}`);
  const firstNewcomer = after.findIndex((id) => !wasThere.has(id));
  if (firstNewcomer >= 0 && after.slice(firstNewcomer).some((id) => wasThere.has(id))) problems.push(`a newcomer is ahead of someone who was waiting: ${after.join(',')}`);
  return problems;
}

describe('crash: SIGKILL under load, restart on the same data', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-crash-'));
  let child: Child | null = null;
  afterAll(async () => {
    if (child) await killHard(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message, every conversation, the capacity guard and the queue order; gone agents give their conversations back', { timeout: 240_000 }, async () => {
    child = await startChild(dataDir);
    let url = child.url;
    const rec = new Recorder(() => url);
    // Capacity 2 × 5 agents = 10 places for 30 customers: a queue of about 20 all along.
    // Customers write every 1.5–3 s, well under the rate limit (20 messages per 10 s per user).
    const opts: ChatOptions = { customers: 30, agents: 5, capacity: 2, seconds: 120, seed: 3, paceMs: [1500, 3000], pollMs: 500, heartbeatMs: 1000, closeAfterReplies: 2, prefix: 'crash' };
    const actors = await setUpActors(rec, opts);
    const tokens = new Map(actors.customers.map((c) => [c.openid, c.token]));
    const abort = new AbortController();
    const load = runChat(rec, actors, { ...opts, signal: abort.signal });

    // Let the load settle in: conversations queued and assigned, messages acknowledged both ways.
    const queueOf = async () => okData<Inbox>(await rec.call(actors.supervisor, 'desk', { action: 'inbox' })).queue.map((q) => q.conversationId);
    const deadline = Date.now() + 90_000;
    let before: string[] = [];
    while (Date.now() < deadline) {
      await sleep(1000);
      before = await queueOf();
      const closes = rec.latencies.get('desk.close')?.length ?? 0;
      if (before.length >= 5 && closes >= 1 && (rec.latencies.get('desk.reply')?.length ?? 0) >= 5) break;
    }
    expect(before.length).toBeGreaterThanOrEqual(5);

    // The kill, right after reading the queue, with the customers' and agents' calls in flight.
    for (let i = 0; i < 200 && rec.inFlight === 0; i++) await sleep(5);
    const inFlightAtKill = rec.inFlight;
    const killedAt = Date.now();
    await killHard(child);
    await sleep(300);
    abort.abort();
    const result = await load;
    expect(inFlightAtKill).toBeGreaterThan(0);
    const refused = Object.values(rec.errors).reduce((n, codes) => n + (codes.NETWORK ?? 0), 0);
    expect(refused).toBeGreaterThan(0);

    child = await startChild(dataDir);
    url = child.url;

    // --- Right after the restart, before anything else runs -------------------------------------------
    const after = await queueOf();
    const active = okData<ActiveConversation[]>(await rec.call(actors.supervisor, 'routing', { action: 'active' }));
    const overview = okData<GroupLoad[]>(await rec.call(actors.supervisor, 'routing', { action: 'overview' }));
    const violations = new Violations();

    // Every acknowledged message, exactly once; every conversation still there (its history reads).
    const checked = await checkAcked(rec, result.acked, tokens, violations);
    expect(checked).toBeGreaterThan(30);
    const stateOf = new Map<string, string>();
    for (const [id, customer] of result.conversations) {
      const out = await rec.call(tokens.get(customer)!, 'session', { action: 'history', conversationId: id });
      if (out.res?.body.ok !== true) {
        violations.add(`${id} of ${customer} vanished: ${out.code}`);
        continue;
      }
      stateOf.set(id, (out.res.body.data as { status: string }).status);
    }
    // One valid state each: open ones (queued, assigned) are listed as open with that same status, the others not.
    const listed = new Map(active.map((c) => [c.conversationId, c]));
    for (const [id, status] of stateOf) {
      if (!['bot', 'queued', 'assigned', 'closed'].includes(status)) violations.add(`${id}: status ${status}`);
      const open = listed.get(id);
      if ((status === 'queued' || status === 'assigned') !== !!open) violations.add(`${id}: ${status} but ${open ? '' : 'not '}listed as open`);
      if (open && open.status !== status) violations.add(`${id}: ${status} in the history, ${open.status} in the open list`);
      if (status === 'assigned' && !open?.agentId) violations.add(`${id}: assigned to nobody`);
      if (status === 'queued' && open?.agentId) violations.add(`${id}: queued but held by ${open.agentId}`);
    }
    // The capacity guard: agent_load = what each agent holds, never above capacity.
    const checkLoads = (groups: GroupLoad[], open: ActiveConversation[]) => {
      for (const a of actors.agents) {
        const load = groups.flatMap((g) => g.agents).find((x) => x.openid === a.openid);
        const held = open.filter((c) => c.status === 'assigned' && c.agentId === a.openid).length;
        if (!load) violations.add(`${a.openid} missing from the overview`);
        else if (load.active !== held || held > load.capacity) violations.add(`${a.openid}: agent_load ${load.active}, holds ${held}, capacity ${load.capacity}`);
      }
    };
    checkLoads(overview, active);
    for (const p of queueOrderSurvived(before, after, (id) => stateOf.get(id))) violations.add(p);
    expect(violations.messages).toEqual([]);

    // --- Two agents come back; three never do ----------------------------------------------------------
    const back = actors.agents.slice(0, 2);
    const gone = new Set(actors.agents.slice(2).map((a) => a.openid));
    const heldByGone = active.filter((c) => c.status === 'assigned' && gone.has(c.agentId ?? '')).map((c) => c.conversationId);
    okData(await rec.call(actors.supervisor, 'routing', { action: 'saveSettings', presenceTimeoutSec: 5 }));
    // The gone agents' last beat was before the kill: wait until they are past the timeout.
    await sleep(Math.max(0, killedAt + 6_000 - Date.now()));
    // Those who came back beat (their desk is open again), then the routing timer runs.
    for (const a of back) okData(await rec.call(a.token, 'desk', { action: 'heartbeat' }));
    const fired = await fetch(`${url}/api/dev/trigger/routing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"trigger":"tick"}' });
    // The timer answers with the function's envelope.
    const tick = ((await fired.json()) as { data: { result: { data: { offline: number; returned: number } } } }).data.result.data;
    expect(tick.offline).toBe(3);
    expect(tick.returned).toBe(heldByGone.length);

    const activeNow = okData<ActiveConversation[]>(await rec.call(actors.supervisor, 'routing', { action: 'active' }));
    const overviewNow = okData<GroupLoad[]>(await rec.call(actors.supervisor, 'routing', { action: 'overview' }));
    const agentsNow = new Map(overviewNow.flatMap((g) => g.agents).map((a) => [a.openid, a]));
    for (const id of gone) expect(agentsNow.get(id)).toMatchObject({ status: 'offline', active: 0 });
    for (const a of back) expect(agentsNow.get(a.openid)?.status).toBe('online');
    expect(activeNow.filter((c) => gone.has(c.agentId ?? ''))).toEqual([]);
    const nowById = new Map(activeNow.map((c) => [c.conversationId, c]));
    const queueNow = await queueOf();
    const returnedQueued = heldByGone.filter((id) => nowById.get(id)?.status === 'queued');
    for (const id of heldByGone) {
      const c = nowById.get(id);
      const withOneWhoCameBack = c?.status === 'assigned' && back.some((a) => a.openid === c.agentId);
      expect(withOneWhoCameBack || c?.status === 'queued', `${id}: ${JSON.stringify(c)}`).toBe(true);
    }
    // Those still waiting are at the front, ahead of everyone who was already in the queue.
    expect(queueNow.slice(0, returnedQueued.length).sort()).toEqual([...returnedQueued].sort());
    checkLoads(overviewNow, activeNow);
    expect(violations.messages).toEqual([]);
  });
});
