// Ids that name what a customer owns are not guessable, and roles stay in admins' hands: only admins
// grant staff roles, and the last admin can never be removed — also not by two admins demoting each
// other at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

const dayPlus = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** 32 hex digits (128 bits), all distinct, and nothing like a counter or a timestamp prefix. */
function expectRandomIds(kind: string, ids: string[]): void {
  expect(ids.length, kind).toBeGreaterThanOrEqual(8);
  for (const id of ids) expect(id, kind).toMatch(/^[0-9a-f]{32}$/);
  expect(new Set(ids).size, `${kind}: distinct`).toBe(ids.length);
  // ObjectId-like ids (time + machine + counter) share their leading digits within a second.
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) expect(ids[i]!.slice(0, 8), `${kind}: shared prefix`).not.toBe(ids[j]!.slice(0, 8));
  // Not sequential: consecutive ids (in creation order) are not a constant step apart, nor 1 apart.
  const steps = ids.slice(1).map((id, i) => BigInt(`0x${id}`) - BigInt(`0x${ids[i]!}`));
  expect(new Set(steps.map(String)).size, `${kind}: constant step`).toBeGreaterThan(1);
  for (const step of steps) expect(step === 1n || step === -1n, `${kind}: off by one`).toBe(false);
  // Every hex digit turns up over the batch (a fixed or low-entropy part would leave gaps).
  expect(new Set(ids.join('')).size, `${kind}: digits used`).toBe(16);
}

describe('ids are not guessable', () => {
  it('conversations, messages, appointments, left messages and quick replies get 128 random bits', async () => {
    const conversations: string[] = [];
    const appointments: string[] = [];
    const left: string[] = [];
    const slots = data<Array<{ start: string; remaining: number }>>(await emu.call(await emu.login('customer'), 'appointment', { action: 'slots', serviceId: 'svc-install', date: dayPlus(4) }));
    for (let i = 0; i < 10; i++) {
      const token = await emu.login('customer', { openid: `ids-${i}` });
      const started = data<{ conversationId: string }>(await emu.call(token, 'session', { action: 'start', text: `第${i}个问题` }));
      conversations.push(started.conversationId);
      const booked = data<{ id: string }>(await emu.call(token, 'appointment', { action: 'book', serviceId: 'svc-install', start: slots[i % slots.length]!.start, name: '王先生', phone: '13812348000' }));
      appointments.push(booked.id);
      left.push(data<{ id: string }>(await emu.call(token, 'session', { action: 'leaveMessage', text: '请回电' })).id);
    }
    const messages = emu.db
      .find('messages', {}, { sort: { createdAt: 1 } })
      .filter((m) => conversations.includes(String(m.conversationId)))
      .map((m) => String(m._id));
    const agent = await emu.login('agent', { openid: 'demo-agent-3' });
    const replies: string[] = [];
    for (let i = 0; i < 8; i++) replies.push(data<{ id: string }>(await emu.call(agent, 'desk', { action: 'saveQuickReply', scope: 'personal', title: `话术${i}`, text: '您好' })).id);
    expectRandomIds('conversations', conversations);
    expectRandomIds('messages', messages);
    expectRandomIds('appointments', appointments);
    expectRandomIds('left messages', left);
    expectRandomIds('quick replies', replies);
  });

  it('export jobs and invitations: 96 random bits', async () => {
    const admin = await emu.login('admin');
    const jobs: string[] = [];
    const invites: string[] = [];
    for (let i = 0; i < 8; i++) {
      jobs.push(data<{ id: string }>(await emu.call(admin, 'admin', { action: 'exportStart', kind: 'appointments', format: 'csv', from: dayPlus(0), to: dayPlus(0) })).id);
      invites.push(data<{ id: string }>(await emu.call(admin, 'admin', { action: 'invite', role: 'agent' })).id);
    }
    for (const id of [...jobs, ...invites]) expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set([...jobs, ...invites]).size).toBe(16);
  });
});

