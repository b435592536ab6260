// The customer side of conversations through the gateway, the real bundles and the emulator's
// database: bot, hand-off, queue standing, the agent's reply (FRT), notes never shown, close, one
// rating (with tags); images both ways; permissions and bad input that change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, conv, eventsOf, messagesOf, newChat } from '../helpers/conversations';
import { data, errorCode, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface HistoryView {
  status: string;
  messages: Array<{ from: string; text: string; kind: string; authorName: string; image?: string }>;
  queuePosition?: number;
  etaSeconds?: number;
  agentsOnline?: number;
  agentName?: string;
  mayRate: boolean;
  rating?: { score: number; comment: string; tags: string[] };
}

/** A chat image path as the uploader's client makes it (`cloud://<env>/chat/<openid>/<name>.<ext>`). */
const imageOf = (openid: string, name = 'a1b2c3d4e5f6a7b8c9d0', ext = 'jpg') => `cloud://kefu-dev/chat/${openid}/${name}.${ext}`;

describe('session (demo data)', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu?.close();
  });

  const history = async (token: string, conversationId: string) => data<HistoryView>(await emu.call(token, 'session', { action: 'history', conversationId }));

  it('start: the bot greets; a question the FAQ knows gets its answer from the bot; no hand-off yet', async () => {
    const chat = await newChat(emu, { category: 'cat-product' });
    let h = await history(chat.token, chat.conversationId);
    expect(h.status).toBe('bot');
    expect(h.messages.map((m) => m.from)).toEqual(['bot']);

    const sent = data<{ status: string }>(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '热水器显示E3不加热了怎么办' }));
    expect(sent.status).toBe('bot');
    h = await history(chat.token, chat.conversationId);
    expect(h.messages.map((m) => m.from)).toEqual(['bot', 'customer', 'bot']);
    expect(h.messages[2]?.text).toBe(emu.db.get('faq_entries', 'faq-024')!.answer);
    expect(eventsOf(emu, chat.conversationId, 'bot_answered')).toMatchObject([{ outcome: 'answered', faqId: 'faq-024' }]);
    expect(eventsOf(emu, chat.conversationId, 'handoff')).toHaveLength(0);
    expect(emu.db.count('faq_unanswered', { conversationId: chat.conversationId })).toBe(0);
    expect(conv(emu, chat.conversationId).groupId).toBe('grp-presales');

    // A paraphrase from the entry's similar questions is answered too.
    const similar = (emu.db.get('faq_entries', 'faq-040')!.similar as string[])[0]!;
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: similar }));
    h = await history(chat.token, chat.conversationId);
    expect(h.messages.at(-1)).toMatchObject({ from: 'bot', text: emu.db.get('faq_entries', 'faq-040')!.answer });

    // Starting again continues the open conversation.
    const again = data<{ conversationId: string }>(await emu.call(chat.token, 'session', { action: 'start' }));
    expect(again.conversationId).toBe(chat.conversationId);
  });

  it('a question the FAQ does not know: the bot says so and offers a person; recorded for the unanswered report', async () => {
    const chat = await newChat(emu);
    const sent = data<{ status: string }>(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '明天天气如何' }));
    expect(sent.status).toBe('bot');
    const h = await history(chat.token, chat.conversationId);
    expect(h.messages.map((m) => m.from)).toEqual(['bot', 'customer', 'bot']);
    expect(h.messages[2]?.text).toContain('没有找到');
    expect(h.messages[2]?.text).toContain('转人工');
    expect(h.messages[2]).not.toHaveProperty('suggestions');
    expect(eventsOf(emu, chat.conversationId, 'bot_answered')).toMatchObject([{ outcome: 'unanswered' }]);
    expect(emu.db.find('faq_unanswered', { conversationId: chat.conversationId }).map((r) => opened(emu, 'faq_unanswered', r))).toMatchObject([{ text: '明天天气如何' }]);
    expect(conv(emu, chat.conversationId).status).toBe('bot');

    // Emoji only: no crash, the same offer.
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '😀😀' }));
    expect((await history(chat.token, chat.conversationId)).messages.at(-1)?.text).toContain('转人工');
    data(await emu.call(chat.token, 'session', { action: 'close', conversationId: chat.conversationId }));
  });

  it('grey zone: the bot offers up to 3 questions as `suggestions` (chips, not repeated in the text); 人工 still hands over first', async () => {
    const chat = await newChat(emu);
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '今天股市怎么样' }));
    const h = await history(chat.token, chat.conversationId);
    const reply = h.messages.at(-1) as { from: string; text: string; suggestions?: Array<{ id: string; question: string }> };
    expect(reply.from).toBe('bot');
    expect(reply.text).toContain('可以点选下面的问题');
    expect(reply.suggestions?.length).toBeGreaterThan(0);
    expect(reply.suggestions!.length).toBeLessThanOrEqual(3);
    for (const s of reply.suggestions!) {
      expect(s.question).toBe(emu.db.get('faq_entries', s.id)!.question);
      expect(reply.text).not.toContain(s.question);
    }
    expect(eventsOf(emu, chat.conversationId, 'bot_answered')).toMatchObject([{ outcome: 'suggested' }]);
    expect(emu.db.find('faq_unanswered', { conversationId: chat.conversationId }).map((r) => opened(emu, 'faq_unanswered', r))).toMatchObject([{ text: '今天股市怎么样', suggested: reply.suggestions!.map((s) => s.id) }]);

    // A hand-off word wins over the FAQ even inside a question it could answer.
    const sent = data<{ status: string }>(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '退款多久到账？转人工' }));
    expect(sent.status).toBe('queued');
    expect(eventsOf(emu, chat.conversationId, 'bot_answered')).toHaveLength(1);
    data(await emu.call(chat.token, 'session', { action: 'close', conversationId: chat.conversationId }));
  });

  it('"转人工" hands over; nobody online: queued with a position, no ETA, and told so', async () => {
    const a = await newChat(emu, { category: 'cat-repair' });
    const sent = data<{ status: string }>(await emu.call(a.token, 'session', { action: 'send', conversationId: a.conversationId, text: '转人工' }));
    expect(sent.status).toBe('queued');
    const h = await history(a.token, a.conversationId);
    expect(h.status).toBe('queued');
    expect(h.queuePosition).toBe(1);
    expect(h.agentsOnline).toBe(0);
    expect(h.etaSeconds).toBeUndefined();
    expect(h.messages.at(-1)?.text).toContain('暂无客服在线');
    expect(eventsOf(emu, a.conversationId, 'handoff')).toHaveLength(1);

    // A second hand-off (double tap) changes nothing.
    const twice = data<{ status: string }>(await emu.call(a.token, 'session', { action: 'handoff', conversationId: a.conversationId }));
    expect(twice.status).toBe('queued');
    expect(eventsOf(emu, a.conversationId, 'handoff')).toHaveLength(1);

    // start with text: a hand-off keyword in the first message queues at once.
    const b = await newChat(emu, { text: '我要人工客服' });
    expect(conv(emu, b.conversationId).status).toBe('queued');
    expect((await history(b.token, b.conversationId)).queuePosition).toBe(2);

    // Clean up for the next tests: both end their chats (no agent involved).
    for (const c of [a, b]) data(await emu.call(c.token, 'session', { action: 'close', conversationId: c.conversationId }));
    expect(eventsOf(emu, a.conversationId, 'closed_by_customer')).toHaveLength(1);
  });

  it('full flow: assigned → reply (FRT) → note hidden from the customer → close resolved → one rating', async () => {
    const agent = await agentToken(emu, 3);
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));
    const chat = await newChat(emu, { category: 'cat-install' });
    const handed = data<{ status: string }>(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
    expect(handed.status).toBe('assigned');
    let h = await history(chat.token, chat.conversationId);
    expect(h.agentName).toBe('售后阿杰');
    // In the order they happened: handed over, then joined by the agent.
    expect(h.messages.map((m) => m.from)).toEqual(['bot', 'system', 'system']);
    expect(h.messages[1]?.text).toContain('正在为您转接');
    expect(h.messages[2]?.text).toContain('售后阿杰');
    expect(h.queuePosition).toBeUndefined();
    expect(conv(emu, chat.conversationId).agentId).toBe('demo-agent-3');

    // Rating before the end is refused.
    expect(errorCode(await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: 5 }))).toBe('CONFLICT');

    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '师傅什么时候能上门？' }));
    data(await emu.call(agent, 'desk', { action: 'reply', conversationId: chat.conversationId, text: '您好，明天上午九点到十一点上门。' }));
    data(await emu.call(agent, 'desk', { action: 'reply', conversationId: chat.conversationId, text: '还有其他问题吗？' }));
    data(await emu.call(agent, 'desk', { action: 'note', conversationId: chat.conversationId, text: '内部备注：客户地址偏远，需提前确认' }));

    const frt = eventsOf(emu, chat.conversationId, 'first_response');
    expect(frt).toHaveLength(1);
    const doc = conv(emu, chat.conversationId);
    const expected = Math.round(((doc.firstResponseAt as Date).getTime() - (doc.handoffAt as Date).getTime()) / 1000);
    expect(frt[0]?.durationSec).toBe(expected);
    expect(frt[0]?.agentId).toBe('demo-agent-3');

    h = await history(chat.token, chat.conversationId);
    expect(h.messages.some((m) => m.text.includes('内部备注'))).toBe(false);
    expect(h.messages.every((m) => m.kind === 'text')).toBe(true);
    expect(h.messages.filter((m) => m.from === 'agent').map((m) => m.authorName)).toEqual(['售后阿杰', '售后阿杰']);
    const desk = data<{ messages: Array<{ kind: string; text: string }> }>(await emu.call(agent, 'desk', { action: 'conversation', conversationId: chat.conversationId }));
    expect(desk.messages.some((m) => m.kind === 'note' && m.text.includes('内部备注'))).toBe(true);

    data(await emu.call(agent, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
    expect(eventsOf(emu, chat.conversationId, 'resolved')).toHaveLength(1);
    expect(emu.db.get('agent_load', 'demo-agent-3')?.active).toBe(0);
    h = await history(chat.token, chat.conversationId);
    expect(h.status).toBe('closed');
    expect(h.mayRate).toBe(true);

    expect(errorCode(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '还在吗' }))).toBe('CONFLICT');
    data(await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: 5, comment: '很专业' }));
    const twice = await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: 1 });
    expect(errorCode(twice)).toBe('CONFLICT');
    expect(conv(emu, chat.conversationId).rating).toMatchObject({ score: 5, comment: '很专业' });
    expect(eventsOf(emu, chat.conversationId, 'rated')).toHaveLength(1);
    h = await history(chat.token, chat.conversationId);
    expect(h.mayRate).toBe(false);
    expect(h.rating).toEqual({ score: 5, comment: '很专业', tags: [] });

    const mine = data<Array<{ conversationId: string; status: string; rating?: number }>>(await emu.call(chat.token, 'session', { action: 'mine' }));
    expect(mine).toEqual([expect.objectContaining({ conversationId: chat.conversationId, status: 'closed', rating: 5 })]);
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'offline' }));
  });

  it('images: the customer sends one (the bot cannot read it), the agent replies with one; lists show [图片]', async () => {
    const chat = await newChat(emu, { category: 'cat-install' });
    const picture = imageOf(chat.openid);
    expect(data<{ status: string }>(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, image: picture })).status).toBe('bot');
    let h = await history(chat.token, chat.conversationId);
    expect(h.messages.slice(-2)).toMatchObject([
      { from: 'customer', kind: 'image', text: '', image: picture },
      { from: 'bot', kind: 'text', text: expect.stringContaining('看不懂图片') },
    ]);
    expect(h.messages.at(-1)?.text).toContain('转人工');
    expect(h.messages.at(-1)?.image).toBeUndefined();
    expect(conv(emu, chat.conversationId).lastText).toBe('[图片]');
    // A picture is not an unanswered FAQ question.
    expect(emu.db.count('faq_unanswered', { conversationId: chat.conversationId })).toBe(0);

    const agent = await agentToken(emu, 3);
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));
    expect(data<{ status: string }>(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId })).status).toBe('assigned');
    const agentPicture = imageOf('demo-agent-3', 'ffeeddccbbaa99887766', 'png');
    data(await emu.call(agent, 'desk', { action: 'reply', conversationId: chat.conversationId, image: agentPicture }));
    expect(conv(emu, chat.conversationId).lastText).toBe('[图片]');
    h = await history(chat.token, chat.conversationId);
    expect(h.messages.at(-1)).toMatchObject({ from: 'agent', kind: 'image', text: '', image: agentPicture, authorName: '售后阿杰' });
    const desk = data<{ messages: Array<{ kind: string; image?: string }> }>(await emu.call(agent, 'desk', { action: 'conversation', conversationId: chat.conversationId }));
    expect(desk.messages.filter((m) => m.kind === 'image').map((m) => m.image)).toEqual([picture, agentPicture]);
    // The first human reply may be a picture: it still counts for FRT.
    expect(eventsOf(emu, chat.conversationId, 'first_response')).toHaveLength(1);

    // Someone else's upload is refused both ways, and nothing is written.
    const before = messagesOf(emu, chat.conversationId).length;
    const theirs = await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, image: imageOf('someone-else') });
    expect(errorCode(theirs)).toBe('FORBIDDEN');
    expect((theirs.body.error as { message: string }).message).toBe('不能发送他人的图片');
    expect(errorCode(await emu.call(agent, 'desk', { action: 'reply', conversationId: chat.conversationId, image: picture }))).toBe('FORBIDDEN');
    // Text and image at once, neither, or a path that is not a chat image: INVALID_INPUT.
    for (const event of [
      { conversationId: chat.conversationId, text: '你好', image: picture },
      { conversationId: chat.conversationId },
      { conversationId: chat.conversationId, image: 'https://example.com/a.jpg' },
      { conversationId: chat.conversationId, image: `cloud://kefu-dev/other/${chat.openid}/a1b2c3d4e5f6a7b8c9d0.jpg` },
      { conversationId: chat.conversationId, image: imageOf(chat.openid, 'a1b2c3d4e5f6a7b8c9d0', 'exe') },
      { conversationId: chat.conversationId, image: imageOf(chat.openid, '../../x') },
    ]) {
      expect(errorCode(await emu.call(chat.token, 'session', { action: 'send', ...event })), JSON.stringify(event)).toBe('INVALID_INPUT');
      expect(errorCode(await emu.call(agent, 'desk', { action: 'reply', ...event })), JSON.stringify(event)).toBe('INVALID_INPUT');
    }
    expect(messagesOf(emu, chat.conversationId)).toHaveLength(before);

    data(await emu.call(agent, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
    data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'offline' }));
  });

  it('rating tags are stored and shown; unknown tags are refused', async () => {
    const chat = await newChat(emu);
    data(await emu.call(chat.token, 'session', { action: 'close', conversationId: chat.conversationId }));
    for (const tags of [['很好'], '回复及时', Array(8).fill('回复及时')]) {
      expect(errorCode(await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: 4, tags }))).toBe('INVALID_INPUT');
    }
    expect(conv(emu, chat.conversationId).rated).toBe(false);
    data(await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: 4, tags: ['回复及时', '态度友好', '回复及时'], comment: '不错' }));
    expect((await history(chat.token, chat.conversationId)).rating).toEqual({ score: 4, comment: '不错', tags: ['回复及时', '态度友好'] });
    expect((conv(emu, chat.conversationId).rating as { tags: string[] }).tags).toEqual(['回复及时', '态度友好']);
  });

  it("a customer cannot read or write another's conversation, nor call desk actions", async () => {
    const owner = await newChat(emu);
    const other = await newChat(emu);
    const before = messagesOf(emu, owner.conversationId).length;
    for (const event of [
      { action: 'history', conversationId: owner.conversationId },
      { action: 'send', conversationId: owner.conversationId, text: '你好' },
      { action: 'handoff', conversationId: owner.conversationId },
      { action: 'close', conversationId: owner.conversationId },
      { action: 'rate', conversationId: owner.conversationId, score: 1 },
    ]) {
      expect(errorCode(await emu.call(other.token, 'session', event))).toBe('NOT_FOUND');
    }
    expect(messagesOf(emu, owner.conversationId)).toHaveLength(before);
    expect(conv(emu, owner.conversationId).status).toBe('bot');

    for (const event of [{ action: 'inbox' }, { action: 'setStatus', status: 'online' }, { action: 'reply', conversationId: owner.conversationId, text: 'x' }, { action: 'claim', conversationId: owner.conversationId }]) {
      expect(errorCode(await emu.call(other.token, 'desk', event))).toBe('FORBIDDEN');
    }
    const qa = await emu.login('qa');
    expect(errorCode(await emu.call(qa, 'desk', { action: 'inbox' }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(other.token, 'routing', { action: 'overview' }))).toBe('FORBIDDEN');
  });

  it('bad input: empty or 10,000-character text, forged ids, bad scores → INVALID_INPUT / NOT_FOUND, nothing written', async () => {
    const chat = await newChat(emu);
    const snapshot = () => JSON.stringify([emu.db.find('messages', {}, { sort: { _id: 1 } }), emu.db.find('conversations', {}, { sort: { _id: 1 } }), emu.db.count('events')]);
    const before = snapshot();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ action: 'send', conversationId: chat.conversationId, text: '' }, 'INVALID_INPUT'],
      [{ action: 'send', conversationId: chat.conversationId, text: '   ' }, 'INVALID_INPUT'],
      [{ action: 'send', conversationId: chat.conversationId, text: '长'.repeat(10_000) }, 'INVALID_INPUT'],
      [{ action: 'send', conversationId: chat.conversationId }, 'INVALID_INPUT'],
      [{ action: 'send', conversationId: '../../etc', text: 'hi' }, 'INVALID_INPUT'],
      [{ action: 'send', conversationId: 'forged-id-123', text: 'hi' }, 'NOT_FOUND'],
      [{ action: 'history', conversationId: 'forged-id-123' }, 'NOT_FOUND'],
      [{ action: 'handoff', conversationId: 'forged-id-123' }, 'NOT_FOUND'],
      [{ action: 'rate', conversationId: chat.conversationId, score: 6 }, 'INVALID_INPUT'],
      [{ action: 'rate', conversationId: chat.conversationId, score: 4.5 }, 'INVALID_INPUT'],
      [{ action: 'start', text: '' }, 'INVALID_INPUT'],
      [{ action: 'start', category: 'bad category!' }, 'INVALID_INPUT'],
    ];
    for (const [event, code] of cases) {
      const res = await emu.call(chat.token, 'session', event);
      expect(errorCode(res), JSON.stringify(event).slice(0, 80)).toBe(code);
      expect((res.body.error as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(snapshot()).toBe(before);
  });
});
