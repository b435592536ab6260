// Routing through the functions: least-loaded eligible agent of the category's group, queue with
// position and ETA, assignment the moment an agent comes online (no timer), 30 parallel hand-offs
// against 2 agents of capacity 5 (exactly 10 assigned, nobody over capacity, nothing assigned twice,
// a deterministic queue), an agent going offline giving conversations back at the front, the timer's
// timeout re-route, and capacity raised by a supervisor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, assignedCount, conv, eventsOf, load, messagesOf, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface QueueItem {
  conversationId: string;
  position?: number;
  priority: number;
  queuedAt?: string;
}
interface InboxView {
  assigned: Array<{ conversationId: string }>;
  queue: QueueItem[];
}

const handoff = (emu: TestEmulator, c: Chat) => emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId });
const setStatus = async (emu: TestEmulator, token: string, status: string) => data<{ assigned: number; returned: number }>(await emu.call(token, 'desk', { action: 'setStatus', status }));

describe('routing (demo data)', () => {
  let emu: TestEmulator;
  let a1: string;
  let a2: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    a1 = await agentToken(emu, 1);
    a2 = await agentToken(emu, 2);
  });
  afterAll(async () => {
    await emu?.close();
  });

  const closeAll = async () => {
    for (const [n, token] of [
      [1, a1],
      [2, a2],
    ] as const) {
      for (const c of emu.db.find('conversations', { status: 'assigned', agentId: `demo-agent-${n}` })) {
        data(await emu.call(token, 'desk', { action: 'close', conversationId: c._id, resolved: true }));
      }
    }
  };

  it('nobody online: queued in the category group with positions; an agent coming online takes them at once', async () => {
    const c1 = await newChat(emu, { category: 'cat-product' });
    const c2 = await newChat(emu, { category: 'cat-order' });
    expect(data<{ status: string; queuePosition: number }>(await handoff(emu, c1))).toMatchObject({ status: 'queued', queuePosition: 1 });
    expect(data<{ status: string; queuePosition: number }>(await handoff(emu, c2))).toMatchObject({ status: 'queued', queuePosition: 2 });
    expect(conv(emu, c2.conversationId).groupId).toBe('grp-presales');

    // No timer involved: going online assigns.
    const online = await setStatus(emu, a1, 'online');
    expect(online.assigned).toBe(2);
    expect(conv(emu, c1.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-1' });
    expect(conv(emu, c2.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-1' });
    expect(load(emu, 'demo-agent-1')).toBe(2);
    const assigned = eventsOf(emu, c1.conversationId, 'assigned');
    expect(assigned).toHaveLength(1);
    expect(typeof assigned[0]?.durationSec).toBe('number');
  });

  it('least loaded eligible agent of the group; ties to the longest idle', async () => {
    await setStatus(emu, a2, 'online');
    const c3 = await newChat(emu, { category: 'cat-product' });
    const c4 = await newChat(emu, { category: 'cat-product' });
    const c5 = await newChat(emu, { category: 'cat-product' });
    data(await handoff(emu, c3));
    expect(conv(emu, c3.conversationId).agentId).toBe('demo-agent-2'); // 0 < 2
    data(await handoff(emu, c4));
    expect(conv(emu, c4.conversationId).agentId).toBe('demo-agent-2'); // 1 < 2
    data(await handoff(emu, c5));
    expect(conv(emu, c5.conversationId).agentId).toBe('demo-agent-1'); // 2 = 2: agent 1 idle longer

    // An after-sales question never goes to a pre-sales agent: it waits, with an ETA once someone is on duty.
    const after = await newChat(emu, { category: 'cat-repair' });
    expect(data<{ status: string }>(await handoff(emu, after)).status).toBe('queued');
    const a3 = await agentToken(emu, 3);
    await setStatus(emu, a3, 'online');
    expect(conv(emu, after.conversationId).agentId).toBe('demo-agent-3');
    data(await emu.call(a3, 'desk', { action: 'close', conversationId: after.conversationId, resolved: false }));
    await setStatus(emu, a3, 'offline');
    await closeAll();
    expect(load(emu, 'demo-agent-1')).toBe(0);
    expect(load(emu, 'demo-agent-2')).toBe(0);
  });

  it('queue order is deterministic: VIP, then urgency words, then time', async () => {
    // Nobody of after-sales is online.
    const plain = await newChat(emu, { category: 'cat-usage', text: '空调不制冷' });
    const urgent = await newChat(emu, { category: 'cat-usage', text: '我要投诉，太慢了' });
    const vip = await newChat(emu, { category: 'cat-usage', vip: true });
    for (const c of [plain, urgent, vip]) expect(data<{ status: string }>(await handoff(emu, c)).status).toBe('queued');
    const sup = await emu.login('supervisor');
    const inbox = data<InboxView>(await emu.call(sup, 'desk', { action: 'inbox' }));
    const ids = inbox.queue.filter((q) => [plain, urgent, vip].some((c) => c.conversationId === q.conversationId)).map((q) => q.conversationId);
    expect(ids).toEqual([vip.conversationId, urgent.conversationId, plain.conversationId]);
    const pos = async (c: Chat) => data<{ queuePosition: number; etaSeconds?: number }>(await emu.call(c.token, 'session', { action: 'history', conversationId: c.conversationId }));
    expect((await pos(vip)).queuePosition).toBe(1);
    expect((await pos(plain)).queuePosition).toBe(3);
    for (const c of [plain, urgent, vip]) data(await emu.call(c.token, 'session', { action: 'close', conversationId: c.conversationId }));
  });

  it('30 customers hand off at once to 2 agents of capacity 5: exactly 10 assigned, 20 queued, nobody over capacity, nothing twice', async () => {
    const chats: Chat[] = [];
    for (let i = 0; i < 30; i++) chats.push(await newChat(emu, { category: 'cat-product', vip: i % 7 === 3 }));
    const results = await Promise.all(chats.map((c) => handoff(emu, c)));
    for (const r of results) expect(r.body.ok, JSON.stringify(r.body)).toBe(true);

    const ids = chats.map((c) => c.conversationId);
    const docs = ids.map((id) => conv(emu, id));
    expect(docs.filter((d) => d.status === 'assigned')).toHaveLength(10);
    expect(docs.filter((d) => d.status === 'queued')).toHaveLength(20);
    expect(assignedCount(emu, 'demo-agent-1')).toBe(5);
    expect(assignedCount(emu, 'demo-agent-2')).toBe(5);
    expect(load(emu, 'demo-agent-1')).toBe(5);
    expect(load(emu, 'demo-agent-2')).toBe(5);
    // One assignment event per assigned conversation: none was claimed twice.
    for (const d of docs) expect(eventsOf(emu, String(d._id), 'assigned')).toHaveLength(d.status === 'assigned' ? 1 : 0);
    for (const d of docs.filter((x) => x.status === 'assigned')) {
      expect(messagesOf(emu, String(d._id)).filter((m) => m.from === 'system' && /为您服务/.test(String(m.text)))).toHaveLength(1);
    }

    // The queue as agents and customers see it is one deterministic order: priority, then hand-off time, then id.
    const inbox = data<InboxView>(await emu.call(a1, 'desk', { action: 'inbox' }));
    expect(inbox.assigned).toHaveLength(5);
    expect(inbox.queue).toHaveLength(20);
    const queued = docs.filter((d) => d.status === 'queued');
    const expected = [...queued]
      .sort(
        (x, y) =>
          (y.priority as number) - (x.priority as number) ||
          (x.queuedAt as Date).getTime() - (y.queuedAt as Date).getTime() ||
          String(x._id).localeCompare(String(y._id)),
      )
      .map((d) => String(d._id));
    expect(inbox.queue.map((q) => q.conversationId)).toEqual(expected);
    expect(inbox.queue.map((q) => q.position)).toEqual(expected.map((_, i) => i + 1));
    const again = data<InboxView>(await emu.call(a2, 'desk', { action: 'inbox' }));
    expect(again.queue.map((q) => q.conversationId)).toEqual(expected);
    const third = chats.find((c) => c.conversationId === expected[2])!;
    const standing = data<{ queuePosition: number; etaSeconds: number; agentsOnline: number }>(await emu.call(third.token, 'session', { action: 'history', conversationId: third.conversationId }));
    expect(standing.queuePosition).toBe(3);
    expect(standing.agentsOnline).toBe(2);
    expect(standing.etaSeconds).toBeGreaterThan(0);
  });

  it('an agent going offline gives their conversations back at the front; back online takes them again', async () => {
    const mine = emu.db.find('conversations', { status: 'assigned', agentId: 'demo-agent-1' }).map((c) => String(c._id));
    expect(mine).toHaveLength(5);
    const off = await setStatus(emu, a1, 'offline');
    expect(off.returned).toBe(5);
    expect(assignedCount(emu, 'demo-agent-1')).toBe(0);
    expect(load(emu, 'demo-agent-1')).toBe(0);
    const inbox = data<InboxView>(await emu.call(a2, 'desk', { action: 'inbox' }));
    expect(inbox.queue).toHaveLength(25);
    expect(new Set(inbox.queue.slice(0, 5).map((q) => q.conversationId))).toEqual(new Set(mine));
    for (const id of mine) expect(eventsOf(emu, id, 'returned_to_queue')).toHaveLength(1);

    const on = await setStatus(emu, a1, 'online');
    expect(on.assigned).toBe(5);
    expect(new Set(emu.db.find('conversations', { status: 'assigned', agentId: 'demo-agent-1' }).map((c) => String(c._id)))).toEqual(new Set(mine));
  });

  it('closing frees a place that the next in line takes at once; a raised capacity too', async () => {
    const head = data<InboxView>(await emu.call(a2, 'desk', { action: 'inbox' })).queue[0]!.conversationId;
    const one = emu.db.find('conversations', { status: 'assigned', agentId: 'demo-agent-2' })[0]!;
    data(await emu.call(a2, 'desk', { action: 'close', conversationId: one._id, resolved: true }));
    expect(conv(emu, head)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-2' });
    expect(load(emu, 'demo-agent-2')).toBe(5);

    const sup = await emu.login('supervisor');
    const raised = data<{ assigned: number }>(await emu.call(sup, 'routing', { action: 'setCapacity', openid: 'demo-agent-2', capacity: 7 }));
    expect(raised.assigned).toBe(2);
    expect(assignedCount(emu, 'demo-agent-2')).toBe(7);
    expect(load(emu, 'demo-agent-2')).toBe(7);
    const overview = data<Array<{ groupId: string; queued: number; agents: Array<{ openid: string; active: number; capacity: number }> }>>(await emu.call(sup, 'routing', { action: 'overview' }));
    const presales = overview.find((g) => g.groupId === 'grp-presales')!;
    expect(presales.queued).toBe(17);
    expect(presales.agents.find((a) => a.openid === 'demo-agent-2')).toMatchObject({ active: 7, capacity: 7 });
    expect(errorCode(await emu.call(a1, 'routing', { action: 'setCapacity', openid: 'demo-agent-2', capacity: 50 }))).toBe('FORBIDDEN');
  });
});

describe('routing timer: reply timeout re-route', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('an assigned conversation with no agent reply within N seconds goes to another eligible agent; both are told', async () => {
    emu.db.insert('settings', [{ _id: 'routing', replyTimeoutSec: 1 }]);
    const a3 = await agentToken(emu, 3);
    const a4 = await agentToken(emu, 4);
    await setStatus(emu, a3, 'online');
    const slow = await newChat(emu, { category: 'cat-repair' });
    const answered = await newChat(emu, { category: 'cat-repair' });
    data(await handoff(emu, slow));
    data(await handoff(emu, answered));
    expect(conv(emu, slow.conversationId).agentId).toBe('demo-agent-3');
    data(await emu.call(a3, 'desk', { action: 'reply', conversationId: answered.conversationId, text: '您好，我来处理' }));
    await setStatus(emu, a4, 'online');
    const seqBefore = (openid: string) => (emu.db.get('signals', openid)?.seq as number | undefined) ?? 0;
    const s3 = seqBefore('demo-agent-3');
    const s4 = seqBefore('demo-agent-4');

    await new Promise((r) => setTimeout(r, 1200));
    const fired = await emu.raw('/api/dev/trigger/routing', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"trigger":"tick"}' });
    expect(fired.status).toBe(200);
    const result = ((await fired.json()) as { data: { result: { ok: boolean; data: { rerouted: number } } } }).data.result;
    expect(result.data.rerouted).toBe(1);
    expect(conv(emu, slow.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-4' });
    expect(conv(emu, answered.conversationId).agentId).toBe('demo-agent-3');
    expect(eventsOf(emu, slow.conversationId, 'timeout_rerouted')).toEqual([expect.objectContaining({ agentId: 'demo-agent-4', fromAgentId: 'demo-agent-3' })]);
    expect(load(emu, 'demo-agent-3')).toBe(1);
    expect(load(emu, 'demo-agent-4')).toBe(1);
    expect(seqBefore('demo-agent-3')).toBeGreaterThan(s3);
    expect(seqBefore('demo-agent-4')).toBeGreaterThan(s4);
    // The previous agent may no longer reply.
    expect(errorCode(await emu.call(a3, 'desk', { action: 'reply', conversationId: slow.conversationId, text: '抱歉久等' }))).toBe('NOT_FOUND');
  });

  it('a customer queued longer than the setting is offered a message or a call back, once', async () => {
    emu.db.update('settings', 'routing', { queueOfferSec: 1 });
    const waiting = await newChat(emu, { category: 'cat-product' }); // nobody of pre-sales is online
    expect(data<{ status: string }>(await handoff(emu, waiting)).status).toBe('queued');
    await new Promise((r) => setTimeout(r, 1200));
    const sup = await emu.login('supervisor');
    expect(data<{ offered: number }>(await emu.call(sup, 'routing', { action: 'tick' })).offered).toBe(1);
    expect(data<{ offered: number }>(await emu.call(sup, 'routing', { action: 'tick' })).offered).toBe(0);
    const h = data<{ status: string; messages: Array<{ text: string }> }>(await emu.call(waiting.token, 'session', { action: 'history', conversationId: waiting.conversationId }));
    expect(h.status).toBe('queued');
    expect(h.messages.filter((m) => m.text.includes('抱歉让您久等'))).toHaveLength(1);
  });

  it('conversations of an agent set offline outside the desk are returned by the timer, none lost', async () => {
    emu.db.update('settings', 'routing', { replyTimeoutSec: 3600 });
    const a3 = await agentToken(emu, 3);
    await setStatus(emu, a3, 'away');
    const chat = await newChat(emu, { category: 'cat-repair' });
    data(await handoff(emu, chat));
    expect(conv(emu, chat.conversationId).agentId).toBe('demo-agent-4');
    await setStatus(emu, a3, 'online');
    const onFour = emu.db.find('conversations', { status: 'assigned', agentId: 'demo-agent-4' }).map((c) => String(c._id));
    expect(onFour).toContain(chat.conversationId);
    emu.db.update('users', 'demo-agent-4', { status: 'offline' });
    const sup = await emu.login('supervisor');
    const result = data<{ returned: number; assigned: number }>(await emu.call(sup, 'routing', { action: 'tick' }));
    expect(result.returned).toBe(onFour.length);
    expect(assignedCount(emu, 'demo-agent-4')).toBe(0);
    expect(load(emu, 'demo-agent-4')).toBe(0);
    // Agent 3 is online with room: they took them at once.
    for (const id of onFour) expect(conv(emu, id)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-3' });
    expect(load(emu, 'demo-agent-3')).toBe(assignedCount(emu, 'demo-agent-3'));
  });
});

describe('routing under mixed concurrent events', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('agents coming online, a tick and new hand-offs all at once: capacity holds, nothing twice, nobody lost', async () => {
    const early: Chat[] = [];
    for (let i = 0; i < 12; i++) early.push(await newChat(emu, { category: 'cat-repair' }));
    for (const c of early) expect(data<{ status: string }>(await handoff(emu, c)).status).toBe('queued');
    const late: Chat[] = [];
    for (let i = 0; i < 6; i++) late.push(await newChat(emu, { category: 'cat-returns' }));
    const a3 = await agentToken(emu, 3);
    const a4 = await agentToken(emu, 4);
    const sup = await emu.login('supervisor');
    const signalSeq = (openid: string) => (emu.db.get('signals', openid)?.seq as number | undefined) ?? 0;
    const lastInLine = early[11]!;
    const seqBefore = signalSeq(lastInLine.openid);

    const results = await Promise.all([
      emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }),
      emu.call(a4, 'desk', { action: 'setStatus', status: 'online' }),
      emu.call(sup, 'routing', { action: 'tick' }),
      ...late.map((c) => handoff(emu, c)),
    ]);
    for (const r of results) expect(r.body.ok, JSON.stringify(r.body)).toBe(true);

    const all = [...early, ...late].map((c) => conv(emu, c.conversationId));
    expect(all.filter((d) => d.status === 'assigned')).toHaveLength(8);
    expect(all.filter((d) => d.status === 'queued')).toHaveLength(10);
    expect(assignedCount(emu, 'demo-agent-3')).toBe(5);
    expect(assignedCount(emu, 'demo-agent-4')).toBe(3);
    expect(load(emu, 'demo-agent-3')).toBe(5);
    expect(load(emu, 'demo-agent-4')).toBe(3);
    for (const d of all) expect(eventsOf(emu, String(d._id), 'assigned')).toHaveLength(d.status === 'assigned' ? 1 : 0);
    // The early ones were first in line, so they were served first.
    expect(early.slice(0, 8).every((c) => conv(emu, c.conversationId).status === 'assigned')).toBe(true);
    // Those still waiting were told that the line moved.
    expect(signalSeq(lastInLine.openid)).toBeGreaterThan(seqBefore);
    // A tick afterwards has nothing to do.
    expect(data<{ assigned: number; rerouted: number }>(await emu.call(sup, 'routing', { action: 'tick' }))).toEqual({ assigned: 0, rerouted: 0, offered: 0, returned: 0, offline: 0 });
  });
});