describe('roles', () => {
  it('only admins grant staff roles or invite; supervisors, agents, QA and customers cannot', async () => {
    const target = await emu.login('customer', { openid: 'role-target' });
    const invites = emu.db.count('invites');
    for (const role of ['customer', 'agent', 'qa', 'supervisor']) {
      const token = await emu.login(role);
      for (const grant of ['admin', 'supervisor', 'agent']) {
        expect(errorCode(await emu.call(token, 'admin', { action: 'setRole', openid: 'role-target', role: grant })), `${role} → ${grant}`).toBe('FORBIDDEN');
        expect(errorCode(await emu.call(token, 'admin', { action: 'invite', role: grant })), `${role} invites`).toBe('FORBIDDEN');
      }
    }
    expect(emu.db.get('users', 'role-target')?.role).toBe('customer');
    expect(emu.db.count('invites')).toBe(invites);
    expect(data(await emu.call(target, 'admin', { action: 'whoami' }))).toMatchObject({ role: 'customer' });
    // An admin may.
    data(await emu.call(await emu.login('admin'), 'admin', { action: 'setRole', openid: 'role-target', role: 'agent' }));
    expect(emu.db.get('users', 'role-target')?.role).toBe('agent');
  });

  it('the last admin cannot demote themself', async () => {
    const admins = () => emu.db.find('users', { role: 'admin' }).map((u) => String(u._id));
    expect(admins()).toEqual(['demo-admin']);
    const admin = await emu.login('admin', { openid: 'demo-admin' });
    for (const role of ['customer', 'agent', 'supervisor']) {
      expect(errorCode(await emu.call(admin, 'admin', { action: 'setRole', openid: 'demo-admin', role }))).toBe('CONFLICT');
    }
    expect(admins()).toEqual(['demo-admin']);
  });

  it('two admins demoting each other at the same moment: exactly one stays admin (20 rounds)', async () => {
    const first = await emu.login('admin', { openid: 'demo-admin' });
    for (let round = 0; round < 20; round++) {
      const second = `second-admin-${round}`;
      await emu.login('customer', { openid: second });
      data(await emu.call(first, 'admin', { action: 'setRole', openid: second, role: 'admin' }));
      const secondToken = await emu.login('admin', { openid: second });
      const [a, b] = await Promise.all([
        emu.call(first, 'admin', { action: 'setRole', openid: second, role: 'agent' }),
        emu.call(secondToken, 'admin', { action: 'setRole', openid: 'demo-admin', role: 'agent' }),
      ]);
      const admins = emu.db.find('users', { role: 'admin' }).map((u) => String(u._id));
      expect(admins, `round ${round}: ${JSON.stringify([a.body, b.body])}`).toHaveLength(1);
      // The winner's call succeeded; the loser's was refused (it was no longer an admin when it committed).
      expect([a.body.ok, b.body.ok].filter(Boolean)).toHaveLength(1);
      const loser = a.body.ok ? b : a;
      expect(['FORBIDDEN', 'CONFLICT']).toContain(errorCode(loser));
      // Put demo-admin back for the next round (by whoever won).
      if (admins[0] !== 'demo-admin') {
        data(await emu.call(secondToken, 'admin', { action: 'setRole', openid: 'demo-admin', role: 'admin' }));
        data(await emu.call(first, 'admin', { action: 'setRole', openid: second, role: 'customer' }));
      }
      expect(emu.db.find('users', { role: 'admin' }).map((u) => String(u._id))).toEqual(['demo-admin']);
    }
  }, 120_000);

  it('two admins each demoting themselves at the same moment: one stays', async () => {
    const first = await emu.login('admin', { openid: 'demo-admin' });
    await emu.login('customer', { openid: 'self-demoter' });
    data(await emu.call(first, 'admin', { action: 'setRole', openid: 'self-demoter', role: 'admin' }));
    const second = await emu.login('admin', { openid: 'self-demoter' });
    const results = await Promise.all([
      emu.call(first, 'admin', { action: 'setRole', openid: 'demo-admin', role: 'agent' }),
      emu.call(second, 'admin', { action: 'setRole', openid: 'self-demoter', role: 'agent' }),
    ]);
    expect(emu.db.count('users', { role: 'admin' })).toBe(1);
    expect(results.filter((r) => r.body.ok)).toHaveLength(1);
  });
});
