// Service notifications from chats, through the real functions, notify() and the emulator's outbox:
// an agent's reply reaches a customer who is away (not seen for 60 s) once until they look again, and
// the close of a conversation a person handled invites an away customer to rate it. A customer who
// is looking gets none; a missing grant never fails the reply or the close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, conv, newChat, type Chat } from '../helpers/conversations';
import { data, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const REPLIED = 'tmpl-agent-replied';
const RATE = 'tmpl-rate-request';

type Rec = { event: string; status: string; page: string; templateId: string; data: Record<string, { value: string }> };

describe('chat notifications', () => {
  let emu: TestEmulator;
  let a3: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    const admin = await emu.login('admin');
    data(await emu.call(admin, 'templates', { action: 'saveSettings', dailyCap: 5, quietStart: '00:00', quietEnd: '00:00' }));
    a3 = await agentToken(emu, 3);
    data(await emu.call(a3, 'desk', { action: 'setStatus', status: 'online' }));
  });
  afterAll(async () => {
    await emu?.close();
  });

  /** What the chat page does: WeChat's dialog (h5: the dev route), then tell our function. */
  const subscribe = async (chat: Chat, ids: string[]) => {
    const res = await emu.raw('/api/dev/subscribe', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${chat.token}` }, body: JSON.stringify({ accepted: ids }) });
    expect(res.status).toBe(200);
    data(await emu.call(chat.token, 'templates', { action: 'grant', accepted: ids }));
  };
  const assignedChat = async () => {
    const chat = await newChat(emu, { category: 'cat-install', prefix: 'cn' });
    expect(data<{ status: string }>(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId })).status).toBe('assigned');
    return chat;
  };
  const records = (openid: string, event?: string) => emu.db.find('notifications', event ? { touser: openid, event } : { touser: openid }, { sort: { createdAt: 1 } }).map((n) => opened(emu, 'notifications', n)) as unknown as Rec[];
  /** The customer last looked two minutes ago (the emulator's database, as other tests set VIP). */
  const awayFor2Min = (chat: Chat) => emu.db.update('conversations', chat.conversationId, { customerSeenAt: new Date(Date.now() - 120_000) });
  const reply = async (chat: Chat, fields: Record<string, unknown>) => data(await emu.call(a3, 'desk', { action: 'reply', conversationId: chat.conversationId, ...fields }));
  const look = async (chat: Chat) => data(await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }));

  it('start, send and history record when the customer last looked', async () => {
    const chat = await assignedChat();
    const seen = () => (conv(emu, chat.conversationId).customerSeenAt as Date).getTime();
    expect(seen()).toBeGreaterThan(Date.now() - 60_000);
    for (const event of [
      { action: 'history', conversationId: chat.conversationId },
      { action: 'send', conversationId: chat.conversationId, text: '在吗' },
      { action: 'start' },
    ]) {
      awayFor2Min(chat);
      data(await emu.call(chat.token, 'session', event));
      expect(seen(), event.action).toBeGreaterThan(Date.now() - 60_000);
    }
    data(await emu.call(a3, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
  });

  it('agent_replied: only while the customer is away, once until they look again', async () => {
    const chat = await assignedChat();
    await subscribe(chat, [REPLIED]);
    await subscribe(chat, [REPLIED]);
    await subscribe(chat, [REPLIED]);

    // Looking at the chat: no notification.
    await look(chat);
    await reply(chat, { text: '您好，我来帮您看看。' });
    expect(records(chat.openid)).toEqual([]);

    awayFor2Min(chat);
    await reply(chat, { text: '请问热水器是什么型号？' });
    let sent = records(chat.openid, 'agent_replied');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'sent', templateId: REPLIED, page: `pages/chat/index?id=${chat.conversationId}` });
    expect(sent[0]!.data.thing1?.value).toBe('售后阿杰');
    expect(sent[0]!.data.thing2?.value).toBe('请问热水器是什么型号？');
    expect(sent[0]!.data.time3?.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    const outbox = (await (await emu.raw('/api/dev/outbox')).json()) as { data: Array<{ touser: string; page: string }> };
    expect(outbox.data.filter((m) => m.touser === chat.openid)).toEqual([expect.objectContaining({ page: `pages/chat/index?id=${chat.conversationId}` })]);

    // Still away: the next replies add nothing.
    await reply(chat, { text: '方便的话拍张照片。' });
    expect(records(chat.openid, 'agent_replied')).toHaveLength(1);

    // They look, then leave again: the next reply (a picture) notifies again, with [图片].
    await look(chat);
    await reply(chat, { text: '收到。' });
    expect(records(chat.openid, 'agent_replied')).toHaveLength(1);
    awayFor2Min(chat);
    await reply(chat, { image: 'cloud://kefu-dev/chat/demo-agent-3/0123456789abcdef0123.png' });
    sent = records(chat.openid, 'agent_replied');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.data.thing2?.value).toBe('[图片]');
    data(await emu.call(a3, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
  });

  it('rate_request: closing a handled conversation invites an away customer to rate it; not while they look', async () => {
    const away = await assignedChat();
    await subscribe(away, [RATE]);
    await reply(away, { text: '已为您登记维修。' });
    awayFor2Min(away);
    data(await emu.call(a3, 'desk', { action: 'close', conversationId: away.conversationId, resolved: true }));
    const sent = records(away.openid, 'rate_request');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'sent', templateId: RATE, page: `pages/chat/index?id=${away.conversationId}` });
    expect(sent[0]!.data.thing1?.value).toBe('在线客服咨询');
    expect(sent[0]!.data.thing3?.value).toBe('点击为本次服务打分');
    expect(sent[0]!.data.time2?.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    // Rating from the notification works as usual.
    data(await emu.call(away.token, 'session', { action: 'rate', conversationId: away.conversationId, score: 5, tags: ['解决了问题'] }));

    const present = await assignedChat();
    await subscribe(present, [RATE]);
    await look(present);
    data(await emu.call(a3, 'desk', { action: 'close', conversationId: present.conversationId, resolved: false }));
    expect(records(present.openid)).toEqual([]);
  });

  it('without a grant the reply and the close still succeed; the attempts are recorded as skipped', async () => {
    const chat = await assignedChat();
    awayFor2Min(chat);
    await reply(chat, { text: '您好' });
    data(await emu.call(a3, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
    expect(records(chat.openid).map((r) => [r.event, r.status])).toEqual([
      ['agent_replied', 'skipped_no_grant'],
      ['rate_request', 'skipped_no_grant'],
    ]);
    expect(conv(emu, chat.conversationId).status).toBe('closed');
  });
});
