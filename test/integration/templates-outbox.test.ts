// Who sees which records of the staff outbox (templates.outbox), through the real functions: managers
// every record; an agent the records about what they may see at the desk now — the conversations they
// hold, their groups' left messages, the appointment schedule — and nothing else, with full pages even
// behind many records they may not see. QA and customers may not read it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

type Rec = { id: string; event: string; status: string; touser: string; createdAt: string; data: Record<string, { value: string }> };

describe('templates.outbox: scoped like the desk', () => {
  let emu: TestEmulator;
  let a1: string; // presales
  let a3: string; // aftersales
  let a4: string; // aftersales
  let qa: string;
  let supervisor: string;
  let admin: string;

  /** The ids of the records a caller's outbox lists. */
  const listed = async (token: string, extra: Record<string, unknown> = {}) => data<Rec[]>(await emu.call(token, 'templates', { action: 'outbox', limit: 200, ...extra })).map((r) => r.id);
  const recordOf = (touser: string, event: string) => {
    const found = emu.db.find('notifications', { touser, event });
    expect(found, `${event} for ${touser}`).toHaveLength(1);
    return String(found[0]!._id);
  };
  /** An assigned conversation of `category` whose agent replies while the customer is away: one agent_replied record. */
  const repliedWhileAway = async (category: string, agent: string, agentId: string): Promise<Chat & { record: string }> => {
    const chat = await newChat(emu, { category, prefix: 'ob' });
    data(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
    expect(emu.db.get('conversations', chat.conversationId)).toMatchObject({ status: 'assigned', agentId });
    emu.db.update('conversations', chat.conversationId, { customerSeenAt: new Date(Date.now() - 120_000) });
    data(await emu.call(agent, 'desk', { action: 'reply', conversationId: chat.conversationId, text: '您好，已为您查询' }));
    return { ...chat, record: recordOf(chat.openid, 'agent_replied') };
  };
  /** A left message for the group of `category`, answered by `agent`: one message_answered record. */
  const answeredMessage = async (category: string, agent: string): Promise<string> => {
    const chat = await newChat(emu, { category, prefix: 'ob' });
    const left = data<{ id: string }>(await emu.call(chat.token, 'session', { action: 'leaveMessage', conversationId: chat.conversationId, text: '请回电 13812348000' }));
    data(await emu.call(agent, 'desk', { action: 'answerMessage', id: left.id, text: '已为您登记' }));
    return recordOf(chat.openid, 'message_answered');
  };
  /** Stored records as notify() writes them, `createdAt` from now on, one millisecond apart. */
  const insertRecords = (n: number, subject: { kind: string; id: string } | undefined, touser = `ob-bulk-${randomBytes(4).toString('hex')}`) => {
    const at = Date.now();
    return emu.db.insert(
      'notifications',
      Array.from({ length: n }, (_, i) => ({
        touser,
        event: 'agent_replied',
        templateId: 'tmpl-agent-replied',
        page: '',
        data: {},
        status: 'skipped_no_grant',
        reason: '用户没有订阅此消息（没有可用的一次性授权）',
        createdAt: new Date(at + i),
        day: '2026-12-01',
        ...(subject ? { subject } : {}),
      })),
    );
  };

  beforeAll(async () => {
    emu = await startTestEmulator();
    for (const id of ['demo-agent-2', 'demo-agent-4', 'demo-supervisor']) emu.db.update('users', id, { status: 'offline' });
    a1 = await agentToken(emu, 1);
    a3 = await agentToken(emu, 3);
    a4 = await agentToken(emu, 4);
    qa = await emu.login('qa');
    supervisor = await emu.login('supervisor');
    admin = await emu.login('admin');
    for (const id of ['demo-agent-1', 'demo-agent-3']) emu.db.update('users', id, { capacity: 50 });
    data(await emu.call(a1, 'desk', { action: 'setStatus', status: 'online' }));
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('conversations: the agent who holds it and managers; not a colleague of the same group, not another group', async () => {
    const aftersales = await repliedWhileAway('cat-install', a3, 'demo-agent-3');
    const presales = await repliedWhileAway('cat-product', a1, 'demo-agent-1');
    const a3sees = await listed(a3);
    expect(a3sees).toContain(aftersales.record);
    expect(a3sees).not.toContain(presales.record);
    const a1sees = await listed(a1);
    expect(a1sees).toContain(presales.record);
    expect(a1sees).not.toContain(aftersales.record);
    // Same group, not theirs: the desk does not show it to them, so neither does the outbox.
    expect(await listed(a4)).not.toContain(aftersales.record);
    for (const manager of [supervisor, admin]) expect(await listed(manager)).toEqual(expect.arrayContaining([aftersales.record, presales.record]));
  });

  it('left messages: every desk member of its group and managers; nobody of another group', async () => {
    const aftersales = await answeredMessage('cat-repair', a4);
    const presales = await answeredMessage('cat-order', a1);
    for (const agent of [a3, a4]) {
      const sees = await listed(agent);
      expect(sees).toContain(aftersales);
      expect(sees).not.toContain(presales);
    }
    const a1sees = await listed(a1);
    expect(a1sees).toContain(presales);
    expect(a1sees).not.toContain(aftersales);
    for (const manager of [supervisor, admin]) expect(await listed(manager)).toEqual(expect.arrayContaining([aftersales, presales]));
    // The values stay masked for staff.
    const rec = data<Rec[]>(await emu.call(a3, 'templates', { action: 'outbox', limit: 200 })).find((r) => r.id === aftersales)!;
    expect(JSON.stringify(rec.data)).not.toContain('13812348000');
  });

  it('appointments: the schedule is every desk member’s, so are its records; QA and customers may not read the outbox', async () => {
    const chat = await newChat(emu, { prefix: 'ob' });
    const date = new Date(Date.now() + 8 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
    const slots = data<Array<{ start: string; remaining: number }>>(await emu.call(chat.token, 'appointment', { action: 'slots', serviceId: 'svc-install', date }));
    const start = slots.find((s) => s.remaining > 0)!.start;
    const appt = data<{ id: string }>(await emu.call(chat.token, 'appointment', { action: 'book', serviceId: 'svc-install', start, name: '王先生', phone: '13812348000' }));
    data(await emu.call(supervisor, 'appointment', { action: 'confirm', id: appt.id }));
    const record = recordOf(chat.openid, 'appointment_confirmed');
    for (const token of [a1, a3, a4, supervisor, admin]) expect(await listed(token)).toContain(record);
    expect(errorCode(await emu.call(qa, 'templates', { action: 'outbox' }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(chat.token, 'templates', { action: 'outbox' }))).toBe('FORBIDDEN');
  });

  it('the rule is the desk’s now: a transferred conversation’s records go with it to the new agent', async () => {
    const chat = await repliedWhileAway('cat-usage', a3, 'demo-agent-3');
    data(await emu.call(a4, 'desk', { action: 'setStatus', status: 'online' }));
    try {
      expect(await listed(a4)).not.toContain(chat.record);
      data(await emu.call(a3, 'desk', { action: 'transfer', conversationId: chat.conversationId, toAgentId: 'demo-agent-4' }));
      expect(emu.db.get('conversations', chat.conversationId)).toMatchObject({ agentId: 'demo-agent-4' });
      expect(await listed(a4)).toContain(chat.record);
      expect(await listed(a3)).not.toContain(chat.record);
    } finally {
      data(await emu.call(a4, 'desk', { action: 'setStatus', status: 'offline' }));
    }
  });

  it('a record about nothing (written before subjects were kept) or about something gone: managers only', async () => {
    const [legacy] = insertRecords(1, undefined);
    const [gone] = insertRecords(1, { kind: 'conversation', id: randomBytes(16).toString('hex') });
    const [goneAppointment] = insertRecords(1, { kind: 'appointment', id: randomBytes(16).toString('hex') });
    for (const agent of [a1, a3, a4]) {
      const sees = await listed(agent);
      for (const id of [legacy, gone, goneAppointment]) expect(sees).not.toContain(id);
    }
    for (const manager of [supervisor, admin]) expect(await listed(manager)).toEqual(expect.arrayContaining([legacy, gone, goneAppointment]));
  });

  it('full pages, newest first: an agent behind hundreds of newer records they may not see still gets `limit` of theirs', async () => {
    const older = await repliedWhileAway('cat-install', a3, 'demo-agent-3');
    const newer = await repliedWhileAway('cat-install', a3, 'demo-agent-3');
    const presales = await repliedWhileAway('cat-product', a1, 'demo-agent-1');
    // More than two batches of newer records about a conversation a3 may not see.
    const hidden = insertRecords(450, { kind: 'conversation', id: presales.conversationId });
    const page = data<Rec[]>(await emu.call(a3, 'templates', { action: 'outbox', limit: 2 }));
    expect(page.map((r) => r.id)).toEqual([newer.record, older.record]);
    expect(page.every((r) => /^.{1,4}\*\*\*$/.test(r.touser))).toBe(true);
    // With a status filter too (the hidden records share a3's status).
    const skipped = await listed(a3, { status: 'skipped_no_grant', limit: 200 });
    expect(skipped).toEqual(expect.arrayContaining([newer.record, older.record]));
    for (const id of hidden.slice(-5)) expect(skipped).not.toContain(id);
    expect(await listed(a3, { status: 'sent' })).not.toContain(newer.record);
    // A manager's page is the newest records of all.
    const managerPage = await listed(admin, { limit: 3 });
    expect(managerPage).toEqual([...hidden].reverse().slice(0, 3));
  });
});
