// Abuse (issue 7): rate limits per user and action held in the database (RATE_LIMITED, nothing stored,
// other users and actions unaffected, a new window works again), the 64 KiB event limit of the wrapper,
// 话术审核 (the staff word list and the agent texts it refuses), and WeChat's msgSecCheck on customer
// texts as the emulator answers and records it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDay } from '../../core/appointments';
import { sha256Hex } from '../../emulator/seccheck';
import { agentToken, conv, messagesOf, newChat } from '../helpers/conversations';
import { data, errorCode, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

type Res = { status: number; body: Record<string, unknown> };
const messageOf = (res: Res) => (res.body.error as { message: string }).message;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SecCheckRecord {
  openid: string;
  scene: number;
  version: number;
  contentLength: number;
  contentSha256: string;
  errcode: number;
  suggest: string | null;
}

describe('abuse (demo data)', () => {
  let emu: TestEmulator;
  let admin: string;
  let supervisor: string;
  let agent1: string;
  beforeAll(async () => {
    // faq.search gets a short window here, so "after the window it works again" needs no 10 s wait.
    emu = await startTestEmulator({ functionEnv: { KEFU_RATE_LIMITS: JSON.stringify({ 'faq.search': { max: 3, windowSec: 2 } }) } });
    admin = await emu.login('admin');
    supervisor = await emu.login('supervisor');
    agent1 = await agentToken(emu, 1);
  });
  afterAll(async () => {
    await emu?.close();
  });

  const secChecks = async (): Promise<SecCheckRecord[]> => {
    const res = await emu.raw('/api/dev/seccheck');
    return ((await res.json()) as { data: SecCheckRecord[] }).data;
  };
  const checkOf = async (openid: string, text: string) => (await secChecks()).find((r) => r.openid === openid && r.contentSha256 === sha256Hex(text));
  const customerTexts = (conversationId: string) => messagesOf(emu, conversationId).filter((m) => m.from === 'customer').map((m) => m.text);

  /** A presales conversation assigned to demo-agent-1. */
  const assignedChat = async () => {
    data(await emu.call(agent1, 'desk', { action: 'setStatus', status: 'online' }));
    const c = await newChat(emu, { category: 'cat-product', prefix: 'abuse' });
    data(await emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));
    expect(conv(emu, c.conversationId).agentId).toBe('demo-agent-1');
    return c;
  };

  describe('rate limits', () => {
    it('the 21st message within 10 s is RATE_LIMITED and not stored; other users and actions go on', async () => {
      const chat = await newChat(emu, { prefix: 'rate' });
      const other = await newChat(emu, { prefix: 'rate' });
      // Start in a fresh 10 s window when little of this one is left, so all 21 calls share one window.
      const left = 10_000 - (Date.now() % 10_000);
      if (left < 4000) await sleep(left + 50);
      for (let i = 1; i <= 20; i++) data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: `第 ${i} 条消息` }));
      const refused = await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '第 21 条消息' });
      expect(errorCode(refused)).toBe('RATE_LIMITED');
      expect(messageOf(refused)).toMatch(/^操作太频繁，请 \d+ 秒后再试$/);
      const texts = customerTexts(chat.conversationId);
      expect(texts).toHaveLength(20);
      expect(texts).not.toContain('第 21 条消息');
      // Someone else, and another action of the same user, are not affected.
      data(await emu.call(other.token, 'session', { action: 'send', conversationId: other.conversationId, text: '我也想问' }));
      data(await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }));
      data(await emu.call(chat.token, 'faq', { action: 'ask', text: '怎么退款' }));
      // The counter lives in the database (every instance shares it), with the end of its window.
      const counter = emu.db.find('rate_limits', { openid: chat.openid, key: 'session.send' })[0]!;
      expect(counter.count).toBe(20);
      expect(counter.expiresAt).toBeInstanceOf(Date);
    });

    it('bad input is refused before the limit and uses none of it', async () => {
      const chat = await newChat(emu, { prefix: 'rate' });
      for (let i = 0; i < 25; i++) expect(errorCode(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '' }))).toBe('INVALID_INPUT');
      expect(emu.db.count('rate_limits', { openid: chat.openid, key: 'session.send' })).toBe(0);
    });

    it('after the window the action works again', async () => {
      const token = await emu.login('customer', { openid: `rate-search-${process.pid}` });
      let refused: Res | null = null;
      for (let i = 0; i < 20 && !refused; i++) {
        const res = await emu.call(token, 'faq', { action: 'search', q: '退款' });
        if (errorCode(res) === 'RATE_LIMITED') refused = res;
        else data(res);
      }
      expect(refused).not.toBeNull();
      expect(messageOf(refused!)).toMatch(/请 [12] 秒后再试/);
      await sleep(2100);
      data(await emu.call(token, 'faq', { action: 'search', q: '退款' }));
    });

    it('invitation codes cannot be brute-forced: the 6th guess in 10 minutes is refused', async () => {
      const token = await emu.login('customer', { openid: `rate-guess-${process.pid}` });
      for (let i = 0; i < 5; i++) expect(errorCode(await emu.call(token, 'admin', { action: 'acceptInvite', code: `WRONG-CODE-${i}` }))).toBe('NOT_FOUND');
      expect(errorCode(await emu.call(token, 'admin', { action: 'acceptInvite', code: 'WRONG-CODE-X' }))).toBe('RATE_LIMITED');
    });

    it('the hourly housekeeping purges counters whose window is over and keeps the current ones', async () => {
      const live = emu.db.find('rate_limits', {}).length;
      expect(live).toBeGreaterThan(0);
      emu.db.insert('rate_limits', [{ _id: 'old-user|session.send|1', openid: 'old-user', key: 'session.send', count: 3, expiresAt: new Date(Date.now() - 60_000) }]);
      const res = await emu.raw('/api/dev/trigger/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trigger: 'housekeeping' }) });
      const out = (await res.json()) as { data: { result: { data: { rateLimitsPurged: number } } } };
      expect(out.data.result.data.rateLimitsPurged).toBeGreaterThanOrEqual(1);
      expect(emu.db.get('rate_limits', 'old-user|session.send|1')).toBeFalsy();
      expect(emu.db.count('rate_limits', { expiresAt: { $gt: new Date() } })).toBeGreaterThan(0);
    });
  });

  describe('request size', () => {
    it('the gateway answers 413 and the wrapper itself refuses an event over 64 KiB, writing nothing', async () => {
      const chat = await newChat(emu, { prefix: 'size' });
      const big = { action: 'send', conversationId: chat.conversationId, text: '长'.repeat(30_000) };
      expect((await emu.call(chat.token, 'session', big)).status).toBe(413);
      // A weapp call reaches the function without the gateway: the same limit in the wrapper.
      const direct = await emu.host.invoke('session', big, { openid: chat.openid, appid: 'wx-test', source: 'wx_client' });
      expect(direct.ok && direct.result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大' } });
      const padded = await emu.host.invoke('session', { action: 'send', conversationId: chat.conversationId, text: '你好', padding: 'x'.repeat(70_000) }, { openid: chat.openid, appid: 'wx-test', source: 'wx_client' });
      expect(padded.ok && padded.result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大' } });
      expect(customerTexts(chat.conversationId)).toEqual([]);
      expect(emu.db.count('rate_limits', { openid: chat.openid, key: 'session.send' })).toBe(0);
    });
  });

  describe('话术审核', () => {
    it('supervisors and admins read and save the list (audited); agents and customers may not', async () => {
      const customer = await emu.login('customer', { openid: `mod-cust-${process.pid}` });
      expect(errorCode(await emu.call(agent1, 'admin', { action: 'moderation' }))).toBe('FORBIDDEN');
      expect(errorCode(await emu.call(customer, 'admin', { action: 'saveModeration', words: ['x'] }))).toBe('FORBIDDEN');
      expect(errorCode(await emu.call(agent1, 'admin', { action: 'saveModeration', words: ['x'] }))).toBe('FORBIDDEN');
      expect(data<{ words: string[] }>(await emu.call(admin, 'admin', { action: 'moderation' })).words).toEqual([]);

      const saved = data<{ words: string[]; updatedAt: string }>(await emu.call(supervisor, 'admin', { action: 'saveModeration', words: [' 加微信 ', '保证赔偿', 'ＶＸ', 'vx'] }));
      expect(saved.words).toEqual(['加微信', '保证赔偿', 'ＶＸ']);
      expect(data<{ words: string[] }>(await emu.call(admin, 'admin', { action: 'moderation' })).words).toEqual(['加微信', '保证赔偿', 'ＶＸ']);
      const entry = emu.db.find('audit_log', { action: 'moderation.save' })[0]!;
      expect(entry).toMatchObject({ target: 'settings/moderation', before: { words: [] }, after: { words: ['加微信', '保证赔偿', 'ＶＸ'] } });

      const before = JSON.stringify([emu.db.get('settings', 'moderation'), emu.db.count('audit_log')]);
      expect(errorCode(await emu.call(admin, 'admin', { action: 'saveModeration', words: Array.from({ length: 201 }, (_, i) => `词${i}`) }))).toBe('INVALID_INPUT');
      expect(errorCode(await emu.call(admin, 'admin', { action: 'saveModeration', words: ['长'.repeat(21)] }))).toBe('INVALID_INPUT');
      expect(errorCode(await emu.call(admin, 'admin', { action: 'saveModeration', words: [''] }))).toBe('INVALID_INPUT');
      expect(JSON.stringify([emu.db.get('settings', 'moderation'), emu.db.count('audit_log')])).toBe(before);
    });

    it('a reply with a listed word is refused with the word named, and nothing is stored', async () => {
      const chat = await assignedChat();
      const snapshot = () => JSON.stringify([messagesOf(emu, chat.conversationId), conv(emu, chat.conversationId), emu.db.count('events', { conversationId: chat.conversationId })]);
      const before = snapshot();
      const refused = await emu.call(agent1, 'desk', { action: 'reply', conversationId: chat.conversationId, text: '您可以加 微信 或者 v x 联系我' });
      expect(errorCode(refused)).toBe('INVALID_INPUT');
      expect(messageOf(refused)).toBe('回复中含有不允许使用的词：「加微信」「ＶＸ」，请修改后再发送');
      expect(snapshot()).toBe(before);
      data(await emu.call(agent1, 'desk', { action: 'reply', conversationId: chat.conversationId, text: '您好，请描述一下问题' }));
      expect(messagesOf(emu, chat.conversationId).filter((m) => m.from === 'agent').map((m) => m.text)).toEqual(['您好，请描述一下问题']);
    });

    it('quick replies and answers to left messages are checked the same way', async () => {
      const quickBefore = emu.db.count('quick_replies');
      const qr = await emu.call(agent1, 'desk', { action: 'saveQuickReply', scope: 'personal', title: '售后', text: '我们保证赔偿您的损失' });
      expect(errorCode(qr)).toBe('INVALID_INPUT');
      expect(messageOf(qr)).toContain('「保证赔偿」');
      expect(emu.db.count('quick_replies')).toBe(quickBefore);

      const customer = await emu.login('customer', { openid: `mod-left-${process.pid}` });
      const left = data<{ id: string }>(await emu.call(customer, 'session', { action: 'leaveMessage', text: '空调漏水怎么办' }));
      // Left messages go to the default group (售后): one of its agents answers.
      const agent3 = await agentToken(emu, 3);
      const answer = await emu.call(agent3, 'desk', { action: 'answerMessage', id: left.id, text: '请加微信详聊' });
      expect(errorCode(answer)).toBe('INVALID_INPUT');
      expect(messageOf(answer)).toContain('「加微信」');
      expect(emu.db.get('left_messages', left.id)?.status).toBe('open');
      data(await emu.call(agent3, 'desk', { action: 'answerMessage', id: left.id, text: '师傅明天上门查看' }));
    });
  });

  describe('msgSecCheck', () => {
    it('every customer text is checked (recorded by the emulator without the text); a passing one is stored', async () => {
      const chat = await newChat(emu, { prefix: 'sec' });
      data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '我的订单还没发货' }));
      expect(customerTexts(chat.conversationId)).toEqual(['我的订单还没发货']);
      const record = await checkOf(chat.openid, '我的订单还没发货');
      expect(record).toMatchObject({ scene: 1, version: 2, contentLength: 8, errcode: 0, suggest: 'pass' });
      expect(JSON.stringify(await secChecks())).not.toContain('我的订单还没发货');
    });

    it('a risky text is refused and nothing is written: message, first message, left message, rating, booking note', async () => {
      const chat = await newChat(emu, { prefix: 'sec' });
      const before = JSON.stringify([messagesOf(emu, chat.conversationId), conv(emu, chat.conversationId)]);
      const refused = await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '这是一段违规测试内容' });
      expect(errorCode(refused)).toBe('INVALID_INPUT');
      expect(messageOf(refused)).toBe('消息可能包含违规内容，未能发送');
      expect(JSON.stringify([messagesOf(emu, chat.conversationId), conv(emu, chat.conversationId)])).toBe(before);
      expect((await checkOf(chat.openid, '这是一段违规测试内容'))?.suggest).toBe('risky');

      const fresh = `sec-new-${process.pid}`;
      const freshToken = await emu.login('customer', { openid: fresh });
      expect(errorCode(await emu.call(freshToken, 'session', { action: 'start', text: '违规测试内容' }))).toBe('INVALID_INPUT');
      expect(emu.db.count('conversations', { customer: fresh })).toBe(0);

      expect(errorCode(await emu.call(chat.token, 'session', { action: 'leaveMessage', text: '违规测试内容', conversationId: chat.conversationId }))).toBe('INVALID_INPUT');
      expect(emu.db.count('left_messages', { customer: chat.openid })).toBe(0);
      expect(conv(emu, chat.conversationId).status).toBe('bot');

      data(await emu.call(chat.token, 'session', { action: 'close', conversationId: chat.conversationId }));
      expect(errorCode(await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: 1, comment: '违规测试内容' }))).toBe('INVALID_INPUT');
      expect(conv(emu, chat.conversationId).rated).toBe(false);

      const day = addDays(businessDay(new Date()), 2);
      const slots = data<Array<{ start: string; remaining: number }>>(await emu.call(chat.token, 'appointment', { action: 'slots', serviceId: 'svc-install', date: day }));
      const slot = slots.find((s) => s.remaining > 0);
      expect(slot).toBeDefined();
      const booking = { action: 'book', serviceId: 'svc-install', start: slot!.start, name: '张三', phone: '13800138000' };
      expect(errorCode(await emu.call(chat.token, 'appointment', { ...booking, note: '违规测试内容' }))).toBe('INVALID_INPUT');
      expect(emu.db.count('appointments', { customer: chat.openid })).toBe(0);
      const ok = data<{ id: string }>(await emu.call(chat.token, 'appointment', { ...booking, note: '请下午来' }));
      expect(opened(emu, 'appointments', emu.db.get('appointments', ok.id)!).note).toBe('请下午来');
    });

    it('review: stored and flagged for staff only; a failing check lets the text through', async () => {
      const chat = await assignedChat();
      data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '一段待复核测试内容' }));
      data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '检测失败测试内容也要送达' }));
      const stored = messagesOf(emu, chat.conversationId).filter((m) => m.from === 'customer');
      expect(stored.map((m) => [m.text, m.secReview ?? null])).toEqual([
        ['一段待复核测试内容', true],
        ['检测失败测试内容也要送达', null],
      ]);
      expect((await checkOf(chat.openid, '检测失败测试内容也要送达'))?.errcode).toBe(-1);
      const desk = data<{ messages: Array<{ text: string; secReview?: boolean }> }>(await emu.call(agent1, 'desk', { action: 'conversation', conversationId: chat.conversationId }));
      expect(desk.messages.find((m) => m.text === '一段待复核测试内容')?.secReview).toBe(true);
      const mine = data<{ messages: Array<{ text: string; secReview?: boolean }> }>(await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }));
      expect(mine.messages.find((m) => m.text === '一段待复核测试内容')?.secReview).toBeUndefined();
    });

    it('a booking whose address or note needs a review is kept, flagged for staff only', async () => {
      const token = await emu.login('customer', { openid: `sec-book-${process.pid}` });
      const day = addDays(businessDay(new Date()), 3);
      const slots = data<Array<{ start: string; remaining: number }>>(await emu.call(token, 'appointment', { action: 'slots', serviceId: 'svc-install', date: day }));
      const slot = slots.find((s) => s.remaining > 0)!;
      const booked = data<{ id: string }>(await emu.call(token, 'appointment', { action: 'book', serviceId: 'svc-install', start: slot.start, name: '李四', phone: '13800138001', address: '待复核测试内容 小区 3 栋' }));
      expect((await checkOf(`sec-book-${process.pid}`, '待复核测试内容 小区 3 栋'))?.suggest).toBe('review');
      const staffView = data<Array<{ id: string; review?: boolean }>>(await emu.call(agent1, 'appointment', { action: 'list', date: day })).find((a) => a.id === booked.id);
      expect(staffView?.review).toBe(true);
      const own = data<Array<{ id: string; review?: boolean }>>(await emu.call(token, 'appointment', { action: 'mine' })).find((a) => a.id === booked.id);
      expect(own).toBeDefined();
      expect(own?.review).toBeUndefined();
    });
  });
});
