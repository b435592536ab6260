// Personal data at the desk (issue 7): staff see phone, ID-card and bank-card numbers and email addresses
// masked in what customers wrote (desk.conversation, the inbox, the supervisors' list, left messages,
// appointments, the customer panel); the customer sees their own as written. Opening one record (desk.reveal,
// desk.revealCustomer, desk.revealLeftMessage, appointment.revealContact) returns it whole and writes exactly one audit entry
// (`data.unmask`, without the values); a caller who may not see the record is refused and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDay } from '../../core/appointments';
import { agentToken, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const PHONE = '13812348000';
const ID_CARD = '110101199003071234';
const BANK_CARD = '4111111111111111';
const EMAIL = 'li.lei@example.com';
const PERSONAL = `我的手机${PHONE}，身份证${ID_CARD}，卡号${BANK_CARD}，邮箱${EMAIL}`;
const MASKED = '我的手机138****8000，身份证110***********1234，卡号4111********1111，邮箱l***@example.com';
const RAW = [PHONE, ID_CARD, BANK_CARD, EMAIL];

interface Message {
  id: string;
  from: string;
  text: string;
  kind: string;
  masked?: boolean;
}
interface AuditRow {
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: Record<string, unknown>;
}

const containsRaw = (value: unknown) => RAW.some((raw) => JSON.stringify(value).includes(raw));

describe('personal data masked for staff, revealed on request (logged)', () => {
  let emu: TestEmulator;
  let a1: string;
  let a3: string;
  let a4: string;
  let supervisor: string;
  let chat: Chat;
  let messageId: string;

  const audits = () => emu.db.find('audit_log', { action: 'data.unmask' }) as unknown as AuditRow[];
  const auditCount = () => emu.db.count('audit_log', {});
  const desk = (token: string, event: Record<string, unknown>) => emu.call(token, 'desk', event);
  const deskView = async (token: string) => data<{ messages: Message[] }>(await desk(token, { action: 'conversation', conversationId: chat.conversationId }));

  /** Refused with `code`, and the audit log is as it was. */
  async function refused(res: Promise<{ body: Record<string, unknown> }>, code: string) {
    const before = auditCount();
    expect(errorCode(await res)).toBe(code);
    expect(auditCount()).toBe(before);
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    supervisor = await emu.login('supervisor');
    a1 = await agentToken(emu, 1); // presales: another group
    a3 = await agentToken(emu, 3); // aftersales, the default group
    a4 = await agentToken(emu, 4); // aftersales, not the conversation's agent
    data(await desk(a3, { action: 'setStatus', status: 'online' }));
    chat = await newChat(emu);
    data(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: PERSONAL }));
    expect(emu.db.get('conversations', chat.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-3' });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('the agent sees the customer message masked and flagged; the inbox and the supervisors’ list too', async () => {
    const view = await deskView(a3);
    const msg = view.messages.find((m) => m.from === 'customer' && m.text.startsWith('我的手机'))!;
    expect(msg).toMatchObject({ text: MASKED, masked: true });
    messageId = msg.id;
    expect(containsRaw(view)).toBe(false);

    const inbox = data<{ assigned: Array<{ conversationId: string; lastText: string }> }>(await desk(a3, { action: 'inbox' }));
    expect(inbox.assigned.find((c) => c.conversationId === chat.conversationId)?.lastText).toBe(MASKED);
    expect(containsRaw(inbox)).toBe(false);

    const active = data<Array<{ conversationId: string; lastText: string }>>(await emu.call(supervisor, 'routing', { action: 'active' }));
    expect(active.find((c) => c.conversationId === chat.conversationId)?.lastText).toBe(MASKED);
    expect(containsRaw(await deskView(supervisor))).toBe(false);
  });

  it('the customer sees their own message as written', async () => {
    const history = data<{ messages: Message[] }>(await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }));
    const mine = history.messages.find((m) => m.id === messageId)!;
    expect(mine.text).toBe(PERSONAL);
    expect(mine.masked).toBeUndefined();
    const list = data<Array<{ conversationId: string; lastText: string }>>(await emu.call(chat.token, 'session', { action: 'mine' }));
    expect(list.find((c) => c.conversationId === chat.conversationId)?.lastText).toBe(PERSONAL);
  });

  it('desk.reveal returns the original and writes exactly one audit entry without the values', async () => {
    const before = audits().length;
    const total = auditCount();
    const shown = data<{ messageId: string; conversationId: string; text: string }>(await desk(a3, { action: 'reveal', conversationId: chat.conversationId, messageId }));
    expect(shown).toEqual({ messageId, conversationId: chat.conversationId, text: PERSONAL });
    expect(auditCount()).toBe(total + 1);
    const entries = audits();
    expect(entries).toHaveLength(before + 1);
    const entry = entries.find((e) => e.target === `messages/${messageId}`)!;
    expect(entry).toMatchObject({
      actor: 'demo-agent-3',
      action: 'data.unmask',
      before: null,
      after: { conversationId: chat.conversationId, fields: ['text'], kinds: ['email', 'idCard', 'bankCard', 'phone'], role: 'agent' },
    });
    expect(containsRaw(entry)).toBe(false);
    expect(JSON.stringify(entry)).not.toContain('我的手机');
    // The admin reads it in the audit log.
    const log = data<AuditRow[]>(await emu.call(await emu.login('admin'), 'admin', { action: 'audit', limit: 10 }));
    expect(log.some((e) => e.action === 'data.unmask' && e.target === `messages/${messageId}`)).toBe(true);
    // The desk view stays masked after a reveal: every opening is its own, logged.
    expect((await deskView(a3)).messages.find((m) => m.id === messageId)?.text).toBe(MASKED);
  });

  it('a manager may reveal too; their entry names them', async () => {
    data(await desk(supervisor, { action: 'reveal', conversationId: chat.conversationId, messageId }));
    expect(audits().filter((e) => e.target === `messages/${messageId}` && e.actor !== 'demo-agent-3')).toHaveLength(1);
  });

  it('reveals by those who may not view the conversation are refused and write nothing', async () => {
    const reveal = { action: 'reveal', conversationId: chat.conversationId, messageId };
    await refused(desk(chat.token, reveal), 'FORBIDDEN'); // the customer: not desk staff
    const other = await newChat(emu);
    await refused(desk(other.token, reveal), 'FORBIDDEN'); // another customer
    // Staff who may not see the conversation are told it does not exist (the answer of an unknown id).
    await refused(desk(a1, reveal), 'NOT_FOUND'); // an agent of another group
    await refused(desk(a4, reveal), 'NOT_FOUND'); // same group, but assigned to someone else
    await refused(desk(await emu.login('qa'), reveal), 'FORBIDDEN'); // QA reviews masked
    await refused(desk(a3, { ...reveal, messageId: 'no-such-message' }), 'NOT_FOUND');
    await refused(desk(a3, { ...reveal, conversationId: 'no-such-conversation' }), 'NOT_FOUND');
    // A message of another conversation, named with one the caller may view.
    data(await emu.call(other.token, 'session', { action: 'send', conversationId: other.conversationId, text: `别人的手机 ${PHONE}` }));
    const foreign = (emu.db.find('messages', { conversationId: other.conversationId, from: 'customer' }) as Array<{ _id: string }>)[0]!;
    await refused(desk(a3, { ...reveal, messageId: foreign._id }), 'NOT_FOUND');
    await refused(desk(a3, { action: 'reveal', conversationId: chat.conversationId }), 'INVALID_INPUT');
  });

  it('left messages: masked text and phone for staff, as written for the customer; revealLeftMessage logged', async () => {
    const left = data<{ id: string; text: string; phone: string }>(
      await emu.call(chat.token, 'session', { action: 'leaveMessage', text: `请回电，或发邮件到 ${EMAIL}`, phone: PHONE }),
    );
    const mine = data<Array<{ id: string; text: string; phone: string }>>(await emu.call(chat.token, 'session', { action: 'myMessages' }));
    expect(mine.find((m) => m.id === left.id)).toMatchObject({ text: `请回电，或发邮件到 ${EMAIL}`, phone: PHONE });

    const list = data<Array<{ id: string; text: string; phone: string; masked?: boolean }>>(await desk(a4, { action: 'leftMessages' }));
    const staffView = list.find((m) => m.id === left.id)!;
    expect(staffView).toMatchObject({ text: '请回电，或发邮件到 l***@example.com', phone: '138****8000', masked: true });
    expect(containsRaw(list)).toBe(false);

    const total = auditCount();
    const shown = data(await desk(a4, { action: 'revealLeftMessage', id: left.id }));
    expect(shown).toEqual({ id: left.id, text: `请回电，或发邮件到 ${EMAIL}`, phone: PHONE });
    expect(auditCount()).toBe(total + 1);
    const entry = audits().find((e) => e.target === `left_messages/${left.id}`)!;
    expect(entry).toMatchObject({ actor: 'demo-agent-4', action: 'data.unmask', after: { fields: ['text', 'phone'], kinds: ['email', 'phone'] } });
    expect(containsRaw(entry)).toBe(false);

    await refused(desk(chat.token, { action: 'revealLeftMessage', id: left.id }), 'FORBIDDEN');
    await refused(desk(await emu.login('qa'), { action: 'revealLeftMessage', id: left.id }), 'FORBIDDEN');
    await refused(desk(a1, { action: 'revealLeftMessage', id: left.id }), 'NOT_FOUND'); // another group's: as unknown
    await refused(desk(a4, { action: 'revealLeftMessage', id: 'no-such-message' }), 'NOT_FOUND');
  });

  it('appointments: name, phone and note masked in the staff schedule, as given for the customer; revealContact logged', async () => {
    const day = addDays(businessDay(new Date()), 2);
    const slots = data<Array<{ start: string; remaining: number }>>(await emu.call(chat.token, 'appointment', { action: 'slots', serviceId: 'svc-install', date: day }));
    const slot = slots.find((s) => s.remaining > 0)!;
    const booked = data<{ id: string; name: string; phone: string; note: string; masked?: boolean }>(
      await emu.call(chat.token, 'appointment', {
        action: 'book',
        serviceId: 'svc-install',
        start: slot.start,
        name: '李雷',
        phone: PHONE,
        address: '上海市浦东新区世纪大道 100 号',
        note: `到了打 ${PHONE} 或发 ${EMAIL}`,
      }),
    );
    expect(booked).toMatchObject({ name: '李雷', phone: PHONE, note: `到了打 ${PHONE} 或发 ${EMAIL}` });
    expect(booked.masked).toBeUndefined();
    const mine = data<Array<{ id: string; name: string; phone: string }>>(await emu.call(chat.token, 'appointment', { action: 'mine' }));
    expect(mine.find((a) => a.id === booked.id)).toMatchObject({ name: '李雷', phone: PHONE });

    const schedule = data<Array<{ id: string; name: string; phone: string; address: string; note: string; masked?: boolean }>>(
      await emu.call(a3, 'appointment', { action: 'list', date: day, serviceId: 'svc-install' }),
    );
    expect(schedule.find((a) => a.id === booked.id)).toMatchObject({
      name: '李*',
      phone: '138****8000',
      address: '上海市浦东新区世纪大道 100 号',
      note: '到了打 138****8000 或发 l***@example.com',
      masked: true,
    });
    expect(containsRaw(schedule)).toBe(false);

    const total = auditCount();
    const contact = data(await emu.call(a3, 'appointment', { action: 'revealContact', id: booked.id }));
    expect(contact).toEqual({ id: booked.id, name: '李雷', phone: PHONE, address: '上海市浦东新区世纪大道 100 号', note: `到了打 ${PHONE} 或发 ${EMAIL}` });
    expect(auditCount()).toBe(total + 1);
    const entry = audits().find((e) => e.target === `appointments/${booked.id}`)!;
    expect(entry).toMatchObject({ actor: 'demo-agent-3', after: { appointmentId: booked.id, fields: ['name', 'phone', 'address', 'note'], kinds: ['phone', 'email'] } });
    expect(containsRaw(entry)).toBe(false);
    expect(JSON.stringify(entry)).not.toContain('李雷');

    await refused(emu.call(chat.token, 'appointment', { action: 'revealContact', id: booked.id }), 'FORBIDDEN');
    await refused(emu.call((await newChat(emu)).token, 'appointment', { action: 'revealContact', id: booked.id }), 'FORBIDDEN');
    await refused(emu.call(await emu.login('qa'), 'appointment', { action: 'revealContact', id: booked.id }), 'FORBIDDEN');
    await refused(emu.call(a3, 'appointment', { action: 'revealContact', id: 'no-such-appointment' }), 'NOT_FOUND');
  });

  it('quality review and the customer panel show the customer’s words masked too', async () => {
    data(await desk(a3, { action: 'close', conversationId: chat.conversationId, resolved: true }));
    data(await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: 5, comment: `有事打 ${PHONE}` }));
    const qa = await emu.login('qa');
    const review = data<{ conversation: { messages: Message[]; rating: { comment: string } } }>(
      await desk(qa, { action: 'qaReview', conversationId: chat.conversationId }),
    );
    expect(review.conversation.messages.find((m) => m.id === messageId)).toMatchObject({ text: MASKED, masked: true });
    expect(review.conversation.rating.comment).toBe('有事打 138****8000');
    expect(containsRaw(review)).toBe(false);

    // A new conversation of the same customer: the earlier one's last line is masked in the panel.
    data(await emu.call(chat.token, 'session', { action: 'start' }));
    const next = (emu.db.find('conversations', { customer: chat.openid, status: 'bot' }) as Array<{ _id: string }>)[0]!;
    data(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: next._id }));
    const panel = data<{ customer: { earlier: Array<{ conversationId: string; lastText: string }> } }>(
      await desk(a3, { action: 'conversation', conversationId: next._id }),
    );
    expect(panel.customer.earlier.find((c) => c.conversationId === chat.conversationId)?.lastText).toBe(MASKED);

    // The panel's phone (from their latest appointment) is masked; revealCustomer opens it, logged.
    const phoneView = data<{ customer: { phone: string } }>(await desk(a3, { action: 'conversation', conversationId: next._id }));
    expect(phoneView.customer.phone).toBe('138****8000');
    const total = auditCount();
    expect(data(await desk(a3, { action: 'revealCustomer', conversationId: next._id }))).toEqual({ conversationId: next._id, phone: PHONE });
    expect(auditCount()).toBe(total + 1);
    const entry = audits().find((e) => e.target === `users/${chat.openid}`)!;
    expect(entry).toMatchObject({ actor: 'demo-agent-3', after: { conversationId: next._id, fields: ['phone'], kinds: ['phone'] } });
    expect(containsRaw(entry)).toBe(false);
    await refused(desk(chat.token, { action: 'revealCustomer', conversationId: next._id }), 'FORBIDDEN');
    await refused(desk(a1, { action: 'revealCustomer', conversationId: next._id }), 'NOT_FOUND');
    await refused(desk(a3, { action: 'revealCustomer', conversationId: 'no-such-conversation' }), 'NOT_FOUND');
  });
});
