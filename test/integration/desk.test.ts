// The agent desk through the functions: only the assigned agent replies; transfers to a colleague or
// a group (and the refusals that change nothing); manual claims; the inbox's unread counts, waiting
// times and overdue flags; notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, conv, eventsOf, load, messagesOf, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface InboxItem {
  conversationId: string;
  unread: number;
  waitingSeconds: number;
  overdue: boolean;
  customerName: string;
}
interface InboxView {
  status: string;
  assigned: InboxItem[];
  queue: InboxItem[];
}

describe('desk (demo data)', () => {
  let emu: TestEmulator;
  let a1: string;
  let a2: string;
  let a3: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    [a1, a2, a3] = [await agentToken(emu, 1), await agentToken(emu, 2), await agentToken(emu, 3)];
  });
  afterAll(async () => {
    await emu?.close();
  });

  const call = async (token: string, event: Record<string, unknown>) => emu.call(token, 'desk', event);
  const presales = async () => {
    const c = await newChat(emu, { category: 'cat-product' });
    data(await emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));
    return c;
  };
  const snapshot = () => JSON.stringify([emu.db.find('messages', {}, { sort: { _id: 1 } }), emu.db.find('conversations', {}, { sort: { _id: 1 } }), emu.db.find('agent_load', {}, { sort: { _id: 1 } }), emu.db.count('events')]);

  let chat: Chat;

  it('only the assigned agent replies; others are told it does not exist and nothing is written', async () => {
    data(await call(a1, { action: 'setStatus', status: 'online' }));
    chat = await presales();
    expect(conv(emu, chat.conversationId).agentId).toBe('demo-agent-1');
    const before = snapshot();
    expect(errorCode(await call(a2, { action: 'reply', conversationId: chat.conversationId, text: '我来回答' }))).toBe('NOT_FOUND');
    expect(errorCode(await call(a2, { action: 'close', conversationId: chat.conversationId, resolved: true }))).toBe('NOT_FOUND');
    expect(errorCode(await call(a2, { action: 'transfer', conversationId: chat.conversationId, toAgentId: 'demo-agent-2' }))).toBe('NOT_FOUND');
    expect(errorCode(await call(a1, { action: 'reply', conversationId: 'forged-id-1', text: '你好' }))).toBe('NOT_FOUND');
    expect(errorCode(await call(a1, { action: 'reply', conversationId: chat.conversationId, text: '' }))).toBe('INVALID_INPUT');
    expect(errorCode(await call(a1, { action: 'reply', conversationId: chat.conversationId, text: 'x'.repeat(5000) }))).toBe('INVALID_INPUT');
    expect(errorCode(await call(a1, { action: 'transfer', conversationId: chat.conversationId }))).toBe('INVALID_INPUT');
    expect(errorCode(await call(a1, { action: 'transfer', conversationId: chat.conversationId, toAgentId: 'demo-agent-2', toGroupId: 'grp-presales' }))).toBe('INVALID_INPUT');
    expect(errorCode(await call(a1, { action: 'setStatus', status: 'busy' }))).toBe('INVALID_INPUT');
    expect(snapshot()).toBe(before);
  });

  it('inbox: unread customer messages, waiting time, overdue after the reply timeout', async () => {
    emu.db.insert('settings', [{ _id: 'routing', replyTimeoutSec: 1 }]);
    for (const text of ['在吗', '想问一下空调的能效']) data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text }));
    await new Promise((r) => setTimeout(r, 1100));
    let inbox = data<InboxView>(await call(a1, { action: 'inbox' }));
    expect(inbox.status).toBe('online');
    const item = inbox.assigned.find((i) => i.conversationId === chat.conversationId)!;
    expect(item.unread).toBe(2);
    expect(item.overdue).toBe(true);
    expect(item.waitingSeconds).toBeGreaterThanOrEqual(1);
    data(await call(a1, { action: 'reply', conversationId: chat.conversationId, text: '您好，一级能效更省电。' }));
    inbox = data<InboxView>(await call(a1, { action: 'inbox' }));
    expect(inbox.assigned.find((i) => i.conversationId === chat.conversationId)).toMatchObject({ unread: 0, waitingSeconds: 0, overdue: false });
    emu.db.update('settings', 'routing', { replyTimeoutSec: 60 });
  });

  it('transferTargets: desk staff see colleagues with their status and load and the groups with their queue; customers and QA do not', async () => {
    const targets = data<Array<{ groupId: string; queued: number; agents: Array<{ openid: string; status: string; active: number; capacity: number }> }>>(await call(a2, { action: 'transferTargets' }));
    const presalesGroup = targets.find((g) => g.groupId === 'grp-presales')!;
    expect(presalesGroup.agents.find((a) => a.openid === 'demo-agent-1')).toMatchObject({ status: 'online', active: 1, capacity: 5 });
    expect(targets.map((g) => g.groupId).sort()).toEqual(emu.db.find('skill_groups', {}).map((g) => String(g._id)).sort());
    const customer = await newChat(emu);
    expect(errorCode(await call(customer.token, { action: 'transferTargets' }))).toBe('FORBIDDEN');
    expect(errorCode(await call(await emu.login('qa'), { action: 'transferTargets' }))).toBe('FORBIDDEN');
  });

  it('transfer to a colleague: refused when offline or unknown (nothing changes), then done with a note', async () => {
    let before = snapshot();
    expect(errorCode(await call(a1, { action: 'transfer', conversationId: chat.conversationId, toAgentId: 'demo-agent-2' }))).toBe('CONFLICT'); // offline
    expect(errorCode(await call(a1, { action: 'transfer', conversationId: chat.conversationId, toAgentId: 'no-such-agent' }))).toBe('NOT_FOUND');
    expect(errorCode(await call(a1, { action: 'transfer', conversationId: chat.conversationId, toAgentId: 'demo-customer-1' }))).toBe('NOT_FOUND');
    expect(errorCode(await call(a1, { action: 'transfer', conversationId: chat.conversationId, toAgentId: 'demo-agent-1' }))).toBe('CONFLICT');
    expect(errorCode(await call(a1, { action: 'transfer', conversationId: chat.conversationId, toGroupId: 'grp-nope' }))).toBe('NOT_FOUND');
    expect(snapshot()).toBe(before);

    data(await call(a2, { action: 'setStatus', status: 'online' }));
    before = snapshot();
    const moved = data<{ status: string; agentId: string }>(await call(a1, { action: 'transfer', conversationId: chat.conversationId, toAgentId: 'demo-agent-2', note: '客户关心能效，已介绍一级能效' }));
    expect(moved).toMatchObject({ status: 'assigned', agentId: 'demo-agent-2' });
    expect(conv(emu, chat.conversationId).agentId).toBe('demo-agent-2');
    expect(load(emu, 'demo-agent-1')).toBe(0);
    expect(load(emu, 'demo-agent-2')).toBe(1);
    expect(eventsOf(emu, chat.conversationId, 'transferred')).toEqual([expect.objectContaining({ agentId: 'demo-agent-2', fromAgentId: 'demo-agent-1' })]);
    const history = data<{ agentName: string; messages: Array<{ text: string }> }>(await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }));
    expect(history.agentName).toBe('客服小居');
    expect(history.messages.some((m) => m.text.includes('已介绍一级能效'))).toBe(false);
    expect(messagesOf(emu, chat.conversationId).some((m) => m.kind === 'note' && String(m.text).includes('已介绍一级能效'))).toBe(true);
    // The old agent can no longer reply.
    expect(errorCode(await call(a1, { action: 'reply', conversationId: chat.conversationId, text: '补充一下' }))).toBe('NOT_FOUND');
    expect(before).not.toBe(snapshot());
  });

  it('transfer to another group: back in that queue, taken at once by its online agent', async () => {
    data(await call(a3, { action: 'setStatus', status: 'online' }));
    const res = data<{ status: string; agentId?: string; groupId: string }>(await call(a2, { action: 'transfer', conversationId: chat.conversationId, toGroupId: 'grp-aftersales' }));
    expect(res).toMatchObject({ status: 'assigned', agentId: 'demo-agent-3', groupId: 'grp-aftersales' });
    expect(load(emu, 'demo-agent-2')).toBe(0);
    expect(load(emu, 'demo-agent-3')).toBe(1);
    // The first response was recorded once, by the first agent.
    expect(eventsOf(emu, chat.conversationId, 'first_response')).toHaveLength(1);
    data(await call(a3, { action: 'close', conversationId: chat.conversationId, resolved: false, reason: '客户暂不购买' }));
    expect(eventsOf(emu, chat.conversationId, 'closed_unresolved')).toHaveLength(1);
    expect(conv(emu, chat.conversationId)).toMatchObject({ status: 'closed', resolved: false, closeReason: '客户暂不购买' });
    expect(errorCode(await call(a3, { action: 'close', conversationId: chat.conversationId, resolved: true }))).toBe('CONFLICT');
  });

  it('claim: only a queued conversation, only when eligible', async () => {
    // Agent 1 online with capacity 0 takes nothing automatically…
    emu.db.update('users', 'demo-agent-2', { status: 'offline' });
    emu.db.update('users', 'demo-agent-1', { capacity: 0 });
    const waiting = await presales();
    expect(conv(emu, waiting.conversationId).status).toBe('queued');
    const before = snapshot();
    expect(errorCode(await call(a1, { action: 'claim', conversationId: waiting.conversationId }))).toBe('CONFLICT'); // at capacity
    expect(errorCode(await call(a3, { action: 'claim', conversationId: waiting.conversationId }))).toBe('NOT_FOUND'); // not in the group: not theirs to see
    expect(errorCode(await call(a1, { action: 'claim', conversationId: 'forged-id-2' }))).toBe('NOT_FOUND');
    expect(snapshot()).toBe(before);
    // …and claims it once there is room (the supervisor view lists it in the queue meanwhile).
    const inbox = data<InboxView>(await call(a1, { action: 'inbox' }));
    expect(inbox.queue.map((q) => q.conversationId)).toContain(waiting.conversationId);
    emu.db.update('users', 'demo-agent-1', { capacity: 5 });
    data(await call(a1, { action: 'claim', conversationId: waiting.conversationId }));
    expect(conv(emu, waiting.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-1' });
    expect(load(emu, 'demo-agent-1')).toBe(1);
    expect(errorCode(await call(a1, { action: 'claim', conversationId: waiting.conversationId }))).toBe('CONFLICT');
  });

  it('a supervisor may close any conversation; an agent going away keeps theirs', async () => {
    const c = await presales();
    expect(conv(emu, c.conversationId).agentId).toBe('demo-agent-1');
    data(await call(a1, { action: 'setStatus', status: 'away' }));
    expect(conv(emu, c.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-1' });
    const sup = await emu.login('supervisor');
    data(await call(sup, { action: 'close', conversationId: c.conversationId, resolved: true }));
    expect(conv(emu, c.conversationId).status).toBe('closed');
    expect(eventsOf(emu, c.conversationId, 'resolved')).toEqual([expect.objectContaining({ agentId: 'demo-agent-1' })]);
  });
});
