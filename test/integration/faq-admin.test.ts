// The staff side of the FAQ: knowledge base, import/export, keyword rules and the learning loop,
// through the real functions against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf, newChat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
let customer: string;
let supervisor: string;
let qa: string;
let agent: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  [customer, supervisor, qa, agent] = await Promise.all([emu.login('customer'), emu.login('supervisor'), emu.login('qa'), emu.login('agent')]);
});
afterAll(() => emu.close());

interface AdminEntry {
  id: string;
  categoryId: string;
  question: string;
  answer: string;
  similar: string[];
  keywords: string[];
  enabled: boolean;
  order: number;
  updatedAt: string;
}
interface AskResult {
  match: { id: string; question: string; answer: string; score: number } | null;
  suggestions: Array<{ id: string; question: string; score: number }>;
  action?: 'handoff';
}
interface Group {
  key: string;
  type: 'unanswered' | 'notHelpful';
  count: number;
  question: string;
  examples: string[];
  entry?: { id: string; question: string };
}

const fn = (token: string, event: Record<string, unknown>) => emu.call(token, 'faq', event);
const ask = async (text: string, token = customer) => data<AskResult>(await fn(token, { action: 'ask', text }));
const save = async (input: Record<string, unknown>) => data<AdminEntry>(await fn(supervisor, { action: 'save', similar: [], keywords: [], ...input }));
/** Another function's warm instance trusts its index version for up to 2 s (index-cache.ts). */
const otherInstancesCatchUp = () => new Promise((r) => setTimeout(r, 2_100));

describe('permissions', () => {
  it('customers and agents cannot use any staff action; QA may read but not write', async () => {
    const staffOnly = [
      { action: 'adminList' },
      { action: 'adminCategories' },
      { action: 'save', categoryId: 'cat-product', question: '顾客写的问题', answer: '答案', enabled: true },
      { action: 'remove', id: 'faq-001' },
      { action: 'import', format: 'csv', content: '问题,答案,分类\nQ,A,cat-product' },
      { action: 'export', format: 'csv' },
      { action: 'unanswered' },
      { action: 'rules' },
      { action: 'saveRule', pattern: '人工', match: 'contains', ruleAction: 'handoff' },
      { action: 'saveSynonyms', groups: [['a', 'b']] },
      { action: 'removeCategory', id: 'cat-product' },
    ];
    for (const event of staffOnly) {
      expect(errorCode(await fn(customer, event)), event.action).toBe('FORBIDDEN');
      expect(errorCode(await fn(agent, event)), event.action).toBe('FORBIDDEN');
    }
    expect(data<{ total: number }>(await fn(qa, { action: 'adminList' })).total).toBe(emu.db.count('faq_entries'));
    expect(errorCode(await fn(qa, { action: 'save', categoryId: 'cat-product', question: '质检写的问题', answer: '答案', enabled: true }))).toBe('FORBIDDEN');
    expect(errorCode(await fn(qa, { action: 'import', format: 'csv', content: '问题,答案,分类\nQ,A,cat-product' }))).toBe('FORBIDDEN');
    expect(emu.db.count('faq_entries', { question: '顾客写的问题' })).toBe(0);
  });
});

