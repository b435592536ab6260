// Leaving a message for the team (留言) and answering it, through the real functions: from no
// conversation or from a waiting one (which leaves the queue), the refusals that write nothing, the
// customer's and the desk's lists (phone numbers masked for staff), one answer only, and the customer
// told (signal) and notified (message_answered).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, conv, eventsOf, newChat } from '../helpers/conversations';
import { data, errorCode, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface LeftMessage {
  id: string;
  text: string;
  phone: string;
  status: 'open' | 'answered';
  answer?: string;
  answeredByName?: string;
  answeredAt?: string;
  createdAt: string;
  customerName?: string;
  conversationId?: string;
}

const ANSWERED_TEMPLATE = 'tmpl-message-answered';

describe('left messages (留言)', () => {
  let emu: TestEmulator;
  let a4: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    const admin = await emu.login('admin');
    // No quiet hours, whatever the hour the tests run at.
    data(await emu.call(admin, 'templates', { action: 'saveSettings', dailyCap: 5, quietStart: '00:00', quietEnd: '00:00' }));
    // An aftersales agent online who takes nobody (capacity 0): there to be told, while customers stay queued.
    data(await emu.call(await emu.login('supervisor'), 'routing', { action: 'setCapacity', openid: 'demo-agent-4', capacity: 0 }));
    a4 = await agentToken(emu, 4);
    data(await emu.call(a4, 'desk', { action: 'setStatus', status: 'online' }));
  });
  afterAll(async () => {
    await emu?.close();
  });

  const leave = (token: string, fields: Record<string, unknown>) => emu.call(token, 'session', { action: 'leaveMessage', ...fields });
  const signal = (openid: string) => emu.db.get('signals', openid) as { seq: number; kinds: string[] } | null;
  const handoff = async (c: { token: string; conversationId: string }) => data<{ status: string }>(await emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));
  const deskList = async (token: string, status?: string) => data<LeftMessage[]>(await emu.call(token, 'desk', { action: 'leftMessages', ...(status ? { status } : {}) }));
  const mine = async (token: string) => data<LeftMessage[]>(await emu.call(token, 'session', { action: 'myMessages' }));

  it('without a conversation: stored for the default group; the customer sees it as written', async () => {
    const token = await emu.login('customer', { openid: 'lm-alone', name: '王先生' });
    const agentSeq = signal('demo-agent-4')?.seq ?? 0;
    const left = data<LeftMessage>(await leave(token, { text: '热水器漏水，请回电 13812348000', phone: '138 1234 8000' }));
    expect(left).toMatchObject({ text: '热水器漏水，请回电 13812348000', phone: '13812348000', status: 'open' });
    expect(left.customerName).toBeUndefined();
    expect(opened(emu, 'left_messages', emu.db.get('left_messages', left.id)!)).toMatchObject({ customer: 'lm-alone', customerName: '王先生', groupId: 'grp-aftersales', phone: '13812348000', status: 'open' });
    // The group's online staff and the customer are told.
    expect(signal('demo-agent-4')).toMatchObject({ kinds: ['messages'] });
    expect(signal('demo-agent-4')!.seq).toBeGreaterThan(agentSeq);
    expect(signal('lm-alone')).toMatchObject({ kinds: ['messages'] });
    // Without a phone number.
    const second = data<LeftMessage>(await leave(token, { text: '另外想问下保修期' }));
    expect(second.phone).toBe('');
    expect((await mine(token)).map((m) => m.id)).toEqual([second.id, left.id]);
    expect(await mine(await emu.login('customer', { openid: 'lm-nobody' }))).toEqual([]);
  });

  it('from a queued conversation: it is closed (已留言) and leaves the queue; the one behind moves up', async () => {
    const first = await newChat(emu, { category: 'cat-install', prefix: 'lm-q' });
    const behind = await newChat(emu, { category: 'cat-install', prefix: 'lm-q' });
    expect((await handoff(first)).status).toBe('queued');
    expect((await handoff(behind)).status).toBe('queued');
    const position = async () => data<{ queuePosition?: number }>(await emu.call(behind.token, 'session', { action: 'history', conversationId: behind.conversationId })).queuePosition;
    expect(await position()).toBe(2);

    const left = data<LeftMessage>(await leave(first.token, { text: '等太久了，麻烦回电', phone: '13900001111', conversationId: first.conversationId }));
    expect(conv(emu, first.conversationId)).toMatchObject({ status: 'closed', closeReason: '已留言', resolved: null });
    expect(eventsOf(emu, first.conversationId, 'closed_by_customer')).toHaveLength(1);
    expect(opened(emu, 'left_messages', emu.db.get('left_messages', left.id)!)).toMatchObject({ conversationId: first.conversationId, groupId: 'grp-aftersales' });
    expect(await position()).toBe(1);

    // From a bot conversation (never handed over) too.
    const bot = await newChat(emu, { category: 'cat-product', prefix: 'lm-b' });
    const fromBot = data<LeftMessage>(await leave(bot.token, { text: '想了解新品', conversationId: bot.conversationId }));
    expect(conv(emu, bot.conversationId)).toMatchObject({ status: 'closed', closeReason: '已留言' });
    expect(emu.db.get('left_messages', fromBot.id)).toMatchObject({ groupId: 'grp-presales' });

    data(await emu.call(behind.token, 'session', { action: 'close', conversationId: behind.conversationId }));
  });

  it('refused: an assigned or closed conversation (CONFLICT), someone else’s (NOT_FOUND), bad input; nothing written', async () => {
    const a3 = await agentToken(emu, 3);
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
    const served = await newChat(emu, { category: 'cat-install', prefix: 'lm-r' });
    expect((await handoff(served)).status).toBe('assigned');
    const closed = await newChat(emu, { prefix: 'lm-r' });
    data(await emu.call(closed.token, 'session', { action: 'close', conversationId: closed.conversationId }));
    const other = await newChat(emu, { prefix: 'lm-r' });

    const snapshot = () => JSON.stringify([emu.db.find('left_messages', {}, { sort: { _id: 1 } }), emu.db.find('conversations', {}, { sort: { _id: 1 } })]);
    const before = snapshot();
    const assigned = await leave(served.token, { text: '留个言', conversationId: served.conversationId });
    expect(errorCode(assigned)).toBe('CONFLICT');
    expect((assigned.body.error as { message: string }).message).toBe('客服正在为您服务，可直接发送消息');
    expect(errorCode(await leave(closed.token, { text: '留个言', conversationId: closed.conversationId }))).toBe('CONFLICT');
    expect(errorCode(await leave(other.token, { text: '留个言', conversationId: served.conversationId }))).toBe('NOT_FOUND');
    expect(errorCode(await leave(other.token, { text: '留个言', conversationId: 'forged-id-123' }))).toBe('NOT_FOUND');
    for (const bad of [{ text: '' }, { text: '   ' }, { text: '长'.repeat(501) }, { text: '留言', phone: '12345' }, { text: '留言', phone: '23812348000' }, { text: '留言', conversationId: '../x' }, {}]) {
      const res = await leave(other.token, bad);
      expect(errorCode(res), JSON.stringify(bad)).toBe('INVALID_INPUT');
      expect((res.body.error as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(snapshot()).toBe(before);

    data(await emu.call(a3, 'desk', { action: 'close', conversationId: served.conversationId, resolved: true }));
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'offline' }));
    data(await emu.call(other.token, 'session', { action: 'close', conversationId: other.conversationId }));
  });

  it('the desk lists open ones first (oldest first) with numbers masked; only desk staff may read it', async () => {
    const list = await deskList(await emu.login('supervisor'));
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list.every((m) => m.status === 'open')).toBe(true);
    const created = list.map((m) => m.createdAt);
    expect([...created].sort()).toEqual(created);
    const first = list.find((m) => m.text.includes('热水器漏水'))!;
    expect(first).toMatchObject({ text: '热水器漏水，请回电 138****8000', phone: '138****8000', customerName: '王先生', status: 'open' });
    expect(JSON.stringify(list)).not.toContain('13812348000');
    expect(list.find((m) => m.text === '等太久了，麻烦回电')).toMatchObject({ phone: '139****1111', conversationId: expect.any(String) });

    for (const role of ['customer', 'qa']) {
      expect(errorCode(await emu.call(await emu.login(role), 'desk', { action: 'leftMessages' }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await emu.call(a4, 'desk', { action: 'leftMessages', status: 'closed' }))).toBe('INVALID_INPUT');
    expect(await deskList(a4, 'answered')).toEqual([]);
    // An agent's desk lists those left for their own groups only (here aftersales, not the presales one).
    const atAgentDesk = (await deskList(a4, 'open')).map((m) => m.id);
    expect(atAgentDesk).toEqual(list.filter((m) => emu.db.get('left_messages', m.id)?.groupId === 'grp-aftersales').map((m) => m.id));
    expect(atAgentDesk.length).toBeLessThan(list.length);
  });

  it('answered once: the customer sees the answer, is told and notified (message_answered)', async () => {
    const customer = await emu.login('customer', { openid: 'lm-notify', name: '李女士' });
    expect((await emu.raw('/api/dev/subscribe', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${customer}` }, body: JSON.stringify({ accepted: [ANSWERED_TEMPLATE] }) })).status).toBe(200);
    data(await emu.call(customer, 'templates', { action: 'grant', accepted: [ANSWERED_TEMPLATE] }));
    const left = data<LeftMessage>(await leave(customer, { text: '发票怎么开？', phone: '13700001234' }));
    const customerSeq = signal('lm-notify')!.seq;

    const answered = data<LeftMessage>(await emu.call(a4, 'desk', { action: 'answerMessage', id: left.id, text: '在订单详情页申请电子发票即可。' }));
    expect(answered).toMatchObject({ id: left.id, status: 'answered', answer: '在订单详情页申请电子发票即可。', answeredByName: '售后小雨', phone: '137****1234', customerName: '李女士' });
    expect(opened(emu, 'left_messages', emu.db.get('left_messages', left.id)!)).toMatchObject({ status: 'answered', answeredBy: 'demo-agent-4' });
    expect(signal('lm-notify')!.seq).toBeGreaterThan(customerSeq);
    expect(signal('lm-notify')!.kinds).toEqual(['messages']);

    const [own] = await mine(customer);
    expect(own).toMatchObject({ id: left.id, status: 'answered', answer: '在订单详情页申请电子发票即可。', answeredByName: '售后小雨', phone: '13700001234' });
    expect(own!.answeredAt).toEqual(expect.any(String));

    const sent = emu.db.find('notifications', { touser: 'lm-notify' }).map((n) => opened(emu, 'notifications', n));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ event: 'message_answered', status: 'sent', page: 'pages/messages/index', templateId: ANSWERED_TEMPLATE });
    const fields = sent[0]!.data as Record<string, { value: string }>;
    expect(fields.thing1?.value).toBe('发票怎么开？');
    expect(fields.thing2?.value).toBe('在订单详情页申请电子发票即可。');
    expect(fields.time3?.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    const outbox = (await (await emu.raw('/api/dev/outbox')).json()) as { data: Array<{ touser: string; page: string }> };
    expect(outbox.data.filter((m) => m.touser === 'lm-notify')).toEqual([expect.objectContaining({ page: 'pages/messages/index' })]);

    // A second answer (or a concurrent one) is refused and changes nothing.
    const again = await emu.call(await agentToken(emu, 3), 'desk', { action: 'answerMessage', id: left.id, text: '补充一下' });
    expect(errorCode(again)).toBe('CONFLICT');
    expect((again.body.error as { message: string }).message).toBe('该留言已被回复');
    expect(opened(emu, 'left_messages', emu.db.get('left_messages', left.id)!)).toMatchObject({ answer: '在订单详情页申请电子发票即可。', answeredBy: 'demo-agent-4' });
    expect(emu.db.find('notifications', { touser: 'lm-notify' })).toHaveLength(1);

    expect(errorCode(await emu.call(a4, 'desk', { action: 'answerMessage', id: 'forged-id-123', text: '好的' }))).toBe('NOT_FOUND');
    expect(errorCode(await emu.call(a4, 'desk', { action: 'answerMessage', id: left.id, text: '' }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(customer, 'desk', { action: 'answerMessage', id: left.id, text: '好的' }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(await emu.login('qa'), 'desk', { action: 'answerMessage', id: left.id, text: '好的' }))).toBe('FORBIDDEN');

    // Without a grant the answer still goes through; the notification is recorded as skipped.
    const plain = await emu.login('customer', { openid: 'lm-nogrant' });
    const other = data<LeftMessage>(await leave(plain, { text: '安装要收费吗' }));
    data(await emu.call(a4, 'desk', { action: 'answerMessage', id: other.id, text: '首次安装免费。' }));
    expect(emu.db.find('notifications', { touser: 'lm-nogrant' })).toMatchObject([{ event: 'message_answered', status: 'skipped_no_grant' }]);

    // The desk list: open ones first, then the answered ones, latest answer first.
    const list = await deskList(a4);
    const firstAnswered = list.findIndex((m) => m.status === 'answered');
    expect(list.slice(firstAnswered).every((m) => m.status === 'answered')).toBe(true);
    expect(list.slice(firstAnswered).map((m) => m.id)).toEqual([other.id, left.id]);
    expect((await deskList(a4, 'answered')).map((m) => m.id)).toEqual([other.id, left.id]);
    expect((await deskList(a4, 'open')).some((m) => m.status !== 'open')).toBe(false);
  });
});
