// Near-duplicate FAQ entries, through the real functions against the emulator: the report lists two
// entries that ask the same thing, a merge moves one into the other (the bot answers with the kept one at
// once), a dismissed pair leaves the report, and refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairKey } from '../../core/faq/duplicates';
import { watchWrites } from '../helpers/db-snapshot';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
let customer: string;
let supervisor: string;
let admin: string;
let qa: string;
let agent: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  [customer, supervisor, admin, qa, agent] = await Promise.all([emu.login('customer'), emu.login('supervisor'), emu.login('admin'), emu.login('qa'), emu.login('agent')]);
});
afterAll(() => emu.close());

interface AdminEntry {
  id: string;
  question: string;
  similar: string[];
  keywords: string[];
  enabled: boolean;
  mergedInto?: string;
}
interface DupEntry {
  id: string;
  categoryId: string;
  question: string;
  published: boolean;
}
interface Report {
  pairs: Array<{ a: DupEntry; b: DupEntry; score: number }>;
  checked: number;
  total: number;
  minScore: number;
}

const fn = (token: string, event: Record<string, unknown>) => emu.call(token, 'faq', event);
const save = async (input: Record<string, unknown>) => data<AdminEntry>(await fn(supervisor, { action: 'save', categoryId: 'cat-usage', similar: [], keywords: [], enabled: true, ...input }));
const report = async (input: Record<string, unknown> = {}) => data<Report>(await fn(qa, { action: 'duplicates', ...input }));
const pairOf = (r: Report, x: string, y: string) => r.pairs.find((p) => pairKey(p.a.id, p.b.id) === pairKey(x, y));
const ask = async (text: string) => data<{ match: { id: string } | null }>(await fn(customer, { action: 'ask', text }));
const audits = (action: string) => emu.db.find('audit_log', { action });