describe('entries: drafts, publishing, edits', () => {
  const question = '电热毯可以折叠收纳吗？';

  it('a draft is invisible to customers in list, get, search and ask; staff see it', async () => {
    const draft = await save({ categoryId: 'cat-usage', question, answer: '可以折叠，但请勿重压。', similar: ['电热毯能叠起来放吗'], keywords: ['电热毯'], enabled: false });
    expect(draft).toMatchObject({ enabled: false, order: 0, question });
    expect(emu.db.get('faq_entries', draft.id)).toMatchObject({ enabled: false, views: 0 });

    const list = data<Array<{ id: string }>>(await fn(customer, { action: 'list', categoryId: 'cat-usage' }));
    expect(list.map((e) => e.id)).not.toContain(draft.id);
    expect(errorCode(await fn(customer, { action: 'get', id: draft.id }))).toBe('NOT_FOUND');
    expect(data<Array<{ id: string }>>(await fn(customer, { action: 'search', q: '电热毯' })).map((h) => h.id)).not.toContain(draft.id);
    expect((await ask(question)).match?.id).not.toBe(draft.id);

    const drafts = data<{ entries: AdminEntry[] }>(await fn(supervisor, { action: 'adminList', status: 'draft' }));
    expect(drafts.entries.map((e) => e.id)).toContain(draft.id);
    expect(drafts.entries.every((e) => !e.enabled)).toBe(true);
    const found = data<{ entries: AdminEntry[] }>(await fn(qa, { action: 'adminList', q: '叠起来', categoryId: 'cat-usage' }));
    expect(found.entries.map((e) => e.id)).toEqual([draft.id]);
  });

  it('publishing answers the next faq.ask at once; the edit is audited and updatedAt bumps', async () => {
    const [draft] = emu.db.find('faq_entries', { question });
    const published = await save({ id: draft!._id, categoryId: 'cat-usage', question, answer: '可以折叠收纳，请勿重压。', similar: ['电热毯能叠起来放吗'], keywords: ['电热毯'], enabled: true, order: 2 });
    expect(published).toMatchObject({ enabled: true, order: 2 });
    expect(new Date(published.updatedAt).getTime()).toBeGreaterThan(new Date(draft!.updatedAt as Date).getTime());
    expect((await ask('电热毯能叠起来放吗')).match).toMatchObject({ id: draft!._id, answer: '可以折叠收纳，请勿重压。' });
    const audit = emu.db.find('audit_log', { action: 'faq.update', target: `faq_entries/${draft!._id}` });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { enabled: false }, after: { enabled: true, question } });
  });

  it('refuses an unknown category, a duplicate question and an over-long answer; remove takes it out of ask', async () => {
    const [entry] = emu.db.find('faq_entries', { question });
    expect(errorCode(await fn(supervisor, { action: 'save', categoryId: 'cat-nope', question: '新问题', answer: '答案', enabled: true }))).toBe('NOT_FOUND');
    expect(errorCode(await fn(supervisor, { action: 'save', categoryId: 'cat-usage', question: '电热毯可以折叠收纳吗', answer: '另一个答案', enabled: true }))).toBe('CONFLICT');
    const long = await fn(supervisor, { action: 'save', categoryId: 'cat-usage', question: '新问题', answer: '长'.repeat(2001), enabled: true });
    expect(errorCode(long)).toBe('INVALID_INPUT');
    expect((long.body.error as { message: string }).message).toContain('2000');

    expect(data<{ removed: boolean }>(await fn(supervisor, { action: 'remove', id: String(entry!._id) }))).toEqual({ removed: true });
    expect(emu.db.get('faq_entries', String(entry!._id))).toBeFalsy();
    expect((await ask('电热毯能叠起来放吗')).match?.id).not.toBe(entry!._id);
    expect(data<{ removed: boolean }>(await fn(supervisor, { action: 'remove', id: String(entry!._id) }))).toEqual({ removed: false });
  });
});

describe('categories', () => {
  it('create, list with counts (drafts included), refuse to remove one with entries, remove an empty one', async () => {
    const cat = data<{ id: string; enabled: boolean; entryCount: number }>(
      await fn(supervisor, { action: 'saveCategory', name: '以旧换新', icon: '♻️', description: '旧机回收与补贴', order: 9, enabled: false }),
    );
    expect(cat).toMatchObject({ enabled: false, entryCount: 0 });
    const all = data<Array<{ id: string; entryCount: number; publishedCount: number }>>(await fn(qa, { action: 'adminCategories' }));
    expect(all.map((c) => c.id)).toContain(cat.id);
    expect(data<Array<{ id: string }>>(await fn(customer, { action: 'categories' })).map((c) => c.id)).not.toContain(cat.id);
    const product = all.find((c) => c.id === 'cat-product')!;
    expect(product.entryCount).toBe(emu.db.count('faq_entries', { categoryId: 'cat-product' }));

    expect(errorCode(await fn(supervisor, { action: 'removeCategory', id: 'cat-product' }))).toBe('CONFLICT');
    expect(emu.db.get('faq_categories', 'cat-product')).not.toBeNull();
    expect(data<{ removed: boolean }>(await fn(supervisor, { action: 'removeCategory', id: cat.id }))).toEqual({ removed: true });
    expect(emu.db.find('audit_log', { action: 'faq.category.remove' })).toHaveLength(1);
  });
});

