// Business hours and the routing settings through the real functions: who may read and change them
// (audited, merged, validated), availability for the customer, and a hand-off outside the hours that
// stays with the bot (offering a message or an appointment), by button and by typing 转人工.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hhmmOf } from '../../core/templates/time';
import { agentToken, conv, eventsOf, messagesOf, newChat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface SettingsView {
  replyTimeoutSec: number;
  queueOfferSec: number;
  vipBoost: number;
  urgencyBoost: number;
  agingPerMinute: number;
  maxAging: number;
  urgencyWords: string[];
  businessHours: { days: number[]; start: string; end: string };
}
interface Availability {
  inHours: boolean;
  agentsOnline: number;
  hours: string;
}

const ALL_DAY = { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' };

describe('business hours and routing settings', () => {
  let emu: TestEmulator;
  let sup: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    sup = await emu.login('supervisor');
  });
  afterAll(async () => {
    await emu?.close();
  });

  const settings = async (token: string) => data<SettingsView>(await emu.call(token, 'routing', { action: 'settings' }));
  const save = (token: string, fields: Record<string, unknown>) => emu.call(token, 'routing', { action: 'saveSettings', ...fields });
  /** A one-hour window starting 6 hours from now (UTC+8), every day: closed now, whatever the hour the tests run. */
  const closedNow = () => {
    const start = hhmmOf(new Date(Date.now() + 6 * 3600_000));
    const end = hhmmOf(new Date(Date.now() + 7 * 3600_000));
    return { hours: { days: [1, 2, 3, 4, 5, 6, 7], start, end }, text: `每天 ${start}–${end < start ? '次日' : ''}${end}` };
  };

  it('settings: any desk staff reads the defaults (every day, all day); customers may not', async () => {
    for (const role of ['agent', 'qa', 'supervisor', 'admin']) {
      const view = await settings(await emu.login(role));
      expect(view).toEqual({
        replyTimeoutSec: 60,
        queueOfferSec: 300,
        presenceTimeoutSec: 120,
        vipBoost: 20,
        urgencyBoost: 10,
        agingPerMinute: 1,
        maxAging: 60,
        urgencyWords: ['投诉', '生气', '太慢', '差评', '退款', '紧急', '马上', '骗'],
        businessHours: ALL_DAY,
      });
    }
    const customer = await emu.login('customer', { openid: 'bh-customer' });
    expect(errorCode(await emu.call(customer, 'routing', { action: 'settings' }))).toBe('FORBIDDEN');
  });

  it('saveSettings: supervisors and admins merge fields (audited); others and bad input change nothing', async () => {
    const before = JSON.stringify(emu.db.get('settings', 'routing') ?? null);
    for (const role of ['agent', 'qa', 'customer']) {
      expect(errorCode(await save(await emu.login(role), { vipBoost: 99 }))).toBe('FORBIDDEN');
    }
    for (const bad of [
      { businessHours: { days: [], start: '09:00', end: '18:00' } },
      { businessHours: { days: [0, 1], start: '09:00', end: '18:00' } },
      { businessHours: { days: [8], start: '09:00', end: '18:00' } },
      { businessHours: { days: [1], start: '24:00', end: '18:00' } },
      { businessHours: { days: [1], start: '9:00', end: '18:00' } },
      { businessHours: { days: [1], start: '09:00' } },
      { replyTimeoutSec: 5 },
      { vipBoost: -1 },
      { urgencyWords: ['这是一个超过十个字符的紧急词语'] },
    ]) {
      const res = await save(sup, bad);
      expect(errorCode(res), JSON.stringify(bad)).toBe('INVALID_INPUT');
      expect((res.body.error as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(JSON.stringify(emu.db.get('settings', 'routing') ?? null)).toBe(before);

    const weekdays = { days: [5, 1, 2, 3, 4, 1], start: '09:00', end: '18:00' };
    const saved = data<SettingsView>(await save(sup, { businessHours: weekdays, vipBoost: 30 }));
    expect(saved.businessHours).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    expect(saved.vipBoost).toBe(30);
    // A later save of other fields keeps these.
    const admin = await emu.login('admin');
    const again = data<SettingsView>(await save(admin, { replyTimeoutSec: 90 }));
    expect(again).toMatchObject({ replyTimeoutSec: 90, vipBoost: 30, queueOfferSec: 300, businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } });
    expect(await settings(await emu.login('agent'))).toEqual(again);
    const audit = emu.db.find('audit_log', { action: 'routing.settings' });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ target: 'settings/routing', before: { vipBoost: 20, businessHours: ALL_DAY }, after: { vipBoost: 30 } });

    data(await save(sup, { businessHours: ALL_DAY, vipBoost: 20, replyTimeoutSec: 60 }));
  });

  it('availability: business hours in words and the online agents of the category’s group', async () => {
    const customer = await emu.login('customer', { openid: 'bh-avail' });
    const avail = async (category?: string) => data<Availability>(await emu.call(customer, 'session', { action: 'availability', ...(category ? { category } : {}) }));
    expect(await avail('cat-install')).toEqual({ inHours: true, agentsOnline: 0, hours: '每天 全天' });
    const a3 = await agentToken(emu, 3);
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
    expect((await avail('cat-install')).agentsOnline).toBe(1);
    // No category: the default group (aftersales); presales has nobody online.
    expect((await avail()).agentsOnline).toBe(1);
    expect((await avail('cat-product')).agentsOnline).toBe(0);
    expect(errorCode(await emu.call(customer, 'session', { action: 'availability', category: 'bad category!' }))).toBe('INVALID_INPUT');

    const { hours, text } = closedNow();
    data(await save(sup, { businessHours: hours }));
    expect(await avail('cat-install')).toEqual({ inHours: false, agentsOnline: 1, hours: text });
    data(await save(sup, { businessHours: ALL_DAY }));
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'offline' }));
  });

  it('outside business hours a hand-off (button or 转人工) stays with the bot, which offers 留言 or 预约', async () => {
    const a3 = await agentToken(emu, 3);
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
    const { hours, text } = closedNow();
    data(await save(sup, { businessHours: hours }));

    const chat = await newChat(emu, { category: 'cat-install' });
    const res = data<Record<string, unknown>>(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
    expect(res).toEqual({ status: 'bot', offHours: true });
    expect(conv(emu, chat.conversationId)).toMatchObject({ status: 'bot', handoffAt: null, agentId: null });
    expect(eventsOf(emu, chat.conversationId, 'handoff')).toHaveLength(0);
    const h = data<{ status: string; messages: Array<{ from: string; text: string }>; availability: Availability }>(
      await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }),
    );
    expect(h.availability).toEqual({ inHours: false, agentsOnline: 1, hours: text });
    const line = h.messages.at(-1)!;
    expect(line.from).toBe('bot');
    expect(line.text).toContain('不在人工客服的服务时间');
    expect(line.text).toContain(text);
    expect(line.text).toContain('留言');
    expect(line.text).toContain('预约');

    // Typing 转人工 does the same.
    const count = messagesOf(emu, chat.conversationId).length;
    expect(data<{ status: string }>(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '转人工' })).status).toBe('bot');
    const after = messagesOf(emu, chat.conversationId);
    expect(after).toHaveLength(count + 2);
    expect(after.some((m) => m.from === 'bot' && String(m.text).includes('不在人工客服的服务时间') && (m.createdAt as Date) > (after[count - 1]!.createdAt as Date))).toBe(true);
    expect(eventsOf(emu, chat.conversationId, 'handoff')).toHaveLength(0);

    // Back within hours: the same conversation is handed over and taken at once.
    data(await save(sup, { businessHours: ALL_DAY }));
    const handed = data<{ status: string; offHours?: boolean }>(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
    expect(handed.status).toBe('assigned');
    expect(handed.offHours).toBeUndefined();
    const inHours = data<{ availability: Availability }>(await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }));
    expect(inHours.availability).toEqual({ inHours: true, agentsOnline: 1, hours: '每天 全天' });
    data(await emu.call(a3, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'offline' }));
  });
});
