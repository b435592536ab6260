// Integrity of the FAQ staff writes, through the real functions against the emulator: the learning loop's
// new drafts go through save's checks, removeCategory and save cannot leave an entry in a removed
// category, removing an entry takes its rules and merge pointers with it, the keyword-rule limit, and
// edits that omit optional fields keep them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newChat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
let supervisor: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  supervisor = await emu.login('supervisor');
});
afterAll(() => emu.close());

interface AdminEntry {
  id: string;
  categoryId: string;
  question: string;
  similar: string[];
  keywords: string[];
  enabled: boolean;
  order: number;
  mergedInto?: string;
}
interface Category {
  id: string;
  name: string;
  icon: string;
  description: string;
  order: number;
  enabled: boolean;
}
interface Rule {
  id: string;
  enabled: boolean;
  order: number;
  entryId?: string;
}
type Res = { status: number; body: Record<string, unknown> };

const fn = (event: Record<string, unknown>) => emu.call(supervisor, 'faq', event);
const message = (res: Res) => (res.body.error as { message: string }).message;
const newCategory = async (name: string) => data<Category>(await fn({ action: 'saveCategory', name }));
const newEntry = async (categoryId: string, question: string, extra: Record<string, unknown> = {}) =>
  data<AdminEntry>(await fn({ action: 'save', categoryId, question, answer: `${question}的答案`, enabled: true, ...extra }));
/** Entries whose category does not exist: must always be none. */
const orphans = () => {
  const categories = new Set(emu.db.find('faq_categories').map((c) => String(c._id)));
  return emu.db.find('faq_entries').filter((e) => !categories.has(String(e.categoryId)));
};
/** Rules that answer with an entry that does not exist: must always be none. */
const danglingRules = () => emu.db.find('faq_rules').filter((r) => r.action === 'answer' && !emu.db.get('faq_entries', String(r.entryId)));

describe('resolveUnanswered `new` uses save’s checks', () => {
  it('refuses an unknown category and a question the category already has, changing nothing; then works', async () => {
    const chat = await newChat(emu);
    const text = '今天股市怎么样';
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, text }));
    const open = () => emu.db.find('faq_unanswered').filter((r) => r.handledAt === undefined).length;
    const openBefore = open();
    expect(openBefore).toBeGreaterThan(0);
    const group = data<{ groups: Array<{ key: string; examples: string[] }> }>(await fn({ action: 'unanswered', days: 30 })).groups.find((g) => g.examples.includes(text))!;
    const entriesBefore = emu.db.count('faq_entries');
    const auditBefore = emu.db.count('audit_log');

    const unknown = await fn({ action: 'resolveUnanswered', groupKey: group.key, resolution: 'new', categoryId: 'cat-nope' });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(message(unknown)).toBe('所选分类不存在，请刷新后重试');

    // The wording of a seeded question (another punctuation: the same after normalization).
    const seeded = emu.db.get('faq_entries', 'faq-001')!;
    const twin = await fn({ action: 'resolveUnanswered', texts: [String(seeded.question).replace('？', '')], resolution: 'new', categoryId: String(seeded.categoryId) });
    expect(errorCode(twin)).toBe('CONFLICT');
    expect(message(twin)).toBe(`该分类下已有相同的问题「${String(seeded.question)}」`);

    expect(emu.db.count('faq_entries')).toBe(entriesBefore);
    expect(emu.db.count('audit_log')).toBe(auditBefore);
    expect(open()).toBe(openBefore);

    // The same question in another category is fine (save allows it too), and a valid group works.
    const other = await newCategory('积分');
    const ok = data<{ handled: number; entry: AdminEntry }>(await fn({ action: 'resolveUnanswered', groupKey: group.key, resolution: 'new', categoryId: other.id }));
    expect(ok.handled).toBeGreaterThan(0);
    expect(ok.entry).toMatchObject({ categoryId: other.id, question: text, enabled: false });
    expect(open()).toBe(openBefore - ok.handled);
    // Once the draft exists, the same wording again into that category is a twin.
    expect(errorCode(await fn({ action: 'resolveUnanswered', texts: [text], resolution: 'new', categoryId: other.id }))).toBe('CONFLICT');
  });
});

