// `appointment.bookFor`: desk staff book for the customer of a conversation they handle, through the same
// capacity transaction as `book`; the customer sees it in "my appointments", a line in the chat and a
// confirmation notification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDay } from '../../core/appointments';
import { agentToken, conv, messagesOf, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface AppointmentView {
  id: string;
  serviceId: string;
  start: string;
  status: string;
  phone: string;
  customer?: string;
}

const dayPlus = (n: number) => addDays(businessDay(new Date()), n);
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

/** One place per slot, every day 09:00–18:00, and a 48 h lead time customers cannot book inside. */
const SERVICE = {
  id: 'svc-t-bookfor',
  name: '上门测量',
  durationMinutes: 60,
  capacityPerSlot: 1,
  workingDays: [1, 2, 3, 4, 5, 6, 7],
  hours: { start: '09:00', end: '18:00' },
  leadHours: 48,
  maxDaysAhead: 30,
  cancelCutoffHours: 2,
};

describe('appointment.bookFor', () => {
  let emu: TestEmulator;
  let a1: string;
  let a2: string;
  let supervisor: string;
  let chat: Chat;

  const bookFor = (token: string, conversationId: string, start: string, extra: Record<string, unknown> = {}) =>
    emu.call(token, 'appointment', { action: 'bookFor', conversationId, serviceId: SERVICE.id, start, name: '李四', phone: '139-0013-9000', address: '杭州市西湖区文三路 1 号', ...extra });
  const snapshot = () =>
    JSON.stringify([emu.db.find('appointments', {}, { sort: { _id: 1 } }), emu.db.find('slot_counters', {}, { sort: { _id: 1 } }), emu.db.find('messages', {}, { sort: { _id: 1 } })]);

  beforeAll(async () => {
    emu = await startTestEmulator();
    const admin = await emu.login('admin');
    data(await emu.call(admin, 'appointment', { action: 'saveService', ...SERVICE }));
    supervisor = await emu.login('supervisor');
    [a1, a2] = [await agentToken(emu, 1), await agentToken(emu, 2)];
    data(await emu.call(a1, 'desk', { action: 'setStatus', status: 'online' }));
    chat = await newChat(emu, { category: 'cat-product' });
    data(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('the assigned agent books for the customer (inside the lead time): mine, chat line, notification', async () => {
    expect(conv(emu, chat.conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-1' });
    const start = at(dayPlus(1), '10:00');
    // the customer could not take this slot themselves (48 h lead time)
    expect(errorCode(await emu.call(chat.token, 'appointment', { action: 'book', serviceId: SERVICE.id, start, name: '李四', phone: '13900139000' }))).toBe('CONFLICT');

    const appt = data<AppointmentView>(await bookFor(a1, chat.conversationId, start));
    // staff arranged it: confirmed at once; the agent who typed the phone sees it, and whose booking it is
    expect(appt).toMatchObject({ serviceId: SERVICE.id, start, status: 'confirmed', phone: '13900139000', customer: chat.openid });
    expect(emu.db.get('appointments', appt.id)).toMatchObject({ customer: chat.openid, bookedBy: 'demo-agent-1', status: 'confirmed' });
    expect(emu.db.get('slot_counters', `${SERVICE.id}|${start}`)?.taken).toBe(1);

    const mine = data<AppointmentView[]>(await emu.call(chat.token, 'appointment', { action: 'mine' }));
    expect(mine).toEqual([expect.objectContaining({ id: appt.id, status: 'confirmed', phone: '13900139000' })]);

    const [month, date] = dayPlus(1).split('-').slice(1).map(Number);
    const history = data<{ messages: Array<{ from: string; text: string }> }>(await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }));
    expect(history.messages).toContainEqual(expect.objectContaining({ from: 'system', text: `客服已为您预约：${SERVICE.name} ${month}月${date}日 10:00，可在“我的预约”中查看` }));

    expect(emu.db.find('notifications', { touser: chat.openid, event: 'appointment_confirmed' })).toHaveLength(1);
    expect(emu.db.get('signals', chat.openid)).toBeTruthy();
  });

  it('the same idempotency key twice books once (and writes one chat line)', async () => {
    const start = at(dayPlus(2), '11:00');
    const key = 'bookfor-key-0001';
    const first = data<AppointmentView>(await bookFor(a1, chat.conversationId, start, { idempotencyKey: key }));
    const lines = messagesOf(emu, chat.conversationId).length;
    const again = data<AppointmentView>(await bookFor(a1, chat.conversationId, start, { idempotencyKey: key }));
    expect(again.id).toBe(first.id);
    expect(emu.db.count('appointments', { customer: chat.openid, start: new Date(start) })).toBe(1);
    expect(emu.db.get('slot_counters', `${SERVICE.id}|${start}`)?.taken).toBe(1);
    expect(messagesOf(emu, chat.conversationId)).toHaveLength(lines);
    expect(emu.db.find('notifications', { touser: chat.openid, event: 'appointment_confirmed' })).toHaveLength(2);
  });

  it('a full slot is refused with CONFLICT and nothing changes', async () => {
    const start = at(dayPlus(3), '09:00');
    const other = await newChat(emu, { prefix: 'bookfor-other' });
    data(await bookFor(supervisor, other.conversationId, start));
    const before = snapshot();
    expect(errorCode(await bookFor(a1, chat.conversationId, start))).toBe('CONFLICT');
    expect(snapshot()).toBe(before);
  });

  it('an agent not assigned is told it does not exist (NOT_FOUND), a forged conversation NOT_FOUND, customers and QA cannot call it', async () => {
    const start = at(dayPlus(4), '09:00');
    const before = snapshot();
    expect(errorCode(await bookFor(a2, chat.conversationId, start))).toBe('NOT_FOUND');
    expect(errorCode(await bookFor(a1, 'forged-conversation-1', start))).toBe('NOT_FOUND');
    expect(errorCode(await bookFor(chat.token, chat.conversationId, start))).toBe('FORBIDDEN');
    expect(errorCode(await bookFor(await emu.login('qa'), chat.conversationId, start))).toBe('FORBIDDEN');
    expect(errorCode(await bookFor(a1, chat.conversationId, start, { phone: '12345' }))).toBe('INVALID_INPUT');
    expect(snapshot()).toBe(before);
  });

  it('a supervisor may book for any conversation; staff still cannot book a past slot', async () => {
    const appt = data<AppointmentView>(await bookFor(supervisor, chat.conversationId, at(dayPlus(5), '14:00')));
    expect(appt).toMatchObject({ status: 'confirmed', customer: chat.openid });
    expect(emu.db.get('appointments', appt.id)).toMatchObject({ bookedBy: expect.stringMatching(/./) });
    expect(errorCode(await bookFor(supervisor, chat.conversationId, at(dayPlus(-1), '14:00')))).toBe('CONFLICT');
  });
});
