// Encryption at rest (issue 7): the product's paths write personal data with distinctive markers into an
// emulator on a real data folder; the bytes of kefu.sqlite (and its -wal/-shm) contain none of them, while
// the owner of each value still reads it in plain text through the API. Then key rotation: write under k1,
// read under `k2,k1`, re-seal with the rekey timer, read under k2 alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, ConversationSummary, ConversationView, DeskConversation, ExportJobView, KeyStatus, LeftMessage, NotificationRecord, RekeyResult } from '../../core/api';
import { businessDayBefore } from '../../core/export';
import { generateKeySpec, UNREADABLE } from '../../cloudfunctions/_shared/seal';
import { agentToken } from '../helpers/conversations';
import { data, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { maskPhone } from '../../core/appointments/phone';

const PHONE = '13987654321';
const M = {
  first: 'ZQMSGALPHA 热水器不出热水了',
  phoneText: `ZQMSGPHONE 回电 ${PHONE}`,
  unanswered: 'ZQUNANSWERED 量子纠缠怎么影响我家冰箱',
  reply: 'ZQREPLYBRAVO 请您检查一下燃气阀门',
  note: 'ZQNOTECHARLIE 客户情绪激动',
  comment: 'ZQCOMMENTDELTA 服务很好',
  left: 'ZQLEFTECHO 请明天上午联系我',
  answer: 'ZQANSWERFOX 已为您安排明天上午回电',
  name: 'ZQNAMEGOLF',
  address: 'ZQADDRHOTEL 朝阳区幸福路1号',
  bookingNote: 'ZQBOOKINDIA 家里有狗',
};
const MARKERS = [...Object.values(M).map((m) => m.split(' ')[0]!), PHONE, ...Object.values(M)];
const ANSWERED_TEMPLATE = 'tmpl-message-answered';

/** Which markers the raw bytes of the database files contain (UTF-8), by file. */
function leaks(dir: string, markers: readonly string[] = MARKERS): string[] {
  const found: string[] = [];
  for (const name of ['kefu.sqlite', 'kefu.sqlite-wal', 'kefu.sqlite-shm']) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    for (const marker of markers) if (bytes.includes(Buffer.from(marker, 'utf8'))) found.push(`${name}: ${marker}`);
  }
  return found;
}

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