describe('removeCategory against save', () => {
  it('racing a removal against saves into the category never leaves an entry in a removed category', async () => {
    const ROUNDS = 8;
    for (let round = 0; round < ROUNDS; round++) {
      const cat = await newCategory(`竞态${round}`);
      const results = await Promise.all([
        fn({ action: 'save', categoryId: cat.id, question: `竞态问题${round}甲`, answer: '答案', enabled: true }),
        fn({ action: 'removeCategory', id: cat.id }),
        fn({ action: 'save', categoryId: cat.id, question: `竞态问题${round}乙`, answer: '答案', enabled: false }),
      ]);
      const [save1, remove, save2] = results;
      expect(orphans()).toEqual([]);
      const saved = [save1!, save2!].filter((r) => r.body.ok === true).length;
      if (remove!.body.ok === true) {
        // Removed: every save that did not make it first was refused because the category is gone.
        expect(data<{ removed: boolean }>(remove!)).toEqual({ removed: true });
        expect(saved).toBe(0);
        for (const r of [save1!, save2!]) expect(errorCode(r)).toBe('NOT_FOUND');
        expect(emu.db.get('faq_categories', cat.id)).toBeFalsy();
      } else {
        expect(errorCode(remove!)).toBe('CONFLICT');
        expect(saved).toBeGreaterThan(0);
        expect(emu.db.get('faq_categories', cat.id)).toBeTruthy();
        expect(emu.db.count('faq_entries', { categoryId: cat.id })).toBe(saved);
      }
    }
  });

  it('moving an entry into a category being removed is serialized the same way', async () => {
    const home = await newCategory('原分类');
    const entry = await newEntry(home.id, '搬家的问题');
    for (let round = 0; round < 4; round++) {
      const target = await newCategory(`目标${round}`);
      await Promise.all([fn({ action: 'removeCategory', id: target.id }), fn({ action: 'save', id: entry.id, categoryId: target.id, question: entry.question, answer: '答案', enabled: true })]);
      expect(orphans()).toEqual([]);
    }
  });
});

describe('removeCategory against import', () => {
  it('racing a removal against an import into the category never leaves an entry in a removed category', async () => {
    for (let round = 0; round < 12; round++) {
      const cat = await newCategory(`导入竞态${round}`);
      const content = ['问题,答案,分类', `导入竞态${round}问题,答案,${cat.id}`].join('\n');
      const [imported, removed] = await Promise.all([fn({ action: 'import', format: 'csv', content }), fn({ action: 'removeCategory', id: cat.id })]);
      expect(orphans()).toEqual([]);
      const result = data<{ imported: number }>(imported);
      if (removed.body.ok === true) expect(result.imported).toBe(0);
      else expect(emu.db.count('faq_entries', { categoryId: cat.id })).toBe(result.imported);
    }
  });
});