describe('synonyms', () => {
  it('staff synonym groups are stored and used by the matcher at once', async () => {
    const entry = await save({ categoryId: 'cat-usage', question: '取暖器可以整夜开着吗', answer: '建议开启定时，不要整夜无人看管。', enabled: true });
    expect((await ask('电暖气开一整夜安全吗')).match?.id).not.toBe(entry.id);
    const saved = data<{ groups: string[][] }>(await fn(supervisor, { action: 'saveSynonyms', groups: [['取暖器', '小太阳', '电暖气', '取暖器'], ['', '  ']] }));
    expect(saved.groups).toEqual([['取暖器', '小太阳', '电暖气']]);
    expect((await ask('电暖气开一整夜安全吗')).match?.id).toBe(entry.id);
    expect(data<{ groups: string[][] }>(await fn(qa, { action: 'synonyms' })).groups).toEqual([['取暖器', '小太阳', '电暖气']]);
    expect(errorCode(await fn(supervisor, { action: 'saveSynonyms', groups: [['孤词']] }))).toBe('INVALID_INPUT');
  });
});

describe('import and export', () => {
  it('imports the good rows of a CSV and lists each broken row with its reason', async () => {
    const csv = [
      '问题,答案,分类,相似问,关键词,状态',
      '洗碗机需要软水盐吗,硬水地区建议添加软水盐。,使用与故障,洗碗机要不要加盐|软水盐是什么,洗碗机,已发布',
      ',没有问题,使用与故障,,,',
      '没有答案的问题,,使用与故障,,,',
      '分类写错了,答案,不存在的分类,,,',
      `答案太长,${'长'.repeat(2001)},使用与故障,,,`,
      '洗碗机需要软水盐吗？,重复的问题,使用与故障,,,',
      '烘干机的滤网多久清理一次,每次使用后都要清理。,cat-usage,,,草稿',
    ].join('\n');
    const res = data<{ imported: number; updated: number; rejected: Array<{ row: number; reason: string }> }>(await fn(supervisor, { action: 'import', format: 'csv', content: csv }));
    const [salt] = emu.db.find('faq_entries', { question: '洗碗机需要软水盐吗' });
    const [filter] = emu.db.find('faq_entries', { question: '烘干机的滤网多久清理一次' });
    expect(res).toEqual({
      imported: 2,
      updated: 0,
      unchanged: 0,
      written: [
        { row: 2, id: salt!._id, change: 'created' },
        { row: 8, id: filter!._id, change: 'created' },
      ],
      failed: [],
      complete: true,
      rejected: [
        { row: 3, reason: '缺少问题' },
        { row: 4, reason: '缺少答案' },
        { row: 5, reason: '未知的分类「不存在的分类」' },
        { row: 6, reason: '答案超过 2000 个字' },
        { row: 7, reason: '问题与第 2 行重复' },
      ],
    });
    expect(filter).toMatchObject({ enabled: false, categoryId: 'cat-usage' });
    expect(salt).toMatchObject({ enabled: true, similar: ['洗碗机要不要加盐', '软水盐是什么'], keywords: ['洗碗机'] });
    expect((await ask('洗碗机要不要加盐')).match?.id).toBe(salt!._id);
  });

  it('refuses a broken file as a whole, and content over 60 KB', async () => {
    const bad = await fn(supervisor, { action: 'import', format: 'json', content: '[{"question": ' });
    expect(errorCode(bad)).toBe('INVALID_INPUT');
    expect((bad.body.error as { message: string }).message).toContain('JSON');
    expect(errorCode(await fn(supervisor, { action: 'import', format: 'csv', content: 'a,b\n1,2' }))).toBe('INVALID_INPUT');
    expect(errorCode(await fn(supervisor, { action: 'import', format: 'csv', content: '问'.repeat(21_000) }))).toBe('INVALID_INPUT');
    const huge = await fn(supervisor, { action: 'import', format: 'csv', content: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
  });

  it.each(['csv', 'json'] as const)('export %s → import the same content: every row unchanged, nothing written', async (format) => {
    const before = emu.db.find('faq_entries', {}, { sort: { _id: 1 } });
    const file = data<{ filename: string; content: string; count: number }>(await fn(qa, { action: 'export', format }));
    expect(file.filename).toMatch(new RegExp(`^faq-\\d{8}\\.${format}$`));
    expect(file.count).toBe(before.length);
    if (format === 'csv') expect(file.content.split('\r\n')[0]).toBe('\uFEFFid,分类,问题,答案,相似问,关键词,状态,排序');
    const res = data<{ imported: number; updated: number; rejected: unknown[] }>(await fn(supervisor, { action: 'import', format, content: file.content }));
    expect(res).toEqual({ imported: 0, updated: 0, unchanged: before.length, rejected: [], written: [], failed: [], complete: true });
    const after = emu.db.find('faq_entries', {}, { sort: { _id: 1 } });
    const shape = (e: Record<string, unknown>) => [e._id, e.categoryId, e.question, e.answer, e.similar ?? [], e.keywords ?? [], e.enabled === true, e.order ?? 0, e.updatedAt];
    expect(after.map(shape)).toEqual(before.map(shape));
  });
});

describe('keyword rules', () => {
  it('an answer rule answers with its entry at score 1; a handoff rule says so; disabled and removed rules do nothing', async () => {
    const invoice = emu.db.get('faq_entries', 'faq-008')!;
    const answer = data<{ id: string; entryQuestion: string }>(await fn(supervisor, { action: 'saveRule', pattern: '专票', match: 'contains', ruleAction: 'answer', entryId: 'faq-008', order: 1 }));
    expect(answer.entryQuestion).toBe(invoice.question);
    const handoff = data<{ id: string }>(await fn(supervisor, { action: 'saveRule', pattern: '投诉', match: 'contains', ruleAction: 'handoff', order: 0 }));
    const exact = data<{ id: string }>(await fn(supervisor, { action: 'saveRule', pattern: '在吗', match: 'exact', ruleAction: 'handoff', order: 2 }));

    expect(await ask('我要开专票！')).toMatchObject({ match: { id: 'faq-008', score: 1, answer: invoice.answer }, suggestions: [] });
    expect(await ask('我要投诉你们的安装师傅')).toEqual({ match: null, suggestions: [], action: 'handoff' });
    expect((await ask('在吗？')).action).toBe('handoff');
    expect((await ask('在吗，空调漏水怎么办')).action).toBeUndefined();
    // Order: the handoff rule (0) runs before the answer rule (1).
    expect((await ask('专票的事我要投诉')).action).toBe('handoff');
    expect(data<Array<{ id: string }>>(await fn(qa, { action: 'rules' })).map((r) => r.id)).toEqual([handoff.id, answer.id, exact.id]);

    data(await fn(supervisor, { action: 'saveRule', id: handoff.id, pattern: '投诉', match: 'contains', ruleAction: 'handoff', enabled: false }));
    expect((await ask('我要投诉你们的安装师傅')).action).toBeUndefined();
    expect(data<{ removed: boolean }>(await fn(supervisor, { action: 'removeRule', id: answer.id }))).toEqual({ removed: true });
    expect((await ask('我要开专票！')).match?.score ?? 0).toBeLessThan(1);
    expect(errorCode(await fn(supervisor, { action: 'saveRule', pattern: '发票', match: 'contains', ruleAction: 'answer' }))).toBe('INVALID_INPUT');
    expect(errorCode(await fn(supervisor, { action: 'saveRule', pattern: '发票', match: 'contains', ruleAction: 'answer', entryId: 'faq-nope' }))).toBe('NOT_FOUND');
    data(await fn(supervisor, { action: 'removeRule', id: handoff.id }));
    data(await fn(supervisor, { action: 'removeRule', id: exact.id }));
  });
});

describe('the learning loop', () => {
  const send = async (text: string) => {
    const chat = await newChat(emu);
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text }));
    return chat;
  };
  const report = async () => data<{ total: number; groups: Group[] }>(await fn(qa, { action: 'unanswered', days: 30 }));

  it('groups what the bot could not answer, most asked first; "attach as similar" makes the bot answer it', async () => {
    for (const text of ['能用数字人民币付款吗', '可以用数字人民币付款吗', '能用数字人民币付款吗？', '今天股市怎么样', '股市今天怎么样', '明天天气如何？有消息请打13812348000']) await send(text);
    const { groups, total } = await report();
    expect(total).toBe(emu.db.count('faq_unanswered', {}));
    const pay = groups.find((g) => g.examples.includes('能用数字人民币付款吗'))!;
    expect(pay).toMatchObject({ type: 'unanswered', count: 3, question: '能用数字人民币付款吗' });
    expect(pay.examples).toContain('可以用数字人民币付款吗');
    expect(pay.entry?.id).toBeDefined();
    expect(groups.indexOf(pay)).toBe(0);
    const stock = groups.find((g) => g.examples.includes('今天股市怎么样'))!;
    expect(stock.count).toBe(2);
    expect(JSON.stringify(groups)).not.toContain('13812348000');

    const res = data<{ handled: number; entry: AdminEntry }>(await fn(supervisor, { action: 'resolveUnanswered', groupKey: pay.key, resolution: 'similar', entryId: 'faq-006' }));
    expect(res.handled).toBe(3);
    expect(res.entry.similar).toEqual(expect.arrayContaining(['能用数字人民币付款吗', '可以用数字人民币付款吗']));
    expect((await report()).groups.find((g) => g.key === pay.key)).toBeUndefined();
    expect((await ask('可以用数字人民币付款吗')).match?.id).toBe('faq-006');

    await otherInstancesCatchUp();
    const chat = await send('可以用数字人民币付款吗');
    const bot = messagesOf(emu, chat.conversationId).filter((m) => m.from === 'bot');
    expect(bot.at(-1)!.text).toBe(emu.db.get('faq_entries', 'faq-006')!.answer);
  });

  it('"new question" turns a group into a draft customers do not see; the group leaves the report', async () => {
    const stock = (await report()).groups.find((g) => g.examples.includes('今天股市怎么样'))!;
    const res = data<{ handled: number; entry: AdminEntry }>(await fn(supervisor, { action: 'resolveUnanswered', groupKey: stock.key, resolution: 'new' }));
    expect(res.handled).toBe(2);
    expect(res.entry).toMatchObject({ enabled: false, question: stock.question, answer: '' });
    expect(res.entry.similar).toHaveLength(1);
    expect(emu.db.get('faq_entries', res.entry.id)).toMatchObject({ enabled: false });
    expect(errorCode(await fn(customer, { action: 'get', id: res.entry.id }))).toBe('NOT_FOUND');
    expect((await report()).groups.find((g) => g.key === stock.key)).toBeUndefined();
    expect(emu.db.find('faq_unanswered', { resolution: 'new' })).toHaveLength(2);
    expect(errorCode(await fn(supervisor, { action: 'resolveUnanswered', groupKey: stock.key, resolution: 'new' }))).toBe('NOT_FOUND');
    expect(errorCode(await fn(customer, { action: 'resolveUnanswered', groupKey: stock.key, resolution: 'new' }))).toBe('FORBIDDEN');
  });

  it('answers marked not helpful are a group of their own until the answer changes', async () => {
    const entry = emu.db.get('faq_entries', 'faq-020')!;
    for (const openid of ['nh-1', 'nh-2']) {
      const token = await emu.login('customer', { openid });
      data(await fn(token, { action: 'feedback', id: 'faq-020', helpful: false }));
    }
    const nh = (await report()).groups.find((g) => g.key === 'nh:faq-020')!;
    expect(nh).toMatchObject({ type: 'notHelpful', count: 2, question: entry.question, entry: { id: 'faq-020' } });
    expect(errorCode(await fn(supervisor, { action: 'resolveUnanswered', groupKey: nh.key, resolution: 'new' }))).toBe('INVALID_INPUT');

    await save({ id: 'faq-020', categoryId: entry.categoryId, question: entry.question, answer: `${String(entry.answer)}\n\n如仍有疑问，请联系在线客服。`, similar: entry.similar, keywords: entry.keywords, enabled: true });
    expect((await report()).groups.find((g) => g.key === 'nh:faq-020')).toBeUndefined();

    const token = await emu.login('customer', { openid: 'nh-3' });
    data(await fn(token, { action: 'feedback', id: 'faq-020', helpful: false }));
    expect((await report()).groups.find((g) => g.key === 'nh:faq-020')?.count).toBe(1);
    expect(data<{ handled: number }>(await fn(supervisor, { action: 'resolveUnanswered', groupKey: 'nh:faq-020', resolution: 'dismiss' })).handled).toBe(1);
    expect((await report()).groups.find((g) => g.key === 'nh:faq-020')).toBeUndefined();
  });
});