describe('encryption at rest', () => {
  const dir = tmp('kefu-enc-');
  let emu: TestEmulator;
  let admin: string;
  let agent: string;
  let customer: string;
  let conversationId: string;
  let leftId: string;
  let appointmentId: string;
  const today = businessDayBefore(new Date(), 0);

  beforeAll(async () => {
    emu = await startTestEmulator({ dataDir: dir });
    admin = await emu.login('admin');
    data(await emu.call(admin, 'templates', { action: 'saveSettings', dailyCap: 5, quietStart: '00:00', quietEnd: '00:00' }));
    agent = await agentToken(emu, 3);
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));
    customer = await emu.login('customer', { openid: 'enc-customer', name: '顾客甲' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${customer}` };
    expect((await emu.raw('/api/dev/subscribe', { method: 'POST', headers, body: JSON.stringify({ accepted: [ANSWERED_TEMPLATE] }) })).status).toBe(200);
    data(await emu.call(customer, 'templates', { action: 'grant', accepted: [ANSWERED_TEMPLATE] }));

    // Chat: bot first (an unanswered question is recorded), then a person.
    conversationId = data<{ conversationId: string }>(await emu.call(customer, 'session', { action: 'start', text: M.first })).conversationId;
    data(await emu.call(customer, 'session', { action: 'send', conversationId, text: M.unanswered }));
    data(await emu.call(customer, 'session', { action: 'handoff', conversationId }));
    data(await emu.call(customer, 'session', { action: 'send', conversationId, text: M.phoneText }));
    data(await emu.call(agent, 'desk', { action: 'reply', conversationId, text: M.reply }));
    data(await emu.call(agent, 'desk', { action: 'note', conversationId, text: M.note }));
    data(await emu.call(agent, 'desk', { action: 'close', conversationId, resolved: true }));
    data(await emu.call(customer, 'session', { action: 'rate', conversationId, score: 5, comment: M.comment }));

    // 留言 with a phone number, answered by the agent (the customer is notified).
    leftId = data<LeftMessage>(await emu.call(customer, 'session', { action: 'leaveMessage', text: M.left, phone: PHONE })).id;
    data(await emu.call(agent, 'desk', { action: 'answerMessage', id: leftId, text: M.answer }));

    // An appointment with contact fields.
    const svc = { id: 'svc-enc', name: '加密测试', durationMinutes: 30, capacityPerSlot: 3, workingDays: [1, 2, 3, 4, 5, 6, 7], hours: { start: '00:00', end: '23:30' }, leadHours: 0, maxDaysAhead: 30, cancelCutoffHours: 0 };
    data(await emu.call(admin, 'appointment', { action: 'saveService', ...svc }));
    const slots = data<Array<{ start: string }>>(await emu.call(customer, 'appointment', { action: 'slots', serviceId: svc.id, date: businessDayBefore(new Date(), -1) }));
    appointmentId = data<Appointment>(await emu.call(customer, 'appointment', { action: 'book', serviceId: svc.id, start: slots[5]!.start, name: M.name, phone: PHONE, address: M.address, note: M.bookingNote })).id;
  });
  afterAll(async () => {
    await emu?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const exportText = async (input: Record<string, unknown>) => {
    let view = data<ExportJobView>(await emu.call(admin, 'admin', { action: 'exportStart', from: today, to: today, ...input }));
    for (let i = 0; i < 50 && view.status === 'running'; i++) view = data<ExportJobView>(await emu.call(admin, 'admin', { action: 'exportStatus', id: view.id }));
    expect(view.status).toBe('done');
    return (await fetch(view.url!)).text();
  };

  it('every owner reads the values in plain text through the API', async () => {
    const history = data<ConversationView>(await emu.call(customer, 'session', { action: 'history', conversationId }));
    const texts = history.messages.map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining([M.first, M.unanswered, M.phoneText, M.reply]));
    expect(texts).not.toContain(M.note);
    expect(history.rating).toMatchObject({ score: 5, comment: M.comment });
    const mine = data<ConversationSummary[]>(await emu.call(customer, 'session', { action: 'mine' }));
    expect(mine.find((c) => c.conversationId === conversationId)?.lastText).toBe(M.reply);

    const desk = data<DeskConversation>(await emu.call(agent, 'desk', { action: 'conversation', conversationId }));
    // Staff see the customer's phone masked (desk.reveal opens it, logged); their own lines as written.
    expect(desk.messages.map((m) => m.text)).toEqual(expect.arrayContaining([M.phoneText.replace(PHONE, maskPhone(PHONE)), M.reply, M.note]));
    expect(desk.rating?.comment).toBe(M.comment);

    const [left] = data<LeftMessage[]>(await emu.call(customer, 'session', { action: 'myMessages' }));
    expect(left).toMatchObject({ id: leftId, text: M.left, phone: PHONE, answer: M.answer, status: 'answered' });
    const deskLeft = data<LeftMessage[]>(await emu.call(agent, 'desk', { action: 'leftMessages' })).find((m) => m.id === leftId);
    expect(deskLeft).toMatchObject({ text: M.left, phone: '139****4321', answer: M.answer });

    const [appt] = data<Appointment[]>(await emu.call(customer, 'appointment', { action: 'mine' }));
    expect(appt).toMatchObject({ id: appointmentId, name: M.name, phone: PHONE, address: M.address, note: M.bookingNote });
    const deskInfo = data<DeskConversation>(await emu.call(agent, 'desk', { action: 'conversation', conversationId }));
    expect(deskInfo.customer.phone).toBe('139****4321');

    const report = data<{ groups: Array<{ examples: string[] }> }>(await emu.call(admin, 'faq', { action: 'unanswered' }));
    expect(report.groups.flatMap((g) => g.examples)).toContain(M.unanswered);

    const records = data<NotificationRecord[]>(await emu.call(admin, 'templates', { action: 'outbox' }));
    const answered = records.find((r) => r.touser === 'enc-customer' && r.event === 'message_answered');
    expect(answered).toMatchObject({ status: 'sent' });
    // Template fields are cut to their length (thing: 20 characters).
    const values = Object.values(answered!.data).map((f) => f.value);
    expect(values).toContain(M.left);
    expect(values.join(' ')).toContain('ZQANSWERFOX 已为您安排');
    const outbox = (await (await emu.raw('/api/dev/outbox')).json()) as { data: Array<{ touser: string; data: Record<string, { value: string }> }> };
    expect(Object.values(outbox.data.find((m) => m.touser === 'enc-customer')!.data).map((f) => f.value)).toContain(M.left);

    const conversationsCsv = await exportText({ kind: 'conversations', format: 'csv', unmasked: true });
    for (const marker of [M.first, M.phoneText, M.reply, M.comment]) expect(conversationsCsv).toContain(marker);
    const appointmentsCsv = await exportText({ kind: 'appointments', format: 'csv', unmasked: true, to: businessDayBefore(new Date(), -1) });
    for (const marker of [M.name, PHONE, M.address, M.bookingNote]) expect(appointmentsCsv).toContain(marker);
  });

  it('the SQLite file, its WAL and shared memory contain none of them, running and after shutdown', async () => {
    expect(fs.existsSync(path.join(dir, 'kefu.sqlite'))).toBe(true);
    // The scan does find what is stored plain: a display name (not a protected field) is there.
    await emu.login('customer', { openid: 'enc-control', name: 'ZQCONTROLNAME' });
    expect(leaks(dir, ['ZQCONTROLNAME']).length).toBeGreaterThan(0);
    expect(leaks(dir)).toEqual([]);
    // Every protected value is sealed under the emulator's key; nothing is left plain.
    const status = data<KeyStatus>(await emu.call(admin, 'admin', { action: 'keyStatus' }));
    expect(status).toMatchObject({ configured: true, current: 'k1', keys: ['k1'], pending: 0, unknown: 0 });
    const count = (field: string) => status.fields.find((f) => f.field === field)?.byKey.k1 ?? 0;
    for (const field of ['messages.text', 'conversations.lastText', 'conversations.rating.comment', 'left_messages.text', 'left_messages.phone', 'left_messages.answer', 'appointments.name', 'appointments.phone', 'appointments.address', 'appointments.note', 'faq_unanswered.text', 'notifications.data']) {
      expect(count(field), field).toBeGreaterThan(0);
    }
    // The key was generated once and kept beside the data, readable by its owner only.
    const keyFile = path.join(dir, 'data-keys');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(emu.dataKeys).toMatchObject({ source: 'generated', file: keyFile });

    await emu.close();
    expect(leaks(dir)).toEqual([]);
    // The same key on the next start: everything still reads.
    emu = await startTestEmulator({ dataDir: dir });
    expect(emu.dataKeys.source).toBe('file');
    const c = await emu.login('customer', { openid: 'enc-customer' });
    const history = data<ConversationView>(await emu.call(c, 'session', { action: 'history', conversationId }));
    expect(history.messages.map((m) => m.text)).toContain(M.phoneText);
  });

  it('keyStatus is for admins only', async () => {
    const res = await emu.call(await emu.login('supervisor'), 'admin', { action: 'keyStatus' });
    expect((res.body.error as { code: string }).code).toBe('FORBIDDEN');
    expect(((await emu.call(await emu.login('supervisor'), 'admin', { action: 'rekey' })).body.error as { code: string }).code).toBe('FORBIDDEN');
  });
});

describe('key rotation', () => {
  const dir = tmp('kefu-rekey-');
  const k1 = generateKeySpec('k1');
  const k2 = generateKeySpec('k2');
  let emu: TestEmulator | undefined;
  let conversationId: string;
  let leftId: string;

  afterAll(async () => {
    await emu?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the customer and staff read: the values, opened by the functions. */
  const read = async (e: TestEmulator) => {
    const customer = await e.login('customer', { openid: 'rekey-customer' });
    const agent = await agentToken(e, 3);
    const history = data<ConversationView>(await e.call(customer, 'session', { action: 'history', conversationId }));
    const desk = data<DeskConversation>(await e.call(agent, 'desk', { action: 'conversation', conversationId }));
    const [left] = data<LeftMessage[]>(await e.call(customer, 'session', { action: 'myMessages' }));
    const [appt] = data<Appointment[]>(await e.call(customer, 'appointment', { action: 'mine' }));
    return {
      texts: history.messages.filter((m) => m.from === 'customer' || m.from === 'agent').map((m) => m.text),
      note: desk.messages.find((m) => m.kind === 'note')?.text,
      comment: history.rating?.comment,
      left: left && { id: left.id, text: left.text, phone: left.phone, answer: left.answer },
      appt: appt && { name: appt.name, phone: appt.phone, address: appt.address, note: appt.note },
    };
  };
  const expected = () => ({
    texts: [M.first, 'ZQROTATE 转人工', M.reply],
    note: M.note,
    comment: M.comment,
    left: { id: leftId, text: M.left, phone: PHONE, answer: M.answer },
    appt: { name: M.name, phone: PHONE, address: M.address, note: M.bookingNote },
  });
  const status = async (e: TestEmulator) => data<KeyStatus>(await e.call(await e.login('admin'), 'admin', { action: 'keyStatus' }));

  it('writes under k1, reads under k2,k1, re-seals with the rekey timer, reads under k2 alone', async () => {
    emu = await startTestEmulator({ dataDir: dir, dataKeys: k1 });
    const admin = await emu.login('admin');
    const agent = await agentToken(emu, 3);
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));
    const customer = await emu.login('customer', { openid: 'rekey-customer', name: '顾客乙' });
    conversationId = data<{ conversationId: string }>(await emu.call(customer, 'session', { action: 'start', text: M.first })).conversationId;
    data(await emu.call(customer, 'session', { action: 'send', conversationId, text: 'ZQROTATE 转人工' }));
    data(await emu.call(agent, 'desk', { action: 'reply', conversationId, text: M.reply }));
    data(await emu.call(agent, 'desk', { action: 'note', conversationId, text: M.note }));
    data(await emu.call(agent, 'desk', { action: 'close', conversationId, resolved: true }));
    data(await emu.call(customer, 'session', { action: 'rate', conversationId, score: 4, comment: M.comment }));
    leftId = data<LeftMessage>(await emu.call(customer, 'session', { action: 'leaveMessage', text: M.left, phone: PHONE })).id;
    data(await emu.call(agent, 'desk', { action: 'answerMessage', id: leftId, text: M.answer }));
    const svc = { id: 'svc-rekey', name: '轮换测试', durationMinutes: 30, capacityPerSlot: 3, workingDays: [1, 2, 3, 4, 5, 6, 7], hours: { start: '00:00', end: '23:30' }, leadHours: 0, maxDaysAhead: 30, cancelCutoffHours: 0 };
    data(await emu.call(admin, 'appointment', { action: 'saveService', ...svc }));
    const slots = data<Array<{ start: string }>>(await emu.call(customer, 'appointment', { action: 'slots', serviceId: svc.id, date: businessDayBefore(new Date(), -1) }));
    data(await emu.call(customer, 'appointment', { action: 'book', serviceId: svc.id, start: slots[3]!.start, name: M.name, phone: PHONE, address: M.address, note: M.bookingNote }));
    expect(await read(emu)).toEqual(expected());
    const underK1 = await status(emu);
    expect(underK1).toMatchObject({ current: 'k1', pending: 0 });
    await emu.close();

    // A new key first, the old one still there for reading.
    emu = await startTestEmulator({ dataDir: dir, dataKeys: `${k2},${k1}` });
    expect(await read(emu)).toEqual(expected());
    // A message written before encryption was switched on (plain): the pass seals it too.
    const [legacyId] = emu.db.insert('messages', [{ conversationId: 'legacy-conv', from: 'customer', author: 'x', authorName: 'x', text: 'ZQLEGACY 明文', kind: 'text', createdAt: new Date() }]);
    const before = await status(emu);
    expect(before).toMatchObject({ current: 'k2', keys: ['k2', 'k1'], unknown: 0 });
    expect(before.fields.find((f) => f.field === 'messages.text')?.plain).toBe(1);
    expect(before.pending).toBeGreaterThan(0);
    expect(before.fields.find((f) => f.field === 'appointments.phone')?.byKey).toEqual({ k2: 0, k1: 1 });

    const trigger = async () => {
      const res = await emu!.raw('/api/dev/trigger/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trigger: 'rekey' }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { result: { ok: true; data: RekeyResult } } }).data.result.data;
    };
    const pass = await trigger();
    expect(pass).toMatchObject({ failed: 0, more: false });
    expect(pass.resealed).toBeGreaterThan(0);
    const after = await status(emu);
    expect(after).toMatchObject({ pending: 0, unknown: 0 });
    for (const f of after.fields) expect(f.byKey.k1, f.field).toBe(0);
    expect(after.fields.find((f) => f.field === 'appointments.phone')?.byKey).toEqual({ k2: 1, k1: 0 });
    expect(after.fields.find((f) => f.field === 'messages.text')?.plain).toBe(0);
    const legacy = emu.db.get('messages', legacyId!)!;
    expect(String(legacy.text)).toMatch(/^kd1\.k2\./);
    expect(opened(emu, 'messages', legacy).text).toBe('ZQLEGACY 明文');
    // Idempotent: a second pass has nothing to do.
    expect(await trigger()).toEqual({ resealed: 0, failed: 0, more: false });
    expect(await read(emu)).toEqual(expected());
    await emu.close();

    // The old key removed: everything still reads.
    emu = await startTestEmulator({ dataDir: dir, dataKeys: k2 });
    expect(await read(emu)).toEqual(expected());
    await emu.close();

    // With a wrong key the functions do not crash: the values read as a placeholder.
    emu = await startTestEmulator({ dataDir: dir, dataKeys: generateKeySpec('k9') });
    const wrong = await read(emu);
    expect(wrong.texts).toEqual([UNREADABLE, UNREADABLE, UNREADABLE]);
    expect(wrong.appt).toEqual({ name: UNREADABLE, phone: UNREADABLE, address: UNREADABLE, note: UNREADABLE });
    const unknown = await status(emu);
    expect(unknown.unknown).toBeGreaterThan(0);
    await emu.close();

    // Without any key, writing a protected field fails closed: UNAVAILABLE, nothing stored.
    emu = await startTestEmulator({ dataDir: dir, dataKeys: k2, functionEnv: { KEFU_DATA_KEYS: '' } });
    const c = await emu.login('customer', { openid: 'rekey-nokey' });
    const res = await emu.call(c, 'session', { action: 'leaveMessage', text: 'ZQNOKEY 不应被保存' });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect((res.body.error as { message: string }).message).toMatch(/密钥/);
    expect(emu.db.find('left_messages', { customer: 'rekey-nokey' })).toEqual([]);
    // Starting a chat writes the conversation before its (sealed) greeting: refused before either.
    const started = await emu.call(c, 'session', { action: 'start', text: '你好' });
    expect(started.body).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(emu.db.find('conversations', { customer: 'rekey-nokey' })).toEqual([]);
    expect(emu.db.find('events', { type: 'conversation_started' }).filter((e) => !emu!.db.get('conversations', String(e.conversationId)))).toEqual([]);
  });
});
