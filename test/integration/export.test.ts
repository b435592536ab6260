// Data export (issue 6) through the real wx-server-sdk: jobs polled to done, the file written with
// `cloud.uploadFile` into the emulator's file store and fetched through `cloud.getTempFileURL`'s link;
// masking by default, unmasked for admins only (audited), refusals that write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobView } from '../../core/api';
import { APPOINTMENT_HEADER, CONVERSATION_HEADER, businessDayBefore } from '../../core/export';
import { CSV_BOM, parseCsv } from '../../core/export/csv';
import { agentToken, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const PHONE = '13812348000';
const ID_CARD = '110101199003071234';
const BANK_CARD = '6222 0212 3456 7890';
const BANK_DIGITS = '6222021234567890';
const EMAIL = 'zhang.san@example.com';
const SECRETS = [PHONE, ID_CARD, BANK_DIGITS, BANK_CARD, EMAIL];

describe('export', () => {
  let emu: TestEmulator;
  let admin: string;
  let supervisor: string;
  let agent: string;
  let customer: string;
  const chats: Chat[] = [];
  const today = businessDayBefore(new Date(), 0);
  const inTwoDays = businessDayBefore(new Date(), -2);

  const call = (token: string, event: Record<string, unknown>) => emu.call(token, 'admin', { ...event });
  const start = async (token: string, input: Record<string, unknown>) => data<ExportJobView>(await call(token, { action: 'exportStart', ...input }));
  /** Poll as the UI does until the job is done; every status call advances it by one chunk. */
  const runToDone = async (token: string, job: ExportJobView) => {
    const seen: number[] = [];
    let view = job;
    for (let i = 0; i < 100 && view.status === 'running'; i++) {
      view = data<ExportJobView>(await call(token, { action: 'exportStatus', id: job.id }));
      seen.push(view.processed);
    }
    expect(view.status).toBe('done');
    return { view, seen };
  };
  const download = async (view: ExportJobView) => {
    expect(view.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/files\/exports\/[0-9a-f]+\.(csv|json)\?e=\d+&sign=/);
    const res = await fetch(view.url!);
    expect(res.status).toBe(200);
    return { res, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) };
  };
  const snapshot = () => JSON.stringify([emu.db.find('exports', {}), emu.db.find('export_chunks', {}), emu.db.count('audit_log')]);

  beforeAll(async () => {
    emu = await startTestEmulator({ functionEnv: { KEFU_EXPORT_CHUNK: '2' } });
    admin = await emu.login('admin');
    supervisor = await emu.login('supervisor');
    agent = await agentToken(emu, 1);
    customer = await emu.login('customer');

    // Three conversations in presales: personal data in the customer's messages and the rating comment.
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));
    const texts = [`我的手机号是${PHONE}，身份证${ID_CARD}`, `退款打到卡 ${BANK_CARD} 吧, 邮箱 ${EMAIL}`, '普通的问题，"引号",逗号\n换行'];
    for (const text of texts) {
      const chat = await newChat(emu, { category: 'cat-product', prefix: 'export' });
      data(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
      data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text }));
      data(await emu.call(agent, 'desk', { action: 'reply', conversationId: chat.conversationId, text: '好的，已为您登记。' }));
      data(await emu.call(agent, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
      chats.push(chat);
    }
    data(await emu.call(chats[0]!.token, 'session', { action: 'rate', conversationId: chats[0]!.conversationId, score: 4, comment: `有事打${PHONE}` }));
    // A QA review (the quality-review feature's collection; the export reads its total when it exists).
    emu.db.insert('qa_reviews', [{ _id: chats[1]!.conversationId, conversationId: chats[1]!.conversationId, total: 87.5, reviewedAt: new Date() }]);

    // Appointments: booked by a customer, contact fields with personal data.
    const svc = { id: 'svc-export', name: '导出测试', durationMinutes: 30, capacityPerSlot: 3, workingDays: [1, 2, 3, 4, 5, 6, 7], hours: { start: '00:00', end: '23:30' }, leadHours: 0, maxDaysAhead: 30, cancelCutoffHours: 0 };
    data(await emu.call(admin, 'appointment', { action: 'saveService', ...svc }));
    const slots = data<Array<{ start: string }>>(await emu.call(customer, 'appointment', { action: 'slots', serviceId: svc.id, date: businessDayBefore(new Date(), -1) }));
    data(await emu.call(customer, 'appointment', { action: 'book', serviceId: svc.id, start: slots[10]!.start, name: '王小明', phone: '13900139000', address: `北京市朝阳区, 邮箱 ${EMAIL}`, note: `身份证 ${ID_CARD}` }));
  });
  afterAll(async () => {
    await emu?.close();
  });

  const mine = () => new Set(chats.map((c) => c.conversationId));

  it('exports conversations as CSV in chunks, masked by default, one row per message', async () => {
    const job = await start(supervisor, { kind: 'conversations', format: 'csv', from: today, to: today });
    const expected = emu.db.count('conversations', { createdAt: { $gte: new Date(Date.now() - 86_400_000) } });
    expect(job).toMatchObject({ status: 'running', processed: 0, kind: 'conversations', format: 'csv', unmasked: false });
    expect(job.total).toBeGreaterThanOrEqual(3);
    expect(job.total).toBeLessThanOrEqual(expected);
    const { view, seen } = await runToDone(supervisor, job);
    // chunks of 2: progress grows 2 at a time, then one more call writes the file
    expect(seen[0]).toBe(Math.min(2, job.total));
    expect(view.processed).toBe(job.total);
    expect(view.fileID).toBe(`cloud://kefu-local/exports/${job.id}.csv`);
    expect(emu.db.count('export_chunks', { jobId: job.id })).toBe(0);

    const { res, text } = await download(view);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`${job.id}.csv`);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...CONVERSATION_HEADER]);
    for (const secret of SECRETS) expect(text).not.toContain(secret);

    // rows match the database: every message of my conversations, in order, with the conversation columns
    for (const chat of chats) {
      const rows = records.filter((r) => r[0] === chat.conversationId);
      const msgs = emu.db.find('messages', { conversationId: chat.conversationId }, { sort: { createdAt: 1, _id: 1 } }).map((m) => opened(emu, 'messages', m));
      expect(rows).toHaveLength(msgs.length);
      const convDoc = emu.db.get('conversations', chat.conversationId)!;
      expect(rows[0]![1]).toBe(today);
      expect(rows[0]![2]).toBe(`${String(convDoc.customerName).slice(0, 1)}${'*'.repeat(Array.from(String(convDoc.customerName)).length - 1)}`);
      expect(rows[0]![3]).toBe('客服小暖');
      expect(rows[0]![4]).toBe(emu.db.get('skill_groups', String(convDoc.groupId))!.name);
      expect(rows[0]![5]).toBe('已结束');
      expect(rows[0]![6]).toBe('是');
      expect(rows.map((r) => r[12]).filter((t) => t === '好的，已为您登记。')).toHaveLength(1);
    }
    const first = records.filter((r) => r[0] === chats[0]!.conversationId);
    expect(first[0]![7]).toBe('4');
    expect(first[0]![8]).toBe('有事打138****8000');
    expect(first.map((r) => r[12])).toContain('我的手机号是138****8000，身份证110***********1234');
    const second = records.filter((r) => r[0] === chats[1]!.conversationId);
    expect(second[0]![9]).toBe('87.5');
    expect(second.map((r) => r[12])).toContain('退款打到卡 6222********7890 吧, 邮箱 z***@example.com');
    expect(records.filter((r) => r[0] === chats[2]!.conversationId).map((r) => r[12])).toContain('普通的问题，"引号",逗号\n换行');

    // the export is audited, masked too
    const entry = emu.db.find('audit_log', { target: `exports/${job.id}` })[0]!;
    expect(entry).toMatchObject({ action: 'export.start', after: { kind: 'conversations', format: 'csv', from: today, to: today, unmasked: false } });
  });

  it('exports JSON, and an admin’s unmasked export shows the data and is audited', async () => {
    const auditBefore = emu.db.count('audit_log', { action: 'export.unmasked' });
    const job = await start(admin, { kind: 'conversations', format: 'json', from: today, to: today, unmasked: true });
    const { view } = await runToDone(admin, job);
    const { res, text } = await download(view);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(text) as { masked: boolean; total: number; conversations: Array<{ id: string; qaTotal: number | null; messages: Array<{ text: string; from: string }> }> };
    expect(body.masked).toBe(false);
    expect(body.conversations).toHaveLength(job.total);
    const texts = body.conversations.filter((c) => mine().has(c.id)).flatMap((c) => c.messages.map((m) => m.text));
    expect(texts).toContain(`我的手机号是${PHONE}，身份证${ID_CARD}`);
    expect(texts).toContain(`退款打到卡 ${BANK_CARD} 吧, 邮箱 ${EMAIL}`);
    expect(body.conversations.find((c) => c.id === chats[1]!.conversationId)!.qaTotal).toBe(87.5);
    for (const c of body.conversations.filter((x) => mine().has(x.id))) {
      expect(c.messages.map((m) => m.text)).toEqual(emu.db.find('messages', { conversationId: c.id }, { sort: { createdAt: 1, _id: 1 } }).map((m) => opened(emu, 'messages', m)).map((m) => (m.kind === 'image' ? '[图片]' : m.text)));
    }

    expect(emu.db.count('audit_log', { action: 'export.unmasked' })).toBe(auditBefore + 1);
    const entry = emu.db.find('audit_log', { target: `exports/${job.id}` })[0]!;
    expect(entry.actor).toBeTruthy();
    expect(entry.at).toBeInstanceOf(Date);
    expect(entry.after).toMatchObject({ unmasked: true, from: today, to: today, kind: 'conversations', format: 'json' });

    // masked JSON: none of the four kinds
    const masked = await runToDone(admin, await start(admin, { kind: 'conversations', format: 'json', from: today, to: today }));
    const maskedText = (await download(masked.view)).text;
    for (const secret of SECRETS) expect(maskedText).not.toContain(secret);
  });

  it('exports appointments as CSV with masked contact fields', async () => {
    const job = await start(supervisor, { kind: 'appointments', format: 'csv', from: today, to: inTwoDays });
    expect(job.total).toBe(emu.db.count('appointments', { day: { $gte: today, $lte: inTwoDays } }));
    const { view } = await runToDone(supervisor, job);
    const { text } = await download(view);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...APPOINTMENT_HEADER]);
    expect(records).toHaveLength(job.total);
    const row = records.find((r) => r[4] === '导出测试')!;
    expect(row.slice(5, 10)).toEqual(['王**', '139****9000', '北京市朝阳区, 邮箱 z***@example.com', '身份证 110***********1234', '待确认']);
    for (const secret of SECRETS) expect(text).not.toContain(secret);

    const full = await runToDone(admin, await start(admin, { kind: 'appointments', format: 'csv', from: today, to: inTwoDays, unmasked: true }));
    const fullRow = parseCsv((await download(full.view)).text).find((r) => r[4] === '导出测试')!;
    expect(fullRow.slice(5, 9)).toEqual(['王小明', '13900139000', `北京市朝阳区, 邮箱 ${EMAIL}`, `身份证 ${ID_CARD}`]);
  });

  it('refuses unmasked exports to supervisors, and every export to agents, QA and customers, writing nothing', async () => {
    const before = snapshot();
    const input = { action: 'exportStart', kind: 'conversations', format: 'csv', from: today, to: today };
    expect(errorCode(await call(supervisor, { ...input, unmasked: true }))).toBe('FORBIDDEN');
    for (const token of [agent, customer, await emu.login('qa')]) {
      expect(errorCode(await call(token, input))).toBe('FORBIDDEN');
    }
    expect(snapshot()).toBe(before);

    // status: only managers, and a supervisor does not see an admin's (unmasked) job
    const adminJob = await start(admin, { kind: 'conversations', format: 'csv', from: today, to: today, unmasked: true });
    expect(errorCode(await call(agent, { action: 'exportStatus', id: adminJob.id }))).toBe('FORBIDDEN');
    expect(errorCode(await call(supervisor, { action: 'exportStatus', id: adminJob.id }))).toBe('NOT_FOUND');
    expect(errorCode(await call(admin, { action: 'exportStatus', id: 'no-such-job' }))).toBe('NOT_FOUND');
  });

  it('refuses bad input with INVALID_INPUT and writes nothing', async () => {
    const before = snapshot();
    const base = { action: 'exportStart', kind: 'conversations', format: 'csv', from: '2026-01-10', to: '2026-01-20' };
    const bad = [
      { ...base, from: '2026-01-21' }, // reversed
      { ...base, from: '2025-01-01', to: '2026-01-02' }, // 367 days
      { ...base, kind: 'users' },
      { ...base, format: 'xlsx' },
      { ...base, kind: 'appointments', format: 'json' },
      { ...base, from: '2026-02-30' },
      { ...base, to: '20260120' },
      { ...base, unmasked: 'yes' },
    ];
    for (const event of bad) expect(errorCode(await call(admin, event))).toBe('INVALID_INPUT');
    expect(errorCode(await call(admin, { action: 'exportStatus', id: '../x' }))).toBe('INVALID_INPUT');
    expect(snapshot()).toBe(before);
    // 366 days is allowed
    expect(data<ExportJobView>(await call(admin, { ...base, from: '2025-01-20', to: '2026-01-20' })).status).toBe('running');
  });

  it('the timer drives a job nobody polls; parallel polls never write a chunk twice', async () => {
    const job = await start(supervisor, { kind: 'conversations', format: 'csv', from: today, to: today });
    for (let i = 0; i < 50 && emu.db.get('exports', job.id)!.status === 'running'; i++) {
      const fired = await emu.raw('/api/dev/trigger/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"trigger":"exports"}' });
      expect(fired.status).toBe(200);
    }
    expect(emu.db.get('exports', job.id)).toMatchObject({ status: 'done', processed: job.total });

    const raced = await start(supervisor, { kind: 'conversations', format: 'csv', from: today, to: today });
    let view = raced;
    for (let i = 0; i < 50 && view.status === 'running'; i++) {
      const views = await Promise.all([1, 2, 3].map(() => call(supervisor, { action: 'exportStatus', id: raced.id }).then((r) => data<ExportJobView>(r))));
      view = views.find((v) => v.status === 'done') ?? views[0]!;
    }
    const records = parseCsv((await download(view)).text).slice(1);
    const expectedRows = [...new Set(records.map((r) => r[0]))].reduce((n, id) => n + Math.max(1, emu.db.count('messages', { conversationId: id })), 0);
    expect(records).toHaveLength(expectedRows);
    expect(new Set(records.map((r) => r[0])).size).toBe(raced.total);
  });

  it('serves export files only through a valid, unexpired signed link', async () => {
    const { view } = await runToDone(supervisor, await start(supervisor, { kind: 'conversations', format: 'csv', from: today, to: today }));
    const url = new URL(view.url!);
    const path = url.pathname;
    const token = await emu.login('customer');
    expect((await emu.raw(path)).status).toBe(401);
    expect((await emu.raw(`${path}?token=${encodeURIComponent(token)}`)).status).toBe(404); // chat-image route: not a chat image
    expect((await emu.raw(`${path}?e=${url.searchParams.get('e')}&sign=AAAA`)).status).toBe(403);
    expect((await emu.raw(`${path}?e=${Number(url.searchParams.get('e')) + 1}&sign=${url.searchParams.get('sign')}`)).status).toBe(403);
    expect((await emu.raw(`/api/files/exports/other.csv${url.search}`)).status).toBe(403);
    expect((await emu.raw(`${path}${url.search}`)).status).toBe(200);
    // the upload target is the function's only: a forged or unsigned PUT is refused
    expect((await emu.raw('/cos/exports/forged.csv', { method: 'PUT', body: 'x' })).status).toBe(403);
    // a fresh status call hands out a fresh link to the same file
    const again = data<ExportJobView>(await call(supervisor, { action: 'exportStatus', id: view.id }));
    expect(again.fileID).toBe(view.fileID);
    expect((await fetch(again.url!)).status).toBe(200);
  });
});
