// Agent presence through the functions: desk.heartbeat (and setStatus, inbox) stamp users.lastSeenAt;
// routing skips staff not heard from within presenceTimeoutSec; the routing timer sets them offline
// with the effect of going offline themselves (conversations back to the front of the queue and to
// someone else at once, returned_to_queue events, the system line, agent_status).
// Staleness is produced by moving lastSeenAt into the past in the database, not by waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, assignedCount, conv, eventsOf, load, messagesOf, newChat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const LONG_AGO = () => new Date(Date.now() - 10 * 60_000);

describe('agent presence', () => {
  let emu: TestEmulator;
  let a3: string;
  let a4: string;
  let sup: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    a3 = await agentToken(emu, 3);
    a4 = await agentToken(emu, 4);
    sup = await emu.login('supervisor');
  });
  afterAll(async () => {
    await emu?.close();
  });

  const lastSeen = (openid: string) => emu.db.get('users', openid)?.lastSeenAt as Date | undefined;
  const tick = async () => data<{ offline: number; returned: number; assigned: number }>(await emu.call(sup, 'routing', { action: 'tick' }));

  it('desk.heartbeat stamps presence for desk staff only, and answers the status and the timeout', async () => {
    const before = Date.now();
    const beat = data<{ status: string; presenceTimeoutSec: number }>(await emu.call(a3, 'desk', { action: 'heartbeat' }));
    expect(beat).toEqual({ status: 'offline', presenceTimeoutSec: 120 });
    expect(lastSeen('demo-agent-3')!.getTime()).toBeGreaterThanOrEqual(before);
    const customer = await emu.login('customer', { openid: 'presence-customer' });
    expect(errorCode(await emu.call(customer, 'desk', { action: 'heartbeat' }))).toBe('FORBIDDEN');
    expect(emu.db.get('users', 'presence-customer')?.lastSeenAt).toBeUndefined();
  });

  it('setStatus and inbox count as signs of life', async () => {
    emu.db.update('users', 'demo-agent-3', { lastSeenAt: LONG_AGO() });
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'away' }));
    expect(Date.now() - lastSeen('demo-agent-3')!.getTime()).toBeLessThan(5_000);
    emu.db.update('users', 'demo-agent-3', { lastSeenAt: LONG_AGO() });
    data(await emu.call(a3, 'desk', { action: 'inbox' }));
    expect(Date.now() - lastSeen('demo-agent-3')!.getTime()).toBeLessThan(5_000);
  });

  it('routing skips an online agent not heard from; the timer sets them offline and their conversations go to the front and to a colleague', async () => {
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
    data(await emu.call(a4, 'desk', { action: 'setStatus', status: 'offline' }));
    // Only agent 4 online: the first customer goes to them.
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'offline' }));
    data(await emu.call(a4, 'desk', { action: 'setStatus', status: 'online' }));
    const first = await newChat(emu, { category: 'cat-repair' });
    data(await emu.call(first.token, 'session', { action: 'handoff', conversationId: first.conversationId }));
    expect(conv(emu, first.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-4' });

    // Agent 4 closes the app: no more beats. Agent 3 comes online.
    emu.db.update('users', 'demo-agent-4', { lastSeenAt: LONG_AGO() });
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
    // Agent 4 is still `online` and less loaded… but gone: the next customers go to agent 3 only.
    const next = [await newChat(emu, { category: 'cat-repair' }), await newChat(emu, { category: 'cat-repair' })];
    for (const c of next) {
      data(await emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));
      expect(conv(emu, c.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-3' });
    }
    expect(emu.db.get('users', 'demo-agent-4')?.status).toBe('online');

    const statusEventsBefore = emu.db.count('events', { type: 'agent_status', agentId: 'demo-agent-4', status: 'offline' });
    const result = await tick();
    expect(result).toMatchObject({ offline: 1, returned: 1 });
    expect(emu.db.get('users', 'demo-agent-4')?.status).toBe('offline');
    expect(emu.db.count('events', { type: 'agent_status', agentId: 'demo-agent-4', status: 'offline' })).toBe(statusEventsBefore + 1);
    expect(assignedCount(emu, 'demo-agent-4')).toBe(0);
    expect(load(emu, 'demo-agent-4')).toBe(0);
    // Back at the front of the queue and to agent 3 at once (room for 5).
    expect(conv(emu, first.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-3' });
    expect(eventsOf(emu, first.conversationId, 'returned_to_queue')).toEqual([expect.objectContaining({ fromAgentId: 'demo-agent-4' })]);
    expect(messagesOf(emu, first.conversationId).some((m) => m.from === 'system' && String(m.text).includes('排队位置已保留在最前'))).toBe(true);
    expect(load(emu, 'demo-agent-3')).toBe(assignedCount(emu, 'demo-agent-3'));
    // Nothing more to do on the next pass.
    expect(await tick()).toMatchObject({ offline: 0, returned: 0 });
  });

  it('with nobody else there, the conversations of a gone agent wait at the front of the queue', async () => {
    const waiting = await newChat(emu, { category: 'cat-repair' });
    // Fill agent 3 (capacity 5) so a newcomer has to queue.
    while (assignedCount(emu, 'demo-agent-3') < 5) {
      const c = await newChat(emu, { category: 'cat-repair' });
      data(await emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));
    }
    data(await emu.call(waiting.token, 'session', { action: 'handoff', conversationId: waiting.conversationId }));
    expect(conv(emu, waiting.conversationId).status).toBe('queued');
    const held = emu.db.find('conversations', { status: 'assigned', agentId: 'demo-agent-3' }).map((c) => String(c._id));

    emu.db.update('users', 'demo-agent-3', { lastSeenAt: LONG_AGO() });
    expect(await tick()).toMatchObject({ offline: 1, returned: held.length });
    expect(assignedCount(emu, 'demo-agent-3')).toBe(0);
    expect(load(emu, 'demo-agent-3')).toBe(0);
    for (const id of held) expect(conv(emu, id)).toMatchObject({ status: 'queued', front: true, agentId: null });
    // The returned ones are ahead of the customer who was already waiting.
    const manager = await emu.login('supervisor');
    const queue = data<{ queue: Array<{ conversationId: string }> }>(await emu.call(manager, 'desk', { action: 'inbox' })).queue.map((q) => q.conversationId);
    const position = (id: string) => queue.indexOf(id);
    for (const id of held) expect(position(id)).toBeLessThan(position(waiting.conversationId));
  });

  it('a beat in time keeps an agent online; an away agent not heard from goes offline too', async () => {
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
    emu.db.update('users', 'demo-agent-3', { lastSeenAt: LONG_AGO() });
    data(await emu.call(a3, 'desk', { action: 'heartbeat' }));
    expect((await tick()).offline).toBe(0);
    expect(emu.db.get('users', 'demo-agent-3')?.status).toBe('online');

    data(await emu.call(a4, 'desk', { action: 'setStatus', status: 'away' }));
    emu.db.update('users', 'demo-agent-4', { lastSeenAt: LONG_AGO() });
    expect((await tick()).offline).toBe(1);
    expect(emu.db.get('users', 'demo-agent-4')?.status).toBe('offline');
  });

  it('presenceTimeoutSec is a routing setting supervisors change (5–3600 s)', async () => {
    expect(errorCode(await emu.call(sup, 'routing', { action: 'saveSettings', presenceTimeoutSec: 4 }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(a3, 'routing', { action: 'saveSettings', presenceTimeoutSec: 300 }))).toBe('FORBIDDEN');
    expect(data<{ presenceTimeoutSec: number }>(await emu.call(sup, 'routing', { action: 'saveSettings', presenceTimeoutSec: 300 })).presenceTimeoutSec).toBe(300);
    expect(data<{ presenceTimeoutSec: number }>(await emu.call(a3, 'routing', { action: 'settings' })).presenceTimeoutSec).toBe(300);
    // Seen 4 minutes ago: present under a 5-minute timeout.
    emu.db.update('users', 'demo-agent-3', { lastSeenAt: new Date(Date.now() - 4 * 60_000) });
    expect((await tick()).offline).toBe(0);
    expect(data<{ presenceTimeoutSec: number }>(await emu.call(a3, 'desk', { action: 'heartbeat' })).presenceTimeoutSec).toBe(300);
  });
});
