// The service center's read actions against the seeded demo FAQ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, newChat } from '../helpers/conversations';
import { data, errorCode, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  token = await emu.login('customer');
});
afterAll(() => emu.close());

interface Category { id: string; name: string; icon: string; order: number; entryCount: number }
interface Summary { id: string; categoryId: string; question: string }
interface AskResult {
  match: { id: string; question: string; answer: string; score: number } | null;
  suggestions: Array<{ id: string; question: string; score: number }>;
}
interface Hit extends Summary { score: number }

describe('faq read actions', () => {
  it('categories: enabled ones in order, with how many questions each holds', async () => {
    const cats = data<Category[]>(await emu.call(token, 'faq', { action: 'categories' }));
    const stored = emu.db.find('faq_categories', { enabled: true });
    expect(cats).toHaveLength(stored.length);
    expect(cats.map((c) => c.order)).toEqual([...cats.map((c) => c.order)].sort((a, b) => a - b));
    for (const c of cats) {
      expect(c.entryCount).toBe(emu.db.count('faq_entries', { categoryId: c.id, enabled: true }));
      expect(c.name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(cats.reduce((n, c) => n + c.entryCount, 0)).toBe(emu.db.count('faq_entries', { enabled: true }));
  });

  it('a disabled category or entry disappears', async () => {
    const [cat] = emu.db.find('faq_categories', {}, { sort: { order: -1 }, limit: 1 });
    emu.db.update('faq_categories', String(cat!._id), { enabled: false });
    const cats = data<Category[]>(await emu.call(token, 'faq', { action: 'categories' }));
    expect(cats.find((c) => c.id === cat!._id)).toBeUndefined();
    emu.db.update('faq_categories', String(cat!._id), { enabled: true });
  });

  it('list, then get: the answer, and a view is counted', async () => {
    const cats = data<Category[]>(await emu.call(token, 'faq', { action: 'categories' }));
    const list = data<Summary[]>(await emu.call(token, 'faq', { action: 'list', categoryId: cats[0]!.id }));
    expect(list.length).toBe(cats[0]!.entryCount);
    expect(list.every((e) => e.categoryId === cats[0]!.id)).toBe(true);
    const before = Number(emu.db.get('faq_entries', list[0]!.id)!.views);
    const entry = data<{ id: string; answer: string; views: number }>(await emu.call(token, 'faq', { action: 'get', id: list[0]!.id }));
    expect(entry.answer.length).toBeGreaterThan(10);
    expect(entry.views).toBe(before + 1);
    expect(emu.db.get('faq_entries', list[0]!.id)!.views).toBe(before + 1);
  });

  it('get: up to 4 related questions, published, never the entry itself; a draft never shows', async () => {
    const [entry] = emu.db.find('faq_entries', { enabled: true }, { sort: { _id: 1 }, limit: 1 });
    const first = data<{ related: Summary[] }>(await emu.call(token, 'faq', { action: 'get', id: String(entry!._id) }));
    expect(first.related.length).toBeGreaterThan(0);
    expect(first.related.length).toBeLessThanOrEqual(4);
    expect(first.related.map((r) => r.id)).not.toContain(entry!._id);
    for (const r of first.related) expect(emu.db.get('faq_entries', r.id)).toMatchObject({ enabled: true, question: r.question, categoryId: r.categoryId });

    const hidden = first.related[0]!.id;
    emu.db.update('faq_entries', hidden, { enabled: false, updatedAt: new Date() });
    try {
      const again = data<{ related: Summary[] }>(await emu.call(token, 'faq', { action: 'get', id: String(entry!._id) }));
      expect(again.related.map((r) => r.id)).not.toContain(hidden);
    } finally {
      emu.db.update('faq_entries', hidden, { enabled: true, updatedAt: new Date() });
    }
  });

  it('get of an unknown id is NOT_FOUND; list of an unknown category is empty', async () => {
    expect(errorCode(await emu.call(token, 'faq', { action: 'get', id: 'faq-999999' }))).toBe('NOT_FOUND');
    expect(data<Summary[]>(await emu.call(token, 'faq', { action: 'list', categoryId: 'cat-none' }))).toEqual([]);
  });

  it('hot: views and votes blended (a helpful vote outweighs a view), limited', async () => {
    const score = (e: Record<string, unknown>) => Number(e.views ?? 0) + 5 * Number(e.helpful ?? 0) - 3 * Number(e.notHelpful ?? 0);
    const hot = data<Summary[]>(await emu.call(token, 'faq', { action: 'hot', limit: 5 }));
    expect(hot).toHaveLength(5);
    const scores = hot.map((h) => score(emu.db.get('faq_entries', h.id)!));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const best = emu.db.find('faq_entries', { enabled: true }).sort((a, b) => score(b) - score(a))[0]!;
    expect(hot[0]!.id).toBe(best._id);
    expect(data<Summary[]>(await emu.call(token, 'faq', { action: 'hot' }))).toHaveLength(8);

    // An entry that helped many customers climbs past one that is only opened often.
    const fifth = emu.db.get('faq_entries', hot[4]!.id)!;
    const below = emu.db.find('faq_entries', { enabled: true }).filter((e) => !hot.some((h) => h.id === e._id)).sort((a, b) => score(b) - score(a))[0]!;
    emu.db.update('faq_entries', String(below._id), { helpful: Number(below.helpful ?? 0) + Math.ceil((score(fifth) - score(below)) / 5) + 1 });
    const after = data<Summary[]>(await emu.call(token, 'faq', { action: 'hot', limit: 5 }));
    expect(after.map((h) => h.id)).toContain(below._id);
    expect(after.map((h) => h.id)).not.toContain(fifth._id);
  });
});

describe('faq ask and search (the matcher over the enabled entries)', () => {
  // A customer asks at most 20 questions in 10 s (rate limit): these tests ask more, so each comes from its own customer.
  let asker = 0;
  const ask = async (text: string) => data<AskResult>(await emu.call(await emu.login('customer', { openid: `faq-asker-${++asker}` }), 'faq', { action: 'ask', text }));
  const seeded = (id: string) => emu.db.get('faq_entries', id)! as { _id: string; question: string; answer: string; similar: string[] };

  it("a seeded question's own wording and a paraphrase from its similar list → that entry, with its answer", async () => {
    const entry = seeded('faq-001');
    const own = await ask(entry.question);
    expect(own.match).toMatchObject({ id: 'faq-001', question: entry.question, answer: entry.answer });
    expect(own.match!.score).toBeGreaterThan(0.5);
    expect(own.suggestions.length).toBeLessThanOrEqual(3);
    expect(own.suggestions.map((s) => s.id)).not.toContain('faq-001');

    const paraphrase = await ask(entry.similar[1]!);
    expect(paraphrase.match?.id).toBe('faq-001');
    // Another entry, asked with one of its similar questions.
    const invoice = seeded('faq-008');
    expect((await ask(invoice.similar[1]!)).match?.id).toBe('faq-008');
  });

  it('warm asks are fast (the index is built once per instance)', async () => {
    await ask('怎么查物流到哪了');
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = Date.now();
      await ask(i % 2 ? '退款多久能到账' : '积分可以抵现吗');
      times.push(Date.now() - t);
    }
    times.sort((a, b) => a - b);
    console.info(`faq.ask warm round trip: median ${times[5]} ms, max ${times[9]} ms`);
    expect(times[5]!).toBeLessThan(500);
  });

  it('an off-topic question → no match; faq.ask records nothing in faq_unanswered (only the chat bot does)', async () => {
    const before = emu.db.count('faq_unanswered', {});
    const res = await ask('今天股市怎么样');
    expect(res.match).toBeNull();
    expect(res.suggestions.length).toBeLessThanOrEqual(3);
    expect(emu.db.count('faq_unanswered', {})).toBe(before);
  });

  it('the same question in the chat is recorded in faq_unanswered, phone numbers masked', async () => {
    const chat = await newChat(emu);
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '今天股市怎么样' }));
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text: '明天天气如何？有消息请打13812348000' }));
    const recorded = emu.db.find('faq_unanswered', { conversationId: chat.conversationId }, { sort: { at: 1 } }).map((r) => opened(emu, 'faq_unanswered', r));
    expect(recorded.map((r) => r.text)).toEqual(['今天股市怎么样', '明天天气如何？有消息请打138****8000']);
    expect(JSON.stringify(recorded)).not.toContain('13812348000');
    expect(messagesOf(emu, chat.conversationId).filter((m) => m.from === 'bot')).toHaveLength(3);
  });

  it('search: a keyword finds its entries, best first, at most 10', async () => {
    const hits = data<Hit[]>(await emu.call(token, 'faq', { action: 'search', q: '发票' }));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(10);
    expect(hits[0]).toMatchObject({ id: 'faq-008', categoryId: emu.db.get('faq_entries', 'faq-008')!.categoryId, question: seeded('faq-008').question });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    const many = data<Hit[]>(await emu.call(token, 'faq', { action: 'search', q: '安装' }));
    expect(many.length).toBeLessThanOrEqual(10);
    expect(many.map((h) => h.id)).toContain('faq-014');
    expect(data<Hit[]>(await emu.call(token, 'faq', { action: 'search', q: '🙂' }))).toEqual([]);
  });

  it('bad input: empty and 10,000 characters are INVALID_INPUT in Chinese; emoji-only and filler-only → no match', async () => {
    for (const text of ['', '   ', '长'.repeat(10_000), '长'.repeat(501)]) {
      const res = await emu.call(token, 'faq', { action: 'ask', text });
      expect(errorCode(res)).toBe('INVALID_INPUT');
      expect((res.body.error as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(errorCode(await emu.call(token, 'faq', { action: 'ask' }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(token, 'faq', { action: 'ask', text: 42 }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(token, 'faq', { action: 'search', q: 'x'.repeat(10_000) }))).toBe('INVALID_INPUT');
    expect(await ask('😀😀😀')).toEqual({ match: null, suggestions: [] });
    expect(await ask('你好，请问一下')).toEqual({ match: null, suggestions: [] });
    expect(await ask('长'.repeat(500))).toMatchObject({ match: null });
    // Mixed language still finds the entry.
    expect((await ask('扫地机器人连不上 WiFi 怎么办')).match?.id).toBe('faq-029');
  });

  it('an entry edited in the database is picked up by the next ask (index rebuilt); disabling removes it', async () => {
    const question = '咖啡机的研磨度怎么调节？';
    expect((await ask(question)).match).toBeNull();
    emu.db.update('faq_entries', 'faq-045', { question, similar: ['磨豆粗细怎么调', '咖啡研磨度调到几档'], keywords: ['咖啡机', '研磨度'], updatedAt: new Date() });
    // The version is checked at most every 2 s per instance.
    await new Promise((r) => setTimeout(r, 2_100));
    const res = await ask(question);
    expect(res.match).toMatchObject({ id: 'faq-045', question });
    expect((await ask('磨豆粗细怎么调')).match?.id).toBe('faq-045');

    emu.db.update('faq_entries', 'faq-045', { enabled: false });
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await ask(question)).match).toBeNull();
    emu.db.update('faq_entries', 'faq-045', { enabled: true });
  });
});

describe('faq.feedback', () => {
  it('counts one vote per customer and entry; the first vote stands', async () => {
    const [entry] = emu.db.find('faq_entries', { enabled: true }, { sort: { views: -1 }, limit: 1 });
    const id = String(entry!._id);
    const before = { helpful: Number(entry!.helpful), notHelpful: Number(entry!.notHelpful) };
    const voter = await emu.login('customer', { openid: 'voter-1' });
    const first = data<{ helpful: number; notHelpful: number; counted: boolean }>(await emu.call(voter, 'faq', { action: 'feedback', id, helpful: false }));
    expect(first).toEqual({ helpful: before.helpful, notHelpful: before.notHelpful + 1, counted: true });
    const again = data<{ counted: boolean; notHelpful: number; helpful: number }>(await emu.call(voter, 'faq', { action: 'feedback', id, helpful: true }));
    expect(again).toEqual({ helpful: before.helpful, notHelpful: before.notHelpful + 1, counted: false });
    expect(emu.db.get('faq_feedback', `voter-1|${id}`)).toMatchObject({ entryId: id, helpful: false });
    const other = await emu.login('customer', { openid: 'voter-2' });
    expect(data<{ helpful: number }>(await emu.call(other, 'faq', { action: 'feedback', id, helpful: true })).helpful).toBe(before.helpful + 1);
  });

  it('refuses unknown entries and bad input without writing', async () => {
    const voter = await emu.login('customer', { openid: 'voter-3' });
    const count = emu.db.count('faq_feedback');
    expect(errorCode(await emu.call(voter, 'faq', { action: 'feedback', id: 'faq-999999', helpful: true }))).toBe('NOT_FOUND');
    expect(errorCode(await emu.call(voter, 'faq', { action: 'feedback', id: 'faq-001', helpful: 'yes' }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(voter, 'faq', { action: 'feedback', id: 'faq-001' }))).toBe('INVALID_INPUT');
    expect(emu.db.count('faq_feedback')).toBe(count);
  });
});