describe('faq.duplicates and faq.mergeDuplicate', () => {
  let keep: AdminEntry;
  let twin: AdminEntry;

  it('lists two entries that ask the same thing, published and drafts alike, with their summaries', async () => {
    keep = await save({ question: '暖风机可以放在浴室里用吗', answer: '可以，本机防水等级 IPX4，请远离花洒直喷。', similar: ['浴室能用暖风机吗'], keywords: ['浴室'] });
    twin = await save({ question: '暖风机能不能在浴室里使用', answer: '能，但请勿让水直接淋到机身。', similar: ['洗澡时可以开暖风机吗'], keywords: ['洗澡'], enabled: false });
    const r = await report();
    const pair = pairOf(r, keep.id, twin.id);
    expect(pair, JSON.stringify(r.pairs.map((p) => [p.a.question, p.b.question, p.score]))).toBeDefined();
    // Published entries are listed first, so the published one is `a`.
    expect(pair!.a).toMatchObject({ id: keep.id, question: keep.question, categoryId: 'cat-usage', published: true });
    expect(pair!.b).toMatchObject({ id: twin.id, question: twin.question, published: false });
    expect(pair!.score).toBeGreaterThanOrEqual(r.minScore);
    expect(pair!.score).toBeLessThanOrEqual(1);
    expect(r.minScore).toBe(0.45);
    expect(r.checked).toBe(emu.db.count('faq_entries'));
    expect(r.total).toBe(r.checked);
    for (let i = 1; i < r.pairs.length; i++) expect(r.pairs[i - 1]!.score).toBeGreaterThanOrEqual(r.pairs[i]!.score);
    // A floor above the pair's score leaves it out.
    const strict = await report({ minScore: 0.95 });
    expect(strict.pairs.every((p) => p.score >= 0.95)).toBe(true);
    if (pair!.score < 0.95) expect(pairOf(strict, keep.id, twin.id)).toBeUndefined();
  });

  it('merging moves the questions and keywords, unpublishes `from`, and the bot answers the merged question with `into`', async () => {
    await save({ id: twin.id, question: twin.question, answer: '能，但请勿让水直接淋到机身。', similar: twin.similar, keywords: twin.keywords, enabled: true });
    const auditBefore = audits('faq.merge').length;
    const res = data<{ into: AdminEntry; from: AdminEntry }>(await fn(supervisor, { action: 'mergeDuplicate', from: twin.id, into: keep.id }));
    expect(res.into.similar).toEqual(['浴室能用暖风机吗', '暖风机能不能在浴室里使用', '洗澡时可以开暖风机吗']);
    expect(res.into.keywords).toEqual(['浴室', '洗澡']);
    expect(res.from).toMatchObject({ id: twin.id, enabled: false, mergedInto: keep.id });
    expect(emu.db.get('faq_entries', twin.id)).toMatchObject({ enabled: false, mergedInto: keep.id, question: twin.question, answer: '能，但请勿让水直接淋到机身。' });
    expect(emu.db.get('faq_entries', keep.id)).toMatchObject({ enabled: true, similar: res.into.similar, keywords: ['浴室', '洗澡'] });

    const added = audits('faq.merge');
    expect(added).toHaveLength(auditBefore + 1);
    expect(added.at(-1)).toMatchObject({
      target: `faq_entries/${keep.id}`,
      before: { similar: ['浴室能用暖风机吗'], mergedEntry: { id: twin.id, enabled: true } },
      after: { similar: res.into.similar, mergedEntry: { id: twin.id, enabled: false, mergedInto: keep.id } },
    });

    for (const q of [twin.question, '洗澡时可以开暖风机吗']) expect((await ask(q)).match?.id, q).toBe(keep.id);
    expect(pairOf(await report(), keep.id, twin.id)).toBeUndefined();
    // The merged entry is not compared any more.
    expect((await report()).checked).toBe(emu.db.count('faq_entries') - 1);
  });

  it('merging an entry already merged is a CONFLICT and changes nothing', async () => {
    const other = await save({ question: '暖风机的遥控器丢了怎么办', answer: '可在官方商城单独购买遥控器。' });
    const writes = watchWrites(emu.db, ['rate_limits']);
    try {
      expect(errorCode(await fn(supervisor, { action: 'mergeDuplicate', from: twin.id, into: other.id }))).toBe('CONFLICT');
      // …and merging into a merged entry too.
      expect(errorCode(await fn(admin, { action: 'mergeDuplicate', from: other.id, into: twin.id }))).toBe('CONFLICT');
      expect(writes.writes).toEqual([]);
    } finally {
      writes.stop();
    }
    expect(emu.db.get('faq_entries', other.id)).toMatchObject({ enabled: true, similar: [] });
  });

  it('two opposite merges at once: exactly one wins, the other is a CONFLICT', async () => {
    const x = await save({ question: '暖风机倒了会自动断电吗', answer: '会，内置倾倒开关。' });
    const y = await save({ question: '暖风机倒下会不会自动断电', answer: '会自动断电。' });
    const answers = await Promise.all([fn(supervisor, { action: 'mergeDuplicate', from: x.id, into: y.id }), fn(admin, { action: 'mergeDuplicate', from: y.id, into: x.id })]);
    const codes = answers.map((r) => (r.body.ok ? 'ok' : errorCode(r)));
    expect(codes.sort()).toEqual(['CONFLICT', 'ok']);
    const [dx, dy] = [emu.db.get('faq_entries', x.id)!, emu.db.get('faq_entries', y.id)!];
    // One is merged into the other, never both.
    expect([dx.mergedInto, dy.mergedInto].filter(Boolean)).toHaveLength(1);
    const kept = dx.mergedInto ? dy : dx;
    expect(kept).toMatchObject({ enabled: true });
    expect(kept.similar).toHaveLength(1);
  });

  it('customers, agents and QA cannot merge or dismiss; unknown ids are NOT_FOUND; nothing changes', async () => {
    const a = await save({ question: '暖风机第一次用有异味正常吗', answer: '新机初次使用有轻微气味属正常，通风后即消失。' });
    const b = await save({ question: '暖风机刚开始用有味道正常吗', answer: '正常，使用几次后会消失。' });
    const writes = watchWrites(emu.db, ['rate_limits']);
    try {
      for (const token of [customer, agent, qa]) {
        expect(errorCode(await fn(token, { action: 'mergeDuplicate', from: b.id, into: a.id }))).toBe('FORBIDDEN');
        expect(errorCode(await fn(token, { action: 'dismissDuplicate', a: a.id, b: b.id }))).toBe('FORBIDDEN');
      }
      for (const token of [customer, agent]) expect(errorCode(await fn(token, { action: 'duplicates' }))).toBe('FORBIDDEN');
      expect(errorCode(await fn(supervisor, { action: 'mergeDuplicate', from: 'faq-nope', into: a.id }))).toBe('NOT_FOUND');
      expect(errorCode(await fn(supervisor, { action: 'mergeDuplicate', from: b.id, into: 'faq-nope' }))).toBe('NOT_FOUND');
      expect(errorCode(await fn(supervisor, { action: 'dismissDuplicate', a: a.id, b: 'faq-nope' }))).toBe('NOT_FOUND');
      expect(writes.writes).toEqual([]);
    } finally {
      writes.stop();
    }
    expect(emu.db.get('faq_entries', b.id)).toMatchObject({ enabled: true });
    expect(emu.db.get('faq_entries', b.id)!.mergedInto).toBeUndefined();
  });

  it('bad input is INVALID_INPUT in plain words and changes nothing; a merge that would exceed 50 similar questions too', async () => {
    const full = await save({ question: '暖风机怎么设置定时关机', answer: '按定时键选择 1–8 小时。', similar: Array.from({ length: 49 }, (_, i) => `暖风机定时问法${i + 1}`) });
    const extra = await save({ question: '暖风机能定时关吗', answer: '能，按定时键。', similar: ['暖风机可以设定时间自动关吗'] });
    const writes = watchWrites(emu.db, ['rate_limits']);
    try {
      const bad: Array<Record<string, unknown>> = [
        { action: 'mergeDuplicate', from: full.id, into: full.id },
        { action: 'mergeDuplicate', from: full.id },
        { action: 'mergeDuplicate', from: '../x', into: full.id },
        { action: 'dismissDuplicate', a: full.id, b: full.id },
        { action: 'dismissDuplicate', a: full.id, b: 7 },
        { action: 'duplicates', minScore: 0.1 },
        { action: 'duplicates', minScore: 0.99 },
        { action: 'duplicates', minScore: '0.5' },
      ];
      for (const event of bad) {
        const res = await fn(supervisor, event);
        expect(errorCode(res), JSON.stringify(event)).toBe('INVALID_INPUT');
        expect((res.body.error as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
      }
      const tooMany = await fn(supervisor, { action: 'mergeDuplicate', from: extra.id, into: full.id });
      expect(errorCode(tooMany)).toBe('INVALID_INPUT');
      expect((tooMany.body.error as { message: string }).message).toContain('超过上限 50 个');
      expect(writes.writes).toEqual([]);
    } finally {
      writes.stop();
    }
    expect(emu.db.get('faq_entries', full.id)!.similar).toHaveLength(49);
    expect(emu.db.get('faq_entries', extra.id)).toMatchObject({ enabled: true });
  });
});

describe('keyword rules follow a merge', () => {
  it('a rule that answered with `from` answers with `into` after the merge, and the audit names it', async () => {
    const a = await save({ question: '除湿机水箱满了怎么办', answer: '倒掉水箱里的水后重新装好即可。' });
    const b = await save({ question: '除湿机的水箱满了要怎么处理', answer: '取出水箱倒水，再放回原位。' });
    const rule = data<{ id: string }>(await fn(supervisor, { action: 'saveRule', pattern: '水箱满', match: 'contains', ruleAction: 'answer', entryId: b.id }));
    const other = data<{ id: string }>(await fn(supervisor, { action: 'saveRule', pattern: '除湿机噪音', match: 'contains', ruleAction: 'answer', entryId: a.id }));
    data(await fn(supervisor, { action: 'mergeDuplicate', from: b.id, into: a.id }));
    expect(emu.db.get('faq_rules', rule.id)).toMatchObject({ entryId: a.id });
    expect(emu.db.get('faq_rules', other.id)).toMatchObject({ entryId: a.id });
    expect(audits('faq.merge').at(-1)).toMatchObject({ after: { movedRules: [rule.id] } });
    expect((await ask('我家除湿机水箱满了'))?.match?.id).toBe(a.id);
  });
});

describe('faq.dismissDuplicate', () => {
  it('a dismissed pair leaves the report (either order), once; the dismissal is audited', async () => {
    const a = await save({ question: '暖风机的滤网怎么清洗', answer: '取下滤网用清水冲洗，晾干后装回。' });
    const b = await save({ question: '暖风机滤网要如何清洗', answer: '滤网可水洗，晾干再装。' });
    const r0 = await report();
    expect(pairOf(r0, a.id, b.id), JSON.stringify(r0.pairs.map((p) => [p.a.question, p.b.question, p.score]))).toBeDefined();
    const before = audits('faq.duplicate.dismiss').length;
    expect(data<{ dismissed: boolean }>(await fn(supervisor, { action: 'dismissDuplicate', a: b.id, b: a.id }))).toEqual({ dismissed: true });
    expect(pairOf(await report(), a.id, b.id)).toBeUndefined();
    expect(emu.db.get('settings', 'faq_duplicates_dismissed')!.keys).toEqual([pairKey(a.id, b.id)]);
    const entry = audits('faq.duplicate.dismiss');
    expect(entry).toHaveLength(before + 1);
    expect(entry.at(-1)).toMatchObject({ target: 'settings/faq_duplicates_dismissed', before: { pair: pairKey(a.id, b.id), dismissed: false }, after: { questions: [b.question, a.question], dismissed: true } });
    // Again: nothing new to remember, nothing audited.
    expect(data<{ dismissed: boolean }>(await fn(admin, { action: 'dismissDuplicate', a: a.id, b: b.id }))).toEqual({ dismissed: true });
    expect(audits('faq.duplicate.dismiss')).toHaveLength(before + 1);
    expect(emu.db.get('settings', 'faq_duplicates_dismissed')!.keys).toEqual([pairKey(a.id, b.id)]);
    // The entries themselves are untouched: both still answer customers.
    expect(emu.db.get('faq_entries', a.id)).toMatchObject({ enabled: true });
    expect(emu.db.get('faq_entries', b.id)).toMatchObject({ enabled: true });
  });
});