describe('removing an entry', () => {
  it('takes its rules and merge pointers in one go; merged entries become drafts again; the audit says so', async () => {
    const cat = await newCategory('删除');
    const kept = await newEntry(cat.id, '会被删除的问题', { similar: ['要删掉的问题'] });
    const merged = await newEntry(cat.id, '被合并的问题');
    const other = await newEntry(cat.id, '别的问题');
    const r1 = data<Rule>(await fn({ action: 'saveRule', pattern: '删除一', match: 'contains', ruleAction: 'answer', entryId: kept.id }));
    const r2 = data<Rule>(await fn({ action: 'saveRule', pattern: '删除二', match: 'exact', ruleAction: 'answer', entryId: kept.id }));
    const r3 = data<Rule>(await fn({ action: 'saveRule', pattern: '别的', match: 'contains', ruleAction: 'answer', entryId: other.id }));
    data(await fn({ action: 'mergeDuplicate', from: merged.id, into: kept.id }));
    expect(emu.db.get('faq_entries', merged.id)).toMatchObject({ mergedInto: kept.id, enabled: false });

    expect(data<{ removed: boolean }>(await fn({ action: 'remove', id: kept.id }))).toEqual({ removed: true });
    expect(emu.db.get('faq_entries', kept.id)).toBeFalsy();
    expect(emu.db.get('faq_rules', r1.id)).toBeFalsy();
    expect(emu.db.get('faq_rules', r2.id)).toBeFalsy();
    expect(emu.db.get('faq_rules', r3.id)).toBeTruthy();
    const back = emu.db.get('faq_entries', merged.id)!;
    expect(back.mergedInto).toBeUndefined();
    expect(back.mergedAt).toBeUndefined();
    expect(back.enabled).toBe(false);
    const listed = data<{ entries: AdminEntry[] }>(await fn({ action: 'adminList', categoryId: cat.id })).entries.find((e) => e.id === merged.id)!;
    expect(listed.mergedInto).toBeUndefined();
    // Not merged any more: it is compared again by the duplicates report.
    const report = data<{ pairs: Array<{ a: { id: string }; b: { id: string } }>; checked: number }>(await fn({ action: 'duplicates' }));
    expect(report.checked).toBe(emu.db.find('faq_entries').filter((e) => e.mergedInto === undefined).length);

    const audit = emu.db.find('audit_log', { action: 'faq.remove', target: `faq_entries/${kept.id}` });
    expect(audit).toHaveLength(1);
    const before = audit[0]!.before as { question: string; rules: Array<{ id: string; pattern: string }>; mergedEntries: Array<{ id: string; question: string }> };
    expect(before.question).toBe(kept.question);
    expect(before.rules.map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
    expect(before.rules.find((r) => r.id === r1.id)).toMatchObject({ pattern: '删除一', match: 'contains', action: 'answer' });
    expect(before.mergedEntries).toEqual([{ id: merged.id, question: merged.question }]);
    expect(audit[0]!.after).toBeNull();
    // Removing it again finds nothing and writes nothing (not even the rules lock).
    const lock = emu.db.get('settings', 'faq_rules');
    expect(lock).toBeTruthy();
    expect(data<{ removed: boolean }>(await fn({ action: 'remove', id: kept.id }))).toEqual({ removed: false });
    expect(emu.db.get('settings', 'faq_rules')).toEqual(lock);
    expect(emu.db.find('audit_log', { action: 'faq.remove', target: `faq_entries/${kept.id}` })).toHaveLength(1);
    data(await fn({ action: 'removeRule', id: r3.id }));
  });

  it('an entry with more rules and merged entries than one transaction takes is removed in steps, all of them audited', async () => {
    const cat = await newCategory('大量规则');
    const big = await newEntry(cat.id, '有很多规则的问题');
    const now = new Date();
    emu.db.insert(
      'faq_rules',
      Array.from({ length: 150 }, (_, i) => ({ _id: `many-${i}`, pattern: `很多${i}`, match: 'exact', action: 'answer', entryId: big.id, enabled: true, order: 1000 + i, updatedAt: now })),
    );
    emu.db.insert(
      'faq_entries',
      Array.from({ length: 60 }, (_, i) => ({ _id: `merged-${i}`, categoryId: cat.id, question: `并入的问题${i}`, answer: '答案', enabled: false, mergedInto: big.id, mergedAt: now, updatedAt: now })),
    );
    expect(data<{ removed: boolean }>(await fn({ action: 'remove', id: big.id }))).toEqual({ removed: true });
    expect(emu.db.get('faq_entries', big.id)).toBeFalsy();
    expect(emu.db.count('faq_rules', { entryId: big.id })).toBe(0);
    expect(emu.db.count('faq_entries', { mergedInto: big.id })).toBe(0);
    expect(emu.db.count('faq_entries', { categoryId: cat.id })).toBe(60);
    const before = emu.db.find('audit_log', { action: 'faq.remove', target: `faq_entries/${big.id}` })[0]!.before as { rules: unknown[]; mergedEntries: unknown[] };
    expect(before.rules).toHaveLength(150);
    expect(before.mergedEntries).toHaveLength(60);
  });

  it('racing a removal against a rule saved for the entry never leaves a rule answering with nothing', async () => {
    const cat = await newCategory('规则竞态');
    for (let round = 0; round < 6; round++) {
      const entry = await newEntry(cat.id, `规则竞态问题${round}`);
      const [removed, rule] = await Promise.all([
        fn({ action: 'remove', id: entry.id }),
        fn({ action: 'saveRule', pattern: `竞态${round}`, match: 'contains', ruleAction: 'answer', entryId: entry.id }),
      ]);
      expect(data<{ removed: boolean }>(removed)).toEqual({ removed: true });
      if (rule.body.ok !== true) expect(errorCode(rule)).toBe('NOT_FOUND');
      expect(danglingRules()).toEqual([]);
    }
  });
});

describe('edits keep what they omit', () => {
  it('save, saveCategory and saveRule: omitted optional fields get defaults on create and keep their stored values on edit', async () => {
    const cat = data<Category>(await fn({ action: 'saveCategory', name: '保留字段', icon: '🧊', description: '说明文字', order: 7, enabled: false }));
    const renamed = data<Category>(await fn({ action: 'saveCategory', id: cat.id, name: '保留字段（改）' }));
    expect(renamed).toMatchObject({ name: '保留字段（改）', icon: '🧊', description: '说明文字', order: 7, enabled: false });
    expect(emu.db.get('faq_categories', cat.id)).toMatchObject({ name: '保留字段（改）', icon: '🧊', description: '说明文字', order: 7, enabled: false });
    // Sent fields still change, empty strings included.
    expect(data<Category>(await fn({ action: 'saveCategory', id: cat.id, name: '保留字段', icon: '', enabled: true }))).toMatchObject({ icon: '', description: '说明文字', order: 7, enabled: true });
    expect(data<Category>(await fn({ action: 'saveCategory', name: '默认分类' }))).toMatchObject({ icon: '', description: '', order: 0, enabled: true });

    const entry = await newEntry(cat.id, '保留相似问的问题', { similar: ['相似问一', '相似问二'], keywords: ['保留'], order: 3 });
    const edited = data<AdminEntry>(await fn({ action: 'save', id: entry.id, categoryId: cat.id, question: entry.question, answer: '新的答案', enabled: false }));
    expect(edited).toMatchObject({ similar: ['相似问一', '相似问二'], keywords: ['保留'], order: 3, enabled: false });
    expect(emu.db.get('faq_entries', entry.id)).toMatchObject({ similar: ['相似问一', '相似问二'], keywords: ['保留'], order: 3, answer: '新的答案' });
    // A kept similar question equal to the new question is dropped, as a sent one is.
    expect(data<AdminEntry>(await fn({ action: 'save', id: entry.id, categoryId: cat.id, question: '相似问一', answer: '新的答案', enabled: false })).similar).toEqual(['相似问二']);
    expect(data<AdminEntry>(await fn({ action: 'save', id: entry.id, categoryId: cat.id, question: '相似问一', answer: '新的答案', similar: [], keywords: [], enabled: false }))).toMatchObject({ similar: [], keywords: [] });
    expect(await newEntry(cat.id, '默认字段的问题')).toMatchObject({ similar: [], keywords: [], order: 0 });

    const rule = data<Rule>(await fn({ action: 'saveRule', pattern: '保留', match: 'contains', ruleAction: 'handoff', enabled: false, order: 42 }));
    const ruleEdited = data<Rule>(await fn({ action: 'saveRule', id: rule.id, pattern: '保留规则', match: 'exact', ruleAction: 'handoff' }));
    expect(ruleEdited).toMatchObject({ enabled: false, order: 42 });
    expect(emu.db.get('faq_rules', rule.id)).toMatchObject({ pattern: '保留规则', enabled: false, order: 42 });
    const fresh = data<Rule>(await fn({ action: 'saveRule', pattern: '默认规则', match: 'contains', ruleAction: 'handoff' }));
    expect(fresh).toMatchObject({ enabled: true, order: 0 });
    data(await fn({ action: 'removeRule', id: rule.id }));
    data(await fn({ action: 'removeRule', id: fresh.id }));
  });
});

// Last: it fills faq_rules up to the limit.
describe('the keyword-rule limit', () => {
  it('refuses a rule beyond 500 in plain words (edits still work); concurrent creations at the limit pass only up to it', async () => {
    const LIMIT = 500;
    const have = emu.db.count('faq_rules');
    emu.db.insert(
      'faq_rules',
      Array.from({ length: LIMIT - 2 - have }, (_, i) => ({ _id: `bulk-${i}`, pattern: `批量${i}`, match: 'exact', action: 'handoff', enabled: true, order: 100 + i, updatedAt: new Date() })),
    );
    expect(emu.db.count('faq_rules')).toBe(LIMIT - 2);
    const created = await Promise.all(Array.from({ length: 4 }, (_, i) => fn({ action: 'saveRule', pattern: `并发${i}`, match: 'contains', ruleAction: 'handoff' })));
    expect(created.filter((r) => r.body.ok === true)).toHaveLength(2);
    for (const r of created.filter((r) => r.body.ok !== true)) {
      expect(errorCode(r)).toBe('INVALID_INPUT');
      expect(message(r)).toBe('关键词规则最多 500 条，请先删除不用的规则');
    }
    expect(emu.db.count('faq_rules')).toBe(LIMIT);
    expect(data<Rule[]>(await fn({ action: 'rules' }))).toHaveLength(LIMIT);
    const auditBefore = emu.db.count('audit_log');
    expect(errorCode(await fn({ action: 'saveRule', pattern: '再一条', match: 'contains', ruleAction: 'handoff' }))).toBe('INVALID_INPUT');
    expect(emu.db.count('faq_rules')).toBe(LIMIT);
    expect(emu.db.count('audit_log')).toBe(auditBefore);

    expect(data<Rule>(await fn({ action: 'saveRule', id: 'bulk-0', pattern: '批量零', match: 'exact', ruleAction: 'handoff', enabled: false }))).toMatchObject({ enabled: false, order: 100 });
    data(await fn({ action: 'removeRule', id: 'bulk-1' }));
    expect(data<Rule>(await fn({ action: 'saveRule', pattern: '腾出位置', match: 'contains', ruleAction: 'handoff' })).enabled).toBe(true);
    expect(emu.db.count('faq_rules')).toBe(LIMIT);
  });
});
