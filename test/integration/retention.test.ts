// Retention (issue 7) through the real wx-server-sdk: data is made through the functions as customers
// and staff make it, then aged by writing its dates into the emulator's store (nothing else can make a
// conversation 200 days old); the `retention` timer is fired through the dev trigger route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobView, RetentionRunView, RetentionSettingsView } from '../../core/api';
import { businessDayBefore } from '../../core/export';
import { parseCsv } from '../../core/export/csv';
import { ENV_ID } from '../../emulator/server';
import { agentToken, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR retention test')]);
const SVC = { id: 'svc-retain', name: '保留测试', durationMinutes: 30, capacityPerSlot: 3, workingDays: [1, 2, 3, 4, 5, 6, 7], hours: { start: '00:00', end: '23:30' }, leadHours: 0, maxDaysAhead: 30, cancelCutoffHours: 0 };

async function fireRetention(emu: TestEmulator): Promise<RetentionRunView> {
  const res = await emu.raw('/api/dev/trigger/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trigger: 'retention' }) });
  const body = (await res.json()) as { ok: boolean; data: { trigger: string; result: { ok: boolean; data: RetentionRunView } } };
  expect(res.status).toBe(200);
  expect(body.data.trigger).toBe('retention');
  expect(body.data.result.ok).toBe(true);
  return body.data.result.data;
}

async function uploadImage(emu: TestEmulator, token: string): Promise<string> {
  const res = await emu.raw('/api/upload?ext=png', { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` }, body: PNG });
  expect(res.status).toBe(200);
  return ((await res.json()) as { fileID: string }).fileID;
}

const fileStatus = async (emu: TestEmulator, token: string, fileID: string) => (await emu.raw(`/api/files/${fileID.slice(`cloud://${ENV_ID}/`.length)}?token=${encodeURIComponent(token)}`)).status;

/** A conversation with the customer's text (and optionally an image), an agent reply, closed and rated. */
async function closedChat(emu: TestEmulator, agent: string, text: string, opts: { image?: boolean } = {}): Promise<Chat & { image?: string }> {
  const chat = await newChat(emu, { category: 'cat-product', prefix: 'retain' });
  data(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
  data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text }));
  let image: string | undefined;
  if (opts.image) {
    image = await uploadImage(emu, chat.token);
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, image }));
  }
  data(await emu.call(agent, 'desk', { action: 'reply', conversationId: chat.conversationId, text: '好的，已为您处理。' }));
  data(await emu.call(agent, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
  data(await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: 5, comment: `很好，回电 ${text.slice(-11)}` }));
  return { ...chat, ...(image ? { image } : {}) };
}

/** Move a conversation's dates `days` into the past (what the store would hold had it happened then). */
function ageConversation(emu: TestEmulator, id: string, days: number): void {
  const at = ago(days);
  const doc = emu.db.get('conversations', id)!;
  emu.db.update('conversations', id, { createdAt: at, updatedAt: at, ...(doc.closedAt ? { closedAt: at } : {}) });
  for (const m of emu.db.find('messages', { conversationId: id })) emu.db.update('messages', String(m._id), { createdAt: at });
}

async function bookAppointment(emu: TestEmulator, token: string, dayOffset: number, slot: number, name: string): Promise<string> {
  const slots = data<Array<{ start: string; remaining: number }>>(await emu.call(token, 'appointment', { action: 'slots', serviceId: SVC.id, date: businessDayBefore(new Date(), -dayOffset) }));
  // Booked as the app books (with an idempotency key), so each has its lock in appointment_keys.
  const booked = data<{ id: string }>(
    await emu.call(token, 'appointment', { action: 'book', serviceId: SVC.id, start: slots[slot]!.start, name, phone: '13900139000', address: '北京市朝阳区望京街 1 号', idempotencyKey: `retain-${dayOffset}-${slot}-key` }),
  );
  return booked.id;
}

/** Move an appointment (and its slot counter) `days` into the past. */
function ageAppointment(emu: TestEmulator, id: string, days: number): void {
  const doc = emu.db.get('appointments', id)!;
  const shift = days * DAY;
  const start = new Date(new Date(doc.start as Date).getTime() - shift);
  const end = new Date(new Date(doc.end as Date).getTime() - shift);
  const counter = emu.db.find('slot_counters', { serviceId: doc.serviceId, start: doc.start as Date })[0];
  emu.db.update('appointments', id, { start, end, day: businessDayBefore(start, 0), createdAt: ago(days + 2) });
  if (counter) emu.db.update('slot_counters', String(counter._id), { start });
}

describe('retention timer', () => {
  let emu: TestEmulator;
  let admin: string;
  let agent: string;
  let oldChat: Chat & { image?: string };
  let recentChat: Chat;
  let openOld: Chat;
  let oldAppointment: string;
  let recentAppointment: string;
  let oldJob: ExportJobView;
  let keptAudit: string;
  let expiredAudit: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    admin = await emu.login('admin');
    agent = await agentToken(emu, 1);
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));

    oldChat = await closedChat(emu, agent, '旧的咨询 13812345678', { image: true });
    recentChat = await closedChat(emu, agent, '新的咨询 13912345678');
    openOld = await newChat(emu, { category: 'cat-product', prefix: 'retain-open' });
    data(await emu.call(openOld.token, 'session', { action: 'send', conversationId: openOld.conversationId, text: '还在等回复' }));
    ageConversation(emu, oldChat.conversationId, 200);
    ageConversation(emu, openOld.conversationId, 200);

    // Left messages and an unanswered question, one old and one recent each.
    const customer = await emu.login('customer', { openid: 'retain-lm' });
    const oldLeft = data<{ id: string }>(await emu.call(customer, 'session', { action: 'leaveMessage', text: '很久以前的留言' }));
    data(await emu.call(customer, 'session', { action: 'leaveMessage', text: '最近的留言' }));
    emu.db.update('left_messages', oldLeft.id, { createdAt: ago(200) });
    await newChat(emu, { prefix: 'retain-ask', text: '量子纠缠热水器的星际保修怎么算' });
    expect(emu.db.count('faq_unanswered', {})).toBeGreaterThan(0);

    // Appointments: one that ended 200 days ago, one tomorrow; the booking wrote notification records.
    data(await emu.call(admin, 'appointment', { action: 'saveService', ...SVC }));
    oldAppointment = await bookAppointment(emu, customer, 1, 4, '老客户');
    recentAppointment = await bookAppointment(emu, customer, 1, 6, '新客户');
    ageAppointment(emu, oldAppointment, 200);
    // Confirming notifies the customer: a notification record (skipped without a grant, still a record).
    data(await emu.call(agent, 'appointment', { action: 'confirm', id: recentAppointment }));
    expect(emu.db.count('notifications', {})).toBeGreaterThan(0);
    for (const n of emu.db.find('notifications', {})) emu.db.update('notifications', String(n._id), { createdAt: ago(200) });
    const u = emu.db.find('faq_unanswered', {})[0]!;
    emu.db.update('faq_unanswered', String(u._id), { at: ago(200) });

    // A finished export from long ago (its file goes too), and audit entries of 200 and 1200 days.
    oldJob = data<ExportJobView>(await emu.call(admin, 'admin', { action: 'exportStart', kind: 'appointments', format: 'csv', from: businessDayBefore(new Date(), 0), to: businessDayBefore(new Date(), -2) }));
    for (let i = 0; i < 5 && oldJob.status === 'running'; i++) oldJob = data<ExportJobView>(await emu.call(admin, 'admin', { action: 'exportStatus', id: oldJob.id }));
    expect(oldJob.status).toBe('done');
    expect((await fetch(oldJob.url!)).status).toBe(200);
    emu.db.update('exports', oldJob.id, { createdAt: ago(200) });
    const entries = emu.db.find('audit_log', {}, { sort: { at: 1 } });
    keptAudit = String(entries[0]!._id);
    expiredAudit = String(entries[1]!._id);
    emu.db.update('audit_log', keptAudit, { at: ago(200) });
    emu.db.update('audit_log', expiredAudit, { at: ago(1200) });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("runs from the admin function's one timer (tick, every minute; retention is due at 03:30 UTC+8)", () => {
    expect(emu.host.config('admin').triggers).toEqual([{ name: 'tick', type: 'timer', config: '30 * * * * * *' }]);
  });

  it('purges what is older than 180 days and keeps the rest; the audit log is kept for auditDays', async () => {
    const oldMessages = emu.db.count('messages', { conversationId: oldChat.conversationId });
    expect(oldMessages).toBeGreaterThanOrEqual(4);
    expect(await fileStatus(emu, admin, oldChat.image!)).toBe(200);
    const recentMessages = emu.db.count('messages', { conversationId: recentChat.conversationId });
    const openMessages = emu.db.count('messages', { conversationId: openOld.conversationId });
    const eventsBefore = emu.db.count('events', { conversationId: oldChat.conversationId });
    const oldStart = emu.db.get('appointments', oldAppointment)!.start as Date;
    expect(emu.db.count('appointment_keys', { appointmentId: oldAppointment })).toBe(1);

    const run = await fireRetention(emu);
    expect(run).toMatchObject({ outcome: 'done' });
    expect(new Date(run.cutoff).getTime()).toBeGreaterThan(ago(181).getTime());
    expect(new Date(run.cutoff).getTime()).toBeLessThan(ago(179).getTime());

    // The old closed conversation: messages and image gone, text fields cleared, metadata and events kept.
    expect(emu.db.count('messages', { conversationId: oldChat.conversationId })).toBe(0);
    expect(await fileStatus(emu, admin, oldChat.image!)).toBe(404);
    const conv = emu.db.get('conversations', oldChat.conversationId)!;
    expect(conv).toMatchObject({ status: 'closed', lastText: '', resolved: true, rating: { score: 5, comment: '' } });
    expect(conv.purgedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(conv)).not.toContain('13812345678');
    expect(emu.db.count('events', { conversationId: oldChat.conversationId })).toBe(eventsBefore);
    // A recent closed conversation and an old one still open keep everything.
    expect(emu.db.count('messages', { conversationId: recentChat.conversationId })).toBe(recentMessages);
    expect(opened(emu, 'conversations', emu.db.get('conversations', recentChat.conversationId)!).rating).toMatchObject({ comment: '很好，回电 13912345678' });
    expect(emu.db.count('messages', { conversationId: openOld.conversationId })).toBe(openMessages);

    // Appointments: the old one and its slot counter gone, tomorrow's kept.
    expect(emu.db.get('appointments', oldAppointment)).toBeUndefined();
    expect(emu.db.find('slot_counters', { serviceId: SVC.id, start: oldStart })).toHaveLength(0);
    expect(emu.db.get('appointments', recentAppointment)).toBeDefined();
    // Their idempotency locks go with them: the old one's is gone, tomorrow's stays.
    expect(emu.db.count('appointment_keys', { appointmentId: oldAppointment })).toBe(0);
    expect(emu.db.count('appointment_keys', { appointmentId: recentAppointment })).toBe(1);
    expect(emu.db.count('slot_counters', { serviceId: SVC.id })).toBeGreaterThanOrEqual(1);
    // Left messages, unanswered questions, notification records, the old export and its file.
    expect(emu.db.find('left_messages', { customer: 'retain-lm' }).map((m) => opened(emu, 'left_messages', m).text)).toEqual(['最近的留言']);
    expect(emu.db.count('faq_unanswered', { at: { $lt: ago(180) } })).toBe(0);
    expect(emu.db.count('notifications', { createdAt: { $lt: ago(180) }, status: { $ne: 'queued' } })).toBe(0);
    expect(emu.db.get('exports', oldJob.id)).toBeUndefined();
    expect((await fetch(oldJob.url!)).status).toBe(404);
    // Audit: the 200-day entry stays (auditDays 1095), the 1200-day one is gone.
    expect(emu.db.get('audit_log', keptAudit)).toBeDefined();
    expect(emu.db.get('audit_log', expiredAudit)).toBeUndefined();

    expect(run.counts).toMatchObject({ conversations: 1, messages: oldMessages, images: 1, appointments: 1, leftMessages: 1, exports: 1, audit: 1 });
    expect(run.counts.slotCounters).toBeGreaterThanOrEqual(1);
    expect(run.counts.unanswered).toBeGreaterThanOrEqual(1);
    expect(run.counts.notifications).toBeGreaterThanOrEqual(1);

    // The summary is stored and the run audited under the system actor.
    const settings = data<RetentionSettingsView>(await emu.call(admin, 'admin', { action: 'retention' }));
    expect(settings).toMatchObject({ days: 180, exportFirst: false, auditDays: 1095, custom: false, lastRun: { outcome: 'done', counts: run.counts } });
    const entry = emu.db.find('audit_log', { action: 'retention.run' }, { sort: { at: -1 } })[0]!;
    expect(entry).toMatchObject({ actor: 'system:retention', target: 'settings/retention', after: { outcome: 'done', counts: run.counts } });
  });

  it('a second run finds nothing to do and changes no data', async () => {
    const snapshot = () => JSON.stringify(['conversations', 'messages', 'appointments', 'appointment_keys', 'slot_counters', 'left_messages', 'faq_unanswered', 'notifications', 'exports'].map((c) => emu.db.find(c, {}, { sort: { _id: 1 } })));
    const before = snapshot();
    const run = await fireRetention(emu);
    expect(run.outcome).toBe('done');
    expect(Object.values(run.counts).every((n) => n === 0)).toBe(true);
    expect(snapshot()).toBe(before);
  });

  it('a shorter auditDays removes audit entries older than it, and nothing newer', async () => {
    data(await emu.call(admin, 'admin', { action: 'saveRetention', days: 180, exportFirst: false, auditDays: 190 }));
    const recent = emu.db.count('audit_log', { at: { $gte: ago(190) } });
    const run = await fireRetention(emu);
    expect(run.counts.audit).toBe(1);
    expect(emu.db.get('audit_log', keptAudit)).toBeUndefined();
    // Everything newer is still there, plus this run's own entry.
    expect(emu.db.count('audit_log', { at: { $gte: ago(190) } })).toBe(recent + 1);
  });

  it('settings: admins only; bad input is refused in Chinese and changes nothing', async () => {
    for (const role of ['supervisor', 'agent', 'qa', 'customer']) {
      const token = await emu.login(role);
      expect(errorCode(await emu.call(token, 'admin', { action: 'retention' }))).toBe('FORBIDDEN');
      expect(errorCode(await emu.call(token, 'admin', { action: 'saveRetention', days: 200, exportFirst: false, auditDays: 400 }))).toBe('FORBIDDEN');
    }
    const before = JSON.stringify([emu.db.get('settings', 'retention'), emu.db.count('audit_log')]);
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ days: 10, exportFirst: false, auditDays: 400 }, /客户数据保留天数应在 30–3650 天之间/],
      [{ days: 200, exportFirst: false, auditDays: 100 }, /审计日志保留天数应在 180–3650 天之间/],
      [{ days: 400, exportFirst: false, auditDays: 300 }, /审计日志的保留时间不能短于客户数据的保留时间/],
      [{ days: 200.5, exportFirst: false, auditDays: 400 }, /整数天/],
      [{ days: 200, exportFirst: 'yes', auditDays: 400 }, /清理前先导出/],
      [{ days: 200, auditDays: 400 }, /清理前先导出/],
    ];
    for (const [input, message] of bad) {
      const res = await emu.call(admin, 'admin', { action: 'saveRetention', ...input });
      expect(errorCode(res)).toBe('INVALID_INPUT');
      expect((res.body.error as { message: string }).message).toMatch(message);
    }
    expect(JSON.stringify([emu.db.get('settings', 'retention'), emu.db.count('audit_log')])).toBe(before);
  });
});

describe('retention with exportFirst', () => {
  let emu: TestEmulator;
  let admin: string;
  let oldChat: Chat;
  let oldAppointment: string;

  beforeAll(async () => {
    emu = await startTestEmulator({ functionEnv: { KEFU_EXPORT_CHUNK: '2' } });
    admin = await emu.login('admin');
    const agent = await agentToken(emu, 1);
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));
    oldChat = await closedChat(emu, agent, '要导出的咨询 13812340000');
    const other = await closedChat(emu, agent, '另一条旧咨询');
    ageConversation(emu, oldChat.conversationId, 200);
    ageConversation(emu, other.conversationId, 200);
    data(await emu.call(admin, 'appointment', { action: 'saveService', ...SVC }));
    const customer = await emu.login('customer', { openid: 'retain-export-customer' });
    oldAppointment = await bookAppointment(emu, customer, 1, 3, '张要导出');
    ageAppointment(emu, oldAppointment, 200);
    data(await emu.call(admin, 'admin', { action: 'saveRetention', days: 180, exportFirst: true, auditDays: 1095 }));
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('exports first, purges nothing until every job is done, then purges exactly what was exported', async () => {
    const messages = emu.db.count('messages', { conversationId: oldChat.conversationId });
    const first = await fireRetention(emu);
    expect(first.outcome).toBe('exporting');
    expect(first.exportJobs).toHaveLength(2);
    expect(Object.values(first.counts).every((n) => n === 0)).toBe(true);
    expect(emu.db.count('messages', { conversationId: oldChat.conversationId })).toBe(messages);
    expect(emu.db.get('appointments', oldAppointment)).toBeDefined();
    // The jobs are unmasked, by the retention task, audited; supervisors cannot read them.
    for (const id of first.exportJobs!) {
      expect(emu.db.get('exports', id)).toMatchObject({ status: 'running', unmasked: true, createdBy: 'system:retention' });
      expect(emu.db.find('audit_log', { target: `exports/${id}` })).toEqual([expect.objectContaining({ actor: 'system:retention', action: 'export.unmasked' })]);
      expect(errorCode(await emu.call(await emu.login('supervisor'), 'admin', { action: 'exportStatus', id }))).toBe('NOT_FOUND');
    }

    // Someone else holds a job's lease (a poller mid-chunk): the next run cannot finish it and purges nothing.
    const [convJob] = first.exportJobs!;
    emu.db.update('exports', convJob!, { lockedUntil: new Date(Date.now() + 3_600_000) });
    const second = await fireRetention(emu);
    expect(second).toMatchObject({ outcome: 'exporting', cutoff: first.cutoff });
    expect(emu.db.count('messages', { conversationId: oldChat.conversationId })).toBe(messages);
    expect(emu.db.get('appointments', oldAppointment)).toBeDefined();

    // The lease expires: the next run finishes the exports, then purges the cutoff they covered.
    emu.db.update('exports', convJob!, { lockedUntil: new Date(0) });
    const third = await fireRetention(emu);
    expect(third).toMatchObject({ outcome: 'done', cutoff: first.cutoff, counts: { conversations: 2, appointments: 1 } });
    expect(emu.db.count('messages', { conversationId: oldChat.conversationId })).toBe(0);
    expect(emu.db.get('appointments', oldAppointment)).toBeUndefined();
    for (const id of first.exportJobs!) expect(emu.db.get('exports', id)!.status).toBe('done');

    // The files stay for admins, with the purged data as it was (unmasked).
    const views = await Promise.all(first.exportJobs!.map(async (id) => data<ExportJobView>(await emu.call(admin, 'admin', { action: 'exportStatus', id }))));
    const conversations = views.find((v) => v.kind === 'conversations')!;
    const body = JSON.parse(await (await fetch(conversations.url!)).text()) as { masked: boolean; conversations: Array<{ id: string; messages: Array<{ text: string }> }> };
    expect(body.masked).toBe(false);
    expect(body.conversations).toHaveLength(2);
    expect(body.conversations.find((c) => c.id === oldChat.conversationId)!.messages.map((m) => m.text)).toContain('要导出的咨询 13812340000');
    const appointments = views.find((v) => v.kind === 'appointments')!;
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await fetch(appointments.url!)).arrayBuffer()));
    expect(rows.slice(1).map((r) => r[0])).toEqual([oldAppointment]);
    expect(rows[1]).toContain('张要导出');
    expect(rows[1]).toContain('13900139000');

    // Next night: nothing older is left, so no new export and nothing to purge.
    const fourth = await fireRetention(emu);
    expect(fourth.outcome).toBe('done');
    expect(fourth.exportJobs).toBeUndefined();
    expect(fourth.counts.conversations).toBe(0);
  });
});

describe('retention runs that stop at their time budget', () => {
  let emu: TestEmulator;
  let admin: string;
  const old: Chat[] = [];
  let recent: Chat;

  beforeAll(async () => {
    // A budget of 1 ms and batches of 1: every run stops after its first batch.
    emu = await startTestEmulator({ functionEnv: { KEFU_RETENTION_BUDGET_MS: '1', KEFU_RETENTION_BATCH: '1' } });
    admin = await emu.login('admin');
    const agent = await agentToken(emu, 1);
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));
    for (let i = 0; i < 3; i++) {
      const chat = await closedChat(emu, agent, `旧会话${i} 1381234567${i}`);
      ageConversation(emu, chat.conversationId, 190 + i);
      old.push(chat);
    }
    recent = await closedChat(emu, agent, '最近的会话');
    const customer = await emu.login('customer', { openid: 'retain-resume' });
    for (const text of ['旧留言一', '旧留言二']) {
      const left = data<{ id: string }>(await emu.call(customer, 'session', { action: 'leaveMessage', text }));
      emu.db.update('left_messages', left.id, { createdAt: ago(300) });
    }
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('continue where the last one stopped, never leave a conversation half purged, and end done', async () => {
    const messages = new Map(old.map((c) => [c.conversationId, emu.db.count('messages', { conversationId: c.conversationId })]));
    const recentMessages = emu.db.count('messages', { conversationId: recent.conversationId });
    const runs: RetentionRunView[] = [];
    for (let i = 0; i < 20; i++) {
      const run = await fireRetention(emu);
      runs.push(run);
      // Each old conversation is either untouched or entirely purged.
      for (const c of old) {
        const doc = emu.db.get('conversations', c.conversationId)!;
        const left = emu.db.count('messages', { conversationId: c.conversationId });
        if (doc.purgedAt) expect([left, doc.lastText]).toEqual([0, '']);
        else expect(left).toBe(messages.get(c.conversationId));
      }
      if (run.outcome === 'done') break;
      expect(run.outcome).toBe('partial');
      expect(data<RetentionSettingsView>(await emu.call(admin, 'admin', { action: 'retention' })).lastRun).toMatchObject({ outcome: 'partial', counts: run.counts });
    }
    expect(runs.at(-1)!.outcome).toBe('done');
    expect(runs.length).toBeGreaterThanOrEqual(4);
    // Oldest first, one at a time.
    expect(runs.slice(0, 3).map((r) => r.counts.conversations)).toEqual([1, 1, 1]);
    const sum = (key: keyof RetentionRunView['counts']) => runs.reduce((n, r) => n + r.counts[key], 0);
    expect(sum('conversations')).toBe(3);
    expect(sum('messages')).toBe([...messages.values()].reduce((a, b) => a + b, 0));
    expect(sum('leftMessages')).toBe(2);
    expect(emu.db.count('messages', { conversationId: recent.conversationId })).toBe(recentMessages);
    // One audit entry per run.
    expect(emu.db.count('audit_log', { action: 'retention.run' })).toBe(runs.length);
  });
});
