// The supervisor's live view and reassignment: routing.active lists every queued conversation (in
// queue order, with positions, group by group) then every assigned one (longest assigned first) with
// its agent; a supervisor moves an agent's conversation to another online agent with desk.transfer,
// and the capacity bookkeeping stays exact (load = conversations held ≤ capacity for everyone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, assignedCount, conv, eventsOf, load, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface Active {
  conversationId: string;
  status: string;
  groupId: string;
  groupName: string;
  position?: number;
  agentId?: string;
  agentName?: string;
  assignedAt?: string;
  vip: boolean;
  customerName: string;
  waitingSeconds: number;
}

describe('supervisor: active conversations and reassignment (demo data)', () => {
  let emu: TestEmulator;
  let a1: string;
  let a2: string;
  let sup: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    [a1, a2] = [await agentToken(emu, 1), await agentToken(emu, 2)];
    sup = await emu.login('supervisor', { openid: 'demo-supervisor' });
  });
  afterAll(async () => {
    await emu?.close();
  });

  const active = async (token: string, groupId?: string) => data<Active[]>(await emu.call(token, 'routing', { action: 'active', ...(groupId ? { groupId } : {}) }));
  const handoff = async (opts: { category?: string; vip?: boolean } = {}) => {
    const c = await newChat(emu, opts);
    data(await emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));
    return c;
  };
  /** Every desk agent's load equals what they hold, and never exceeds their capacity. */
  const capacityHolds = () => {
    for (const n of [1, 2, 3, 4]) {
      const id = `demo-agent-${n}`;
      expect(load(emu, id)).toBe(assignedCount(emu, id));
      expect(assignedCount(emu, id)).toBeLessThanOrEqual(emu.db.get('users', id)!.capacity as number);
    }
  };

  let presales: Chat[];
  let aftersales: Chat[];

  it('lists queued conversations first in queue order with positions, then assigned ones by assignment time', async () => {
    expect(await active(sup)).toEqual([]);
    data(await emu.call(sup, 'routing', { action: 'setCapacity', openid: 'demo-agent-1', capacity: 2 }));
    data(await emu.call(a1, 'desk', { action: 'setStatus', status: 'online' }));
    presales = [];
    for (let i = 0; i < 3; i++) presales.push(await handoff({ category: 'cat-product' }));
    // Aftersales (the default group) has nobody online: both wait; the VIP goes first.
    aftersales = [await handoff(), await handoff({ vip: true })];

    const list = await active(sup);
    expect(list.map((a) => [a.conversationId, a.status, a.position])).toEqual([
      [presales[2].conversationId, 'queued', 1],
      [aftersales[1].conversationId, 'queued', 1],
      [aftersales[0].conversationId, 'queued', 2],
      [presales[0].conversationId, 'assigned', undefined],
      [presales[1].conversationId, 'assigned', undefined],
    ]);
    expect(list[1]).toMatchObject({ groupId: 'grp-aftersales', groupName: '售后服务', vip: true });
    expect(list[1]).not.toHaveProperty('agentId');
    expect(list[3]).toMatchObject({ agentId: 'demo-agent-1', agentName: '客服小暖', groupName: '售前咨询', groupId: 'grp-presales' });
    expect(new Date(list[3].assignedAt!).getTime()).toBeLessThanOrEqual(new Date(list[4].assignedAt!).getTime());

    // One group only.
    expect((await active(sup, 'grp-aftersales')).map((a) => a.conversationId)).toEqual([aftersales[1].conversationId, aftersales[0].conversationId]);
    expect((await active(sup, 'grp-presales')).map((a) => a.status)).toEqual(['queued', 'assigned', 'assigned']);
    // The admin sees the same.
    const admin = await emu.login('admin', { openid: 'demo-admin' });
    expect((await active(admin)).map((a) => a.conversationId)).toEqual(list.map((a) => a.conversationId));
  });

  it('refuses agents, QA, customers and bad input', async () => {
    const qa = await emu.login('qa', { openid: 'demo-qa' });
    for (const token of [a1, qa, presales[0].token]) expect(errorCode(await emu.call(token, 'routing', { action: 'active' }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(sup, 'routing', { action: 'active', groupId: 'no-such-group' }))).toBe('NOT_FOUND');
    expect(errorCode(await emu.call(sup, 'routing', { action: 'active', groupId: 'bad group!' }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(sup, 'routing', { action: 'active', groupId: 7 }))).toBe('INVALID_INPUT');
  });

  it('a supervisor moves an agent’s conversation to another online agent; capacity stays exact', async () => {
    // Agent 2 comes online and takes the one waiting in presales at once.
    data(await emu.call(a2, 'desk', { action: 'setStatus', status: 'online' }));
    expect(conv(emu, presales[2].conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-2' });
    expect([load(emu, 'demo-agent-1'), load(emu, 'demo-agent-2')]).toEqual([2, 1]);
    capacityHolds();

    const moved = presales[0].conversationId;
    const res = data<{ status: string; agentId: string }>(await emu.call(sup, 'desk', { action: 'transfer', conversationId: moved, toAgentId: 'demo-agent-2', note: '主管调配：小暖接待已满' }));
    expect(res).toMatchObject({ status: 'assigned', agentId: 'demo-agent-2' });
    expect(conv(emu, moved)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-2' });
    expect([load(emu, 'demo-agent-1'), load(emu, 'demo-agent-2')]).toEqual([1, 2]);
    capacityHolds();
    expect(eventsOf(emu, moved, 'transferred')).toEqual([expect.objectContaining({ agentId: 'demo-agent-2', fromAgentId: 'demo-agent-1' })]);

    const line = (await active(sup)).find((a) => a.conversationId === moved)!;
    expect(line).toMatchObject({ agentId: 'demo-agent-2', agentName: '客服小居' });
    // The new agent may reply; the old one may not any more.
    data(await emu.call(a2, 'desk', { action: 'reply', conversationId: moved, text: '您好，我来继续为您服务。' }));
    expect(errorCode(await emu.call(a1, 'desk', { action: 'reply', conversationId: moved, text: '还在吗' }))).toBe('NOT_FOUND');
  });

  it('a move to someone full or offline is refused and changes nothing', async () => {
    data(await emu.call(sup, 'routing', { action: 'setCapacity', openid: 'demo-agent-2', capacity: 2 }));
    const snapshot = () => JSON.stringify([emu.db.find('conversations', {}, { sort: { _id: 1 } }), emu.db.find('agent_load', {}, { sort: { _id: 1 } }), emu.db.count('messages')]);
    const stays = presales[1].conversationId;
    const before = snapshot();
    // Agent 2 is at capacity (2 of 2); agent 3 (aftersales) is offline.
    expect(errorCode(await emu.call(sup, 'desk', { action: 'transfer', conversationId: stays, toAgentId: 'demo-agent-2' }))).toBe('CONFLICT');
    expect(errorCode(await emu.call(sup, 'desk', { action: 'transfer', conversationId: stays, toAgentId: 'demo-agent-3' }))).toBe('CONFLICT');
    expect(errorCode(await emu.call(sup, 'desk', { action: 'transfer', conversationId: stays, toAgentId: 'demo-agent-1' }))).toBe('CONFLICT');
    // Queued conversations are not reassigned with transfer (they are claimed or routed): nobody holds one yet.
    expect(errorCode(await emu.call(sup, 'desk', { action: 'transfer', conversationId: aftersales[0].conversationId, toAgentId: 'demo-agent-2' }))).toBe('CONFLICT');
    expect(snapshot()).toBe(before);
    capacityHolds();

    // Across groups: an aftersales agent online takes the move (and the aftersales queue).
    const a3 = await agentToken(emu, 3);
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
    expect((await active(sup, 'grp-aftersales')).every((a) => a.status === 'assigned' && a.agentId === 'demo-agent-3')).toBe(true);
    data(await emu.call(sup, 'desk', { action: 'transfer', conversationId: stays, toAgentId: 'demo-agent-3' }));
    expect(conv(emu, stays)).toMatchObject({ agentId: 'demo-agent-3', groupId: 'grp-presales' });
    capacityHolds();
    expect((await active(sup)).filter((a) => a.status === 'queued')).toEqual([]);
    expect((await active(sup)).map((a) => a.agentId).sort()).toEqual(['demo-agent-2', 'demo-agent-2', 'demo-agent-3', 'demo-agent-3', 'demo-agent-3']);
  });
});
