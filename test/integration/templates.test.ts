// Service notifications end to end: grants (app side and WeChat side), the reminder timer, notify()
// through the real bundle and wx-server-sdk, the emulator's WeChat verdicts (43101, 47003), daily cap,
// quiet hours, permissions and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFieldValue, fieldTypeOf } from '../../core/templates/fields';
import { hhmmOf } from '../../core/templates/time';
import { judgeSubscribeSend } from '../../emulator/outbox';
import { data, errorCode, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

type Rec = { id: string; touser: string; event: string; templateId: string; page: string; data: Record<string, { value: string }>; status: string; reason: string; errCode?: number; sendAfter?: string; sentAt?: string };
type OutboxEntry = { touser: string; template_id: string; page: string; data: Record<string, { value: string }>; miniprogram_state: string; errcode?: number };

const REMINDER = 'tmpl-appointment-reminder';
const minutes = (m: number) => new Date(Date.now() + m * 60_000);

describe('templates: service notifications', () => {
  let emu: TestEmulator;
  let admin: string;
  let seq = 0;

  const tick = async () => {
    const res = await emu.raw('/api/dev/trigger/templates', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: { result: { ok: boolean; data: unknown } } }).data.result;
  };
  const outbox = async (touser: string, all = false) => {
    const res = (await (await emu.raw(`/api/dev/outbox${all ? '?all=1' : ''}`)).json()) as { data: OutboxEntry[] };
    return res.data.filter((m) => m.touser === touser);
  };
  const wechatSubscribe = (token: string, accepted: string[]) =>
    emu.raw('/api/dev/subscribe', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ accepted }) });
  /** What the booking page does: WeChat's dialog (h5: the dev route), then tell our function. */
  const subscribeBoth = async (token: string, ids: string[]) => {
    expect((await wechatSubscribe(token, ids)).status).toBe(200);
    expect(data<{ recorded: number }>(await emu.call(token, 'templates', { action: 'grant', accepted: ids })).recorded).toBe(ids.length);
  };
  const customer = async (name: string) => {
    const openid = `tpl-${name}-${++seq}`;
    return { openid, token: await emu.login('customer', { openid }) };
  };
  const book = (openid: string, startInMinutes: number, extra: Record<string, unknown> = {}) => {
    const start = minutes(startInMinutes);
    const [id] = emu.db.insert('appointments', [
      {
        serviceId: 'svc-install',
        customer: openid,
        start,
        end: new Date(start.getTime() + 2 * 3600_000),
        status: 'confirmed',
        name: '张三',
        phone: '13800138000',
        address: '深圳市南山区科技园南区高新南七道十二号创维大厦A座',
        note: '',
        createdAt: new Date(),
        ...extra,
      },
    ]);
    return id!;
  };
  const records = (touser: string) => emu.db.find('notifications', { touser }, { sort: { createdAt: 1 } }).map((n) => opened(emu, 'notifications', n)) as unknown as Rec[];
  const appGrants = (openid: string, templateId = REMINDER) => (emu.db.get('subscriptions', `${openid}|${templateId}`)?.remaining as number | undefined) ?? 0;
  const wechatGrants = (openid: string, templateId = REMINDER) => (emu.db.get('_emulator_wechat_subscriptions', `${openid}|${templateId}`)?.remaining as number | undefined) ?? 0;
  const saveSettings = async (settings: { dailyCap?: number; quietStart: string; quietEnd: string }) =>
    data(await emu.call(admin, 'templates', { action: 'saveSettings', dailyCap: 5, ...settings }));
  /** No quiet hours (start = end), whatever the time the tests run at. */
  const noQuietHours = () => saveSettings({ quietStart: '00:00', quietEnd: '00:00' });

  beforeAll(async () => {
    emu = await startTestEmulator();
    admin = await emu.login('admin');
    await noQuietHours();
  });
  afterAll(() => emu.close());

  it('seeds a template for every event and the default settings', async () => {
    const list = data<Array<{ event: string; templateId: string; fields: Array<{ key: string; type: string }> }>>(await emu.call(admin, 'templates', { action: 'list' }));
    expect(list.map((t) => t.event).sort()).toEqual(['agent_replied', 'appointment_cancelled', 'appointment_confirmed', 'appointment_reminder', 'appointment_rescheduled', 'message_answered', 'rate_request']);
    for (const t of list) for (const f of t.fields) expect(f.type).toBe(fieldTypeOf(f.key));
    expect(emu.db.get('settings', 'notifications')).toMatchObject({ dailyCap: 5 });
  });

  it('available lists the enabled templates of the asked events, for requestSubscribeMessage', async () => {
    const { token } = await customer('avail');
    const list = data<Array<{ event: string; templateId: string; title: string }>>(await emu.call(token, 'templates', { action: 'available', events: ['appointment_confirmed', 'appointment_reminder'] }));
    expect(list).toEqual([
      { event: 'appointment_confirmed', templateId: 'tmpl-appointment-confirmed', title: '预约成功通知' },
      { event: 'appointment_reminder', templateId: REMINDER, title: '预约提醒' },
    ]);
  });

  it('grant → reminder tick → outbox with valid fields, exactly once across ticks (even concurrent ones)', async () => {
    const { openid, token } = await customer('remind');
    await subscribeBoth(token, [REMINDER]);
    // Unknown template ids are ignored.
    expect(data<{ recorded: number }>(await emu.call(token, 'templates', { action: 'grant', accepted: ['tmpl-unknown'] })).recorded).toBe(0);
    expect(emu.db.count('subscriptions', { openid })).toBe(1);
    const id = book(openid, 90);

    await Promise.all([tick(), tick()]);
    await tick();

    const sent = await outbox(openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: REMINDER, page: `pages/appointments/index?id=${id}`, miniprogram_state: 'formal' });
    expect(sent[0]!.data.thing1).toEqual({ value: '上门安装' });
    expect(sent[0]!.data.time2!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(sent[0]!.data.thing3!.value).toHaveLength(20);
    expect(sent[0]!.data.thing3!.value.endsWith('…')).toBe(true);
    expect(sent[0]!.data.thing4!.value).toContain('2小时');
    for (const [key, { value }] of Object.entries(sent[0]!.data)) expect(checkFieldValue(fieldTypeOf(key)!, value)).toBeNull();

    const recs = records(openid);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ event: 'appointment_reminder', status: 'sent', templateId: REMINDER });
    expect(emu.db.get('appointments', id)).toMatchObject({ reminded2h: true, remindedDayBefore: true });
    expect(appGrants(openid)).toBe(0);
    expect(wechatGrants(openid)).toBe(0);
  });

  it('reminder windows: day-before for 2–24 h ahead, nothing beyond 24 h, started or cancelled', async () => {
    const { openid, token } = await customer('windows');
    await subscribeBoth(token, [REMINDER]);
    const tomorrow = book(openid, 23 * 60);
    const later = book(openid, 25 * 60);
    const started = book(openid, -10);
    const cancelled = book(openid, 60, { status: 'cancelled' });
    await tick();
    await tick();
    const recs = records(openid);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.status).toBe('sent');
    expect(recs[0]!.data.thing4!.value).toBe('您的预约临近，请合理安排时间');
    expect(emu.db.get('appointments', tomorrow)).toMatchObject({ remindedDayBefore: true });
    expect(emu.db.get('appointments', tomorrow)!.reminded2h).toBeUndefined();
    for (const id of [later, started, cancelled]) expect(emu.db.get('appointments', id)!.remindedDayBefore).toBeUndefined();
  });

  it('no grant: a skipped_no_grant record, not an error, and nothing in the outbox', async () => {
    const { openid } = await customer('nogrant');
    book(openid, 90);
    const result = await tick();
    expect(result.ok).toBe(true);
    const recs = records(openid);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ status: 'skipped_no_grant', templateId: REMINDER });
    expect(recs[0]!.reason).toMatch(/没有订阅/);
    expect(await outbox(openid, true)).toHaveLength(0);
  });

  it('a grant recorded by the app but not by WeChat: WeChat answers 43101, recorded as refused, nothing given back', async () => {
    const { openid, token } = await customer('refused');
    expect(data<{ recorded: number }>(await emu.call(token, 'templates', { action: 'grant', accepted: [REMINDER] })).recorded).toBe(1);
    book(openid, 90);
    await tick();
    const recs = records(openid);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ status: 'refused', errCode: 43101 });
    expect(recs[0]!.reason).toMatch(/拒绝/);
    expect(appGrants(openid)).toBe(0);
    expect(await outbox(openid)).toHaveLength(0);
    expect(await outbox(openid, true)).toMatchObject([{ errcode: 43101, template_id: REMINDER }]);
  });

  it('daily cap: sends beyond the cap are skipped and keep their grant', async () => {
    const { openid, token } = await customer('cap');
    for (let i = 0; i < 3; i++) await subscribeBoth(token, [REMINDER]);
    expect(appGrants(openid)).toBe(3);
    await saveSettings({ dailyCap: 2, quietStart: '00:00', quietEnd: '00:00' });
    try {
      for (let i = 0; i < 3; i++) book(openid, 60 + i);
      await tick();
      const statuses = records(openid).map((r) => r.status);
      expect(statuses.filter((s) => s === 'sent')).toHaveLength(2);
      expect(statuses.filter((s) => s === 'skipped_cap')).toHaveLength(1);
      expect(records(openid).find((r) => r.status === 'skipped_cap')!.reason).toMatch(/每日上限 2 条/);
      expect(await outbox(openid)).toHaveLength(2);
      expect(appGrants(openid)).toBe(1);
    } finally {
      await noQuietHours();
    }
  });

  it('quiet hours: queued with its grant reserved, then sent by the first tick after them, once', async () => {
    const { openid, token } = await customer('quiet');
    await subscribeBoth(token, [REMINDER]);
    const now = new Date();
    await saveSettings({ quietStart: hhmmOf(new Date(now.getTime() - 3600_000)), quietEnd: hhmmOf(new Date(now.getTime() + 3600_000)) });
    try {
      book(openid, 90);
      await tick();
      let recs = records(openid);
      expect(recs).toHaveLength(1);
      expect(recs[0]!.status).toBe('queued');
      expect(recs[0]!.reason).toMatch(/免打扰/);
      const sendAfter = new Date(recs[0]!.sendAfter!);
      expect(Math.abs(sendAfter.getTime() - (now.getTime() + 3600_000))).toBeLessThan(120_000);
      expect(appGrants(openid)).toBe(0); // reserved for this message
      await tick();
      expect(records(openid).map((r) => r.status)).toEqual(['queued']);
      expect(await outbox(openid)).toHaveLength(0);

      // Quiet hours now end before this moment: the next tick sends the queue.
      await saveSettings({ quietStart: hhmmOf(new Date(now.getTime() + 2 * 3600_000)), quietEnd: hhmmOf(new Date(now.getTime() + 3 * 3600_000)) });
      await Promise.all([tick(), tick()]);
      await tick();
      recs = records(openid);
      expect(recs).toHaveLength(1);
      expect(recs[0]!.status).toBe('sent');
      expect(recs[0]!.sentAt).toBeDefined();
      expect(await outbox(openid)).toHaveLength(1);
      expect(wechatGrants(openid)).toBe(0);
    } finally {
      await noQuietHours();
    }
  });

  it('quiet hours that outlast the appointment: the reminder is not held past its start, and a stale queued one is dropped', async () => {
    const now = new Date();
    const { openid, token } = await customer('stale');
    await subscribeBoth(token, [REMINDER]);
    await saveSettings({ quietStart: hhmmOf(new Date(now.getTime() - 3600_000)), quietEnd: hhmmOf(new Date(now.getTime() + 3 * 3600_000)) });
    try {
      book(openid, 90);
      await tick();
      expect(records(openid)).toMatchObject([{ status: 'failed', reason: expect.stringContaining('失去时效') }]);
      expect(appGrants(openid)).toBe(1);

      // Queued while still useful, found stale by the flush (its expiry moved into the past here).
      const other = await customer('stale2');
      await subscribeBoth(other.token, [REMINDER]);
      await saveSettings({ quietStart: hhmmOf(new Date(now.getTime() - 3600_000)), quietEnd: hhmmOf(new Date(now.getTime() + 3600_000)) });
      book(other.openid, 100);
      await tick();
      const [queued] = records(other.openid);
      expect(queued!.status).toBe('queued');
      expect(appGrants(other.openid)).toBe(0);
      emu.db.update('notifications', (queued as unknown as { _id: string })._id, { expiresAt: new Date(Date.now() - 1000) });
      await noQuietHours();
      await tick();
      expect(records(other.openid)).toMatchObject([{ status: 'failed', reason: expect.stringContaining('失去时效') }]);
      expect(appGrants(other.openid)).toBe(1);
      expect(await outbox(other.openid)).toHaveLength(0);
    } finally {
      await noQuietHours();
    }
  });

  it('a value too long for its field type: invalid with a Chinese reason, grant kept, nothing sent', async () => {
    const before = data<Array<{ event: string; templateId: string; title: string; page: string; fields: Array<{ key: string; label: string; source: string }> }>>(
      await emu.call(admin, 'templates', { action: 'list' }),
    ).find((t) => t.event === 'appointment_reminder')!;
    const restore = { action: 'save', event: before.event, templateId: before.templateId, title: before.title, page: before.page, fields: before.fields.map(({ key, label, source }) => ({ key, label, source })) };
    await emu.call(admin, 'templates', { ...restore, fields: [...restore.fields, { key: 'phrase5', label: '备注', source: 'note' }] });
    try {
      const { openid, token } = await customer('invalid');
      await subscribeBoth(token, [REMINDER]);
      book(openid, 90, { note: '请提前电话联系我' });
      await tick();
      const recs = records(openid);
      expect(recs).toHaveLength(1);
      expect(recs[0]!.status).toBe('invalid');
      expect(recs[0]!.reason).toBe('「备注」（phrase5）不能超过 5 个汉字（现为 8 个），不能截断');
      expect(appGrants(openid)).toBe(1);
      expect(await outbox(openid, true)).toHaveLength(0);
    } finally {
      data(await emu.call(admin, 'templates', restore));
    }
  });

  it('the emulated WeChat refuses a field that breaks its rule (47003) without consuming the subscription', async () => {
    // notify() renders by the same rules, so it never sends such a value: WeChat's verdict is checked
    // on the emulator directly, with a thing over 20 characters that did not pass through rendering.
    const { openid, token } = await customer('wx47003');
    await wechatSubscribe(token, ['tmpl-raw']);
    const verdict = judgeSubscribeSend(emu.db, { apiName: 'subscribeMessage.send', touser: openid, template_id: 'tmpl-raw', page: '', data: { thing1: { value: 'x'.repeat(21) } }, miniprogram_state: 'formal', lang: 'zh_CN', extra: {} });
    expect(verdict).toEqual({ errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
    expect(wechatGrants(openid, 'tmpl-raw')).toBe(1);
    expect(judgeSubscribeSend(emu.db, { apiName: 'subscribeMessage.send', touser: openid, template_id: 'tmpl-raw', page: '', data: { thing1: { value: '好' } }, miniprogram_state: 'formal', lang: 'zh_CN', extra: {} }).errcode).toBe(0);
    expect(wechatGrants(openid, 'tmpl-raw')).toBe(0);
  });

  it('a disabled template: skipped_no_template, and not offered by available', async () => {
    const list = data<Array<{ event: string; templateId: string; title: string; page: string; fields: Array<{ key: string; label: string; source: string }> }>>(await emu.call(admin, 'templates', { action: 'list' }));
    const t = list.find((x) => x.event === 'appointment_reminder')!;
    const save = { action: 'save', event: t.event, templateId: t.templateId, title: t.title, page: t.page, fields: t.fields.map(({ key, label, source }) => ({ key, label, source })) };
    data(await emu.call(admin, 'templates', { ...save, enabled: false }));
    try {
      const { openid, token } = await customer('disabled');
      expect(data<unknown[]>(await emu.call(token, 'templates', { action: 'available', events: ['appointment_reminder'] }))).toEqual([]);
      book(openid, 90);
      await tick();
      expect(records(openid).map((r) => r.status)).toEqual(['skipped_no_template']);
    } finally {
      data(await emu.call(admin, 'templates', save));
    }
  });

  it('permissions: customers and QA cannot manage or read the outbox; agents read it masked; admins in full', async () => {
    const { token: cust } = await customer('perm');
    const agent = await emu.login('agent');
    const qa = await emu.login('qa');
    const supervisor = await emu.login('supervisor');
    const tpl = { event: 'rate_request', templateId: 'tmpl-x', title: '评价', fields: [{ key: 'thing1', label: '内容', source: 'topic' }] };
    for (const token of [cust, agent, qa]) {
      expect(errorCode(await emu.call(token, 'templates', { action: 'save', ...tpl }))).toBe('FORBIDDEN');
      expect(errorCode(await emu.call(token, 'templates', { action: 'list' }))).toBe('FORBIDDEN');
      expect(errorCode(await emu.call(token, 'templates', { action: 'remove', id: 'rate_request' }))).toBe('FORBIDDEN');
      expect(errorCode(await emu.call(token, 'templates', { action: 'saveSettings', dailyCap: 50, quietStart: '00:00', quietEnd: '00:00' }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await emu.call(cust, 'templates', { action: 'outbox' }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(qa, 'templates', { action: 'outbox' }))).toBe('FORBIDDEN');
    expect(emu.db.get('notification_templates', 'rate_request')!.templateId).toBe('tmpl-rate-request');

    const masked = data<Rec[]>(await emu.call(agent, 'templates', { action: 'outbox', limit: 200 }));
    expect(masked.length).toBeGreaterThan(0);
    for (const r of masked) expect(r.touser).toMatch(/^.{1,4}\*\*\*$/);
    // The reminders above are about appointments: the schedule, and so their records, are every desk member's.
    const sentOnly = data<Rec[]>(await emu.call(agent, 'templates', { action: 'outbox', status: 'sent' }));
    expect(sentOnly.length).toBeGreaterThan(0);
    expect(sentOnly.every((r) => r.status === 'sent')).toBe(true);
    const full = data<Rec[]>(await emu.call(admin, 'templates', { action: 'outbox', limit: 200 }));
    expect(full.some((r) => r.touser.startsWith('tpl-remind-'))).toBe(true);
    const times = full.map((r) => Date.parse((r as unknown as { createdAt: string }).createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(data<{ dailyCap: number }>(await emu.call(supervisor, 'templates', { action: 'settings' }))).toMatchObject({ dailyCap: 5 });
  });

  it('bad input: an unknown field type, a bad time or status → INVALID_INPUT in Chinese, nothing written', async () => {
    const before = emu.db.get('notification_templates', 'rate_request');
    const audits = emu.db.count('audit_log', {});
    const res = await emu.call(admin, 'templates', { action: 'save', event: 'rate_request', templateId: 'tmpl-y', title: '评价', fields: [{ key: 'site1', label: '地点', source: 'x' }] });
    expect(errorCode(res)).toBe('INVALID_INPUT');
    expect((res.body.error as { message: string }).message).toMatch(/site 不是微信支持的字段类型/);
    const dup = await emu.call(admin, 'templates', { action: 'save', event: 'rate_request', templateId: 'tmpl-y', title: '评价', fields: [{ key: 'thing1', label: 'a', source: 'x' }, { key: 'thing1', label: 'b', source: 'y' }] });
    expect(errorCode(dup)).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(admin, 'templates', { action: 'save', event: 'rate_request', templateId: 'tmpl-y', title: '评价', fields: [{ key: 'Thing-1', label: 'a', source: 'x' }] }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(admin, 'templates', { action: 'save', event: 'no_such_event', templateId: 'tmpl-y', title: '评价', fields: [{ key: 'thing1', label: 'a', source: 'x' }] }))).toBe('INVALID_INPUT');
    expect(emu.db.get('notification_templates', 'rate_request')).toEqual(before);
    expect(emu.db.count('audit_log', {})).toBe(audits);

    expect(errorCode(await emu.call(admin, 'templates', { action: 'saveSettings', dailyCap: 5, quietStart: '25:00', quietEnd: '08:00' }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(admin, 'templates', { action: 'saveSettings', dailyCap: 0, quietStart: '22:00', quietEnd: '08:00' }))).toBe('INVALID_INPUT');
    const status = await emu.call(admin, 'templates', { action: 'outbox', status: 'nonsense' });
    expect(errorCode(status)).toBe('INVALID_INPUT');
    expect((status.body.error as { message: string }).message).toMatch(/没有这种通知状态/);
    expect(emu.db.count('audit_log', {})).toBe(audits);
  });

  it('save, remove and settings are audited', async () => {
    const saved = data<{ id: string; fields: Array<{ type: string }> }>(
      await emu.call(admin, 'templates', { action: 'save', event: 'rate_request', templateId: 'tmpl-rate-2', title: '请为本次服务评分', page: '/pages/chat/index', fields: [{ key: 'thing1', label: '服务内容', source: 'topic' }, { key: 'date2', label: '服务日期', source: 'time' }] }),
    );
    expect(saved).toMatchObject({ id: 'rate_request', fields: [{ type: 'thing' }, { type: 'date' }] });
    expect(emu.db.get('notification_templates', 'rate_request')).toMatchObject({ templateId: 'tmpl-rate-2', page: 'pages/chat/index' });
    expect(data<{ removed: boolean }>(await emu.call(admin, 'templates', { action: 'remove', id: 'rate_request' }))).toEqual({ removed: true });
    expect(data<{ removed: boolean }>(await emu.call(admin, 'templates', { action: 'remove', id: 'rate_request' }))).toEqual({ removed: false });
    const log = data<Array<{ action: string; target: string }>>(await emu.call(admin, 'admin', { action: 'audit', limit: 20 }));
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['template.save', 'template.remove', 'notification.settings']));
  });

  it('the dev subscribe route needs a token and takes at most 3 template ids', async () => {
    const { token } = await customer('route');
    expect((await emu.raw('/api/dev/subscribe', { method: 'POST', body: JSON.stringify({ accepted: ['a'] }) })).status).toBe(401);
    expect((await wechatSubscribe(token, ['a', 'b', 'c', 'd'])).status).toBe(400);
    const bad = await emu.raw('/api/dev/subscribe', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ accepted: 'a' }) });
    expect(bad.status).toBe(400);
    const ok = await wechatSubscribe(token, ['a', 'b']);
    expect(await ok.json()).toEqual({ ok: true, data: { recorded: 2 } });
  });
});
