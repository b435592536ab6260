// Quality review (质检) end to end: real conversations driven to closed (resolved or not, rated or
// not, answered fast or slowly), then sampled by filter, read, scored and re-scored; agents see their
// own reviews only; the per-agent report; who may call what; bad input that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDay } from '../../core/templates/time';
import { agentToken, conv, eventsOf, newChat, type Chat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface SampleItem {
  conversationId: string;
  agentId: string;
  agentName: string;
  rating: number | null;
  resolved: boolean | null;
  firstResponseSec: number | null;
}
interface Sample {
  filter: string;
  seed: string;
  matched: number;
  items: SampleItem[];
}
interface Review {
  conversationId: string;
  agentId: string;
  scores: Record<string, number>;
  total: number;
  comment: string;
  reviewedAt: string;
  reviewerId?: string;
  revisions: number;
  items: Array<{ key: string; label: string; weight: number }>;
}
interface ReportRow {
  agentId: string;
  agentName: string;
  reviews: number;
  meanTotal: number | null;
  items: Record<string, number | null>;
}
interface Report {
  agents: ReportRow[];
  overall: { reviews: number; meanTotal: number | null; items: Record<string, number | null> };
}

describe('quality review (质检)', () => {
  let emu: TestEmulator;
  let qa: string;
  let sup: string;
  let a1: string;
  let a2: string;
  const today = businessDay(new Date());
  const yesterday = businessDay(new Date(Date.now() - 24 * 3600_000));
  const tomorrow = businessDay(new Date(Date.now() + 24 * 3600_000));
  const c: Record<string, Chat> = {};

  const desk = (token: string, event: Record<string, unknown>) => emu.call(token, 'desk', event);
  const sample = async (token: string, filter: string, extra: Record<string, unknown> = {}) =>
    data<Sample>(await desk(token, { action: 'qaSample', from: today, to: today, filter, size: 50, ...extra }));
  const ids = (s: Sample) => s.items.map((i) => i.conversationId).sort();
  const full = { greeting: 5, accuracy: 4, tone: 5, resolution: 3 };
  const snapshot = () => JSON.stringify([emu.db.find('qa_reviews', {}, { sort: { _id: 1 } }), emu.db.count('events'), emu.db.find('settings', {}, { sort: { _id: 1 } }), emu.db.count('audit_log')]);

  /** A presales customer handed over to whoever is online, answered, closed and maybe rated. */
  async function served(agent: string, opts: { resolved: boolean; score?: number; note?: string }): Promise<Chat> {
    const chat = await newChat(emu, { category: 'cat-product' });
    data(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
    data(await desk(agent, { action: 'reply', conversationId: chat.conversationId, text: '您好，我来帮您看看。' }));
    if (opts.note) data(await desk(agent, { action: 'note', conversationId: chat.conversationId, text: opts.note }));
    data(await desk(agent, { action: 'close', conversationId: chat.conversationId, resolved: opts.resolved }));
    if (opts.score) data(await emu.call(chat.token, 'session', { action: 'rate', conversationId: chat.conversationId, score: opts.score }));
    return chat;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    qa = await emu.login('qa', { openid: 'qa-reviewer', name: '质检小刘' });
    sup = await emu.login('supervisor', { openid: 'qa-supervisor' });
    [a1, a2] = [await agentToken(emu, 1), await agentToken(emu, 2)];

    data(await desk(a1, { action: 'setStatus', status: 'online' }));
    c.good = await served(a1, { resolved: true, score: 5, note: '客户是老会员' });
    c.low = await served(a1, { resolved: true, score: 2 });
    c.unresolved = await served(a1, { resolved: false });
    c.slow = await served(a1, { resolved: true, score: 4 });
    // The first reply came 2 minutes after the hand-off.
    const slow = conv(emu, c.slow.conversationId);
    emu.db.update('conversations', c.slow.conversationId, { handoffAt: new Date(new Date(slow.firstResponseAt as string).getTime() - 120_000) });
    // Still open, with demo-agent-1.
    c.open = await newChat(emu, { category: 'cat-product' });
    data(await emu.call(c.open.token, 'session', { action: 'handoff', conversationId: c.open.conversationId }));
    // Closed by the customer while only the bot talked: no person to review.
    c.bot = await newChat(emu, { text: '怎么开发票' });
    data(await emu.call(c.bot.token, 'session', { action: 'close', conversationId: c.bot.conversationId }));
    // One of demo-agent-2's.
    data(await desk(a1, { action: 'setStatus', status: 'away' }));
    data(await desk(a2, { action: 'setStatus', status: 'online' }));
    c.other = await served(a2, { resolved: true, score: 3 });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('the default rubric: four items scored 0–5', async () => {
    const rubric = data<{ items: Array<{ key: string; label: string; weight: number }>; maxScore: number; custom: boolean }>(await desk(qa, { action: 'qaRubric' }));
    expect(rubric.items.map((i) => i.label)).toEqual(['问候礼貌', '答复准确', '语气态度', '问题解决']);
    expect(rubric.items.map((i) => i.key)).toEqual(['greeting', 'accuracy', 'tone', 'resolution']);
    expect(rubric).toMatchObject({ maxScore: 5, custom: false });
  });

  it('sample filters return the right conversations (closed, with a person, in the period)', async () => {
    const closedWithPerson = [c.good, c.low, c.unresolved, c.slow, c.other].map((x) => x!.conversationId).sort();
    const random = await sample(qa, 'random', { seed: 'abc' });
    expect(ids(random)).toEqual(closedWithPerson);
    expect(random.matched).toBe(5);
    expect(ids(await sample(qa, 'low_rating'))).toEqual([c.low!.conversationId, c.other!.conversationId].sort());
    expect(ids(await sample(qa, 'unresolved'))).toEqual([c.unresolved!.conversationId]);
    const slow = await sample(qa, 'slow_first_response');
    expect(ids(slow)).toEqual([c.slow!.conversationId]);
    expect(slow.items[0]!.firstResponseSec).toBeGreaterThanOrEqual(120);
    expect(slow.items[0]).toMatchObject({ agentId: 'demo-agent-1', agentName: '客服小暖', rating: 4, resolved: true });
    // Other periods: nothing.
    expect((await sample(qa, 'random', { from: yesterday, to: yesterday })).items).toEqual([]);
    expect((await sample(qa, 'random', { from: tomorrow, to: tomorrow })).items).toEqual([]);
    // Supervisors and admins sample too.
    expect(ids(await sample(sup, 'unresolved'))).toEqual([c.unresolved!.conversationId]);
  });

  it('random sampling is reproducible for a seed', async () => {
    const one = await sample(qa, 'random', { seed: 'week-48', size: 2 });
    const two = await sample(qa, 'random', { seed: 'week-48', size: 2 });
    expect(one.items).toHaveLength(2);
    expect(one.seed).toBe('week-48');
    expect(two.items.map((i) => i.conversationId)).toEqual(one.items.map((i) => i.conversationId));
    // Without a seed, one is chosen and given back: passing it again gives the same sample.
    const free = await sample(qa, 'random', { size: 3 });
    expect(free.seed).toMatch(/\S+/);
    expect((await sample(qa, 'random', { size: 3, seed: free.seed })).items).toEqual(free.items);
  });

  it('review: the whole conversation with internal notes, no score yet', async () => {
    const detail = data<{ conversation: { status: string; agentId: string; messages: Array<{ kind: string; text: string }> }; review: unknown; rubric: { items: unknown[] } }>(
      await desk(qa, { action: 'qaReview', conversationId: c.good!.conversationId }),
    );
    expect(detail.conversation).toMatchObject({ status: 'closed', agentId: 'demo-agent-1' });
    expect(detail.conversation.messages.some((m) => m.kind === 'note' && m.text === '客户是老会员')).toBe(true);
    expect(detail.conversation.messages.some((m) => m.text === '您好，我来帮您看看。')).toBe(true);
    expect(detail.review).toBeNull();
    expect(detail.rubric.items).toHaveLength(4);
  });

  it('scoring and re-scoring: one review per conversation, the total is the weighted mean out of 100', async () => {
    const id = c.low!.conversationId;
    const first = data<Review>(await desk(qa, { action: 'qaScore', conversationId: id, scores: full, comment: '问候规范，解决不彻底' }));
    // Weights 1, 2, 1, 2: (5 + 8 + 5 + 6) / 30 = 80.
    expect(first).toMatchObject({ conversationId: id, agentId: 'demo-agent-1', total: 80, comment: '问候规范，解决不彻底', reviewerId: 'qa-reviewer', revisions: 0 });
    expect(emu.db.count('qa_reviews')).toBe(1);
    expect(eventsOf(emu, id, 'qa_scored')).toEqual([expect.objectContaining({ agentId: 'demo-agent-1', score: 80 })]);

    const again = data<Review>(await desk(sup, { action: 'qaScore', conversationId: id, scores: { greeting: 5, accuracy: 5, tone: 5, resolution: 5 } }));
    expect(again).toMatchObject({ total: 100, comment: '', reviewerId: 'qa-supervisor', revisions: 1 });
    expect(emu.db.count('qa_reviews')).toBe(1);
    const stored = emu.db.get('qa_reviews', id)!;
    expect(stored).toMatchObject({ createdBy: 'qa-reviewer', reviewerId: 'qa-supervisor', agentId: 'demo-agent-1', conversationId: id });
    expect(stored.history).toEqual([expect.objectContaining({ reviewerId: 'qa-reviewer', total: 80, comment: '问候规范，解决不彻底' })]);
    expect(eventsOf(emu, id, 'qa_scored')).toHaveLength(2);

    const detail = data<{ review: Review }>(await desk(qa, { action: 'qaReview', conversationId: id }));
    expect(detail.review).toMatchObject({ total: 100, reviewerId: 'qa-supervisor', revisions: 1 });
    // Reviewed conversations leave the sample.
    expect(ids(await sample(qa, 'low_rating'))).toEqual([c.other!.conversationId]);
    expect((await sample(qa, 'random', { seed: 'x' })).matched).toBe(4);
  });

  it('agents see only their own reviews, without who gave them', async () => {
    data(await desk(qa, { action: 'qaScore', conversationId: c.other!.conversationId, scores: { greeting: 3, accuracy: 3, tone: 3, resolution: 3 }, comment: '语气可以更热情' }));
    data(await desk(qa, { action: 'qaScore', conversationId: c.unresolved!.conversationId, scores: { greeting: 4, accuracy: 2, tone: 4, resolution: 1 } }));
    const mine1 = data<Review[]>(await desk(a1, { action: 'qaMine' }));
    expect(mine1.map((r) => r.conversationId).sort()).toEqual([c.low!.conversationId, c.unresolved!.conversationId].sort());
    expect(mine1.every((r) => r.agentId === 'demo-agent-1' && r.reviewerId === undefined)).toBe(true);
    expect(mine1.find((r) => r.conversationId === c.unresolved!.conversationId)).toMatchObject({ total: 46.7, scores: { greeting: 4, accuracy: 2, tone: 4, resolution: 1 } });
    const mine2 = data<Review[]>(await desk(a2, { action: 'qaMine', from: today, to: today }));
    expect(mine2).toEqual([expect.objectContaining({ conversationId: c.other!.conversationId, total: 60, comment: '语气可以更热情' })]);
    expect(mine2[0]!.items.map((i) => i.label)).toEqual(['问候礼貌', '答复准确', '语气态度', '问题解决']);
    expect(data<Review[]>(await desk(a2, { action: 'qaMine', from: yesterday, to: yesterday }))).toEqual([]);
    // Their own conversation's review is not theirs to read through qaReview.
    expect(errorCode(await desk(a1, { action: 'qaReview', conversationId: c.low!.conversationId }))).toBe('FORBIDDEN');
  });

  it('report: per agent, reviews, mean total and mean per item', async () => {
    const report = data<Report>(await desk(qa, { action: 'qaReport', from: today, to: today }));
    expect(report.agents).toEqual([
      { agentId: 'demo-agent-1', agentName: '客服小暖', reviews: 2, meanTotal: 73.4, items: { greeting: 4.5, accuracy: 3.5, tone: 4.5, resolution: 3 } },
      { agentId: 'demo-agent-2', agentName: expect.any(String), reviews: 1, meanTotal: 60, items: { greeting: 3, accuracy: 3, tone: 3, resolution: 3 } },
    ]);
    expect(report.overall).toMatchObject({ reviews: 3, meanTotal: 68.9 });
    expect(data<Report>(await desk(sup, { action: 'qaReport', from: yesterday, to: yesterday })).agents).toEqual([]);
  });

  it('two reviewers scoring at once: still one review, nothing lost', async () => {
    const id = c.slow!.conversationId;
    const results = await Promise.all(
      [qa, sup, qa].map((token, i) => desk(token, { action: 'qaScore', conversationId: id, scores: { greeting: i, accuracy: i, tone: i, resolution: i } })),
    );
    const ok = results.filter((r) => r.body.ok === true).length;
    expect(ok + results.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(3);
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(emu.db.find('qa_reviews', { conversationId: id })).toHaveLength(1);
    const stored = emu.db.get('qa_reviews', id)!;
    expect(stored.history).toHaveLength(ok - 1);
    expect(stored.revision).toBe(ok - 1);
    expect(eventsOf(emu, id, 'qa_scored')).toHaveLength(ok);
  });

  it('permissions: customers nothing, agents only their own list, QA does not take conversations', async () => {
    const customer = c.good!.token;
    for (const action of ['qaRubric', 'qaSample', 'qaReview', 'qaScore', 'qaMine', 'qaReport', 'saveQaRubric']) {
      expect(errorCode(await desk(customer, { action, from: today, to: today, filter: 'random', conversationId: c.good!.conversationId, scores: full, items: [] }))).toBe('FORBIDDEN');
    }
    const before = snapshot();
    expect(errorCode(await desk(a1, { action: 'qaScore', conversationId: c.good!.conversationId, scores: full }))).toBe('FORBIDDEN');
    expect(errorCode(await desk(a1, { action: 'qaSample', from: today, to: today, filter: 'random' }))).toBe('FORBIDDEN');
    expect(errorCode(await desk(a1, { action: 'qaReport', from: today, to: today }))).toBe('FORBIDDEN');
    expect(errorCode(await desk(a1, { action: 'qaRubric' }))).toBe('FORBIDDEN');
    expect(errorCode(await desk(qa, { action: 'saveQaRubric', items: [{ key: 'greeting', label: '问候', weight: 1 }] }))).toBe('FORBIDDEN');
    expect(errorCode(await desk(qa, { action: 'inbox' }))).toBe('FORBIDDEN');
    expect(errorCode(await desk(qa, { action: 'claim', conversationId: c.open!.conversationId }))).toBe('FORBIDDEN');
    expect(snapshot()).toBe(before);
  });

  it('bad input changes nothing', async () => {
    const before = snapshot();
    const score = (event: Record<string, unknown>) => desk(qa, { action: 'qaScore', conversationId: c.good!.conversationId, scores: full, ...event });
    expect(errorCode(await score({ conversationId: 'no-such-conversation' }))).toBe('NOT_FOUND');
    expect(errorCode(await desk(qa, { action: 'qaReview', conversationId: 'no-such-conversation' }))).toBe('NOT_FOUND');
    expect(errorCode(await score({ conversationId: c.open!.conversationId }))).toBe('CONFLICT');
    expect(errorCode(await desk(qa, { action: 'qaReview', conversationId: c.open!.conversationId }))).toBe('CONFLICT');
    expect(errorCode(await score({ conversationId: c.bot!.conversationId }))).toBe('CONFLICT');
    expect(errorCode(await score({ scores: { ...full, greeting: 6 } }))).toBe('INVALID_INPUT');
    expect(errorCode(await score({ scores: { ...full, greeting: -1 } }))).toBe('INVALID_INPUT');
    expect(errorCode(await score({ scores: { ...full, greeting: 2.5 } }))).toBe('INVALID_INPUT');
    expect(errorCode(await score({ scores: { ...full, speed: 4 } }))).toBe('INVALID_INPUT');
    expect(errorCode(await score({ scores: { greeting: 5 } }))).toBe('INVALID_INPUT');
    expect(errorCode(await score({ comment: 'x'.repeat(501) }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(qa, { action: 'qaSample', from: today, to: yesterday, filter: 'random' }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(qa, { action: 'qaSample', from: today, to: today, filter: 'worst' }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(qa, { action: 'qaSample', from: today, to: today, filter: 'random', size: 51 }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(qa, { action: 'qaSample', from: '2026-02-30', to: today, filter: 'random' }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(qa, { action: 'qaReport', from: today, to: yesterday }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(a1, { action: 'qaMine', from: today, to: yesterday }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(sup, { action: 'saveQaRubric', items: [] }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(sup, { action: 'saveQaRubric', items: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, label: `项${i}`, weight: 1 })) }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(sup, { action: 'saveQaRubric', items: [{ key: 'a', label: '甲', weight: 1 }, { key: 'a', label: '乙', weight: 1 }] }))).toBe('INVALID_INPUT');
    expect(errorCode(await desk(sup, { action: 'saveQaRubric', items: [{ key: 'a', label: '甲', weight: 0 }] }))).toBe('INVALID_INPUT');
    expect(snapshot()).toBe(before);
  });

  it('a new rubric (audited) is what scores are checked and totalled against', async () => {
    const items = [
      { key: 'greeting', label: '问候礼貌', weight: 1 },
      { key: 'speed', label: '响应速度', weight: 3 },
    ];
    const saved = data<{ items: unknown[]; custom: boolean }>(await desk(sup, { action: 'saveQaRubric', items }));
    expect(saved).toMatchObject({ items, custom: true });
    expect(data<{ items: unknown[] }>(await desk(qa, { action: 'qaRubric' })).items).toEqual(items);
    expect(emu.db.find('audit_log', { action: 'qa_rubric.save' })).toEqual([expect.objectContaining({ actor: 'qa-supervisor', target: 'settings/qa_rubric', after: { items } })]);
    // The old items are no longer in the rubric.
    expect(errorCode(await desk(qa, { action: 'qaScore', conversationId: c.good!.conversationId, scores: full }))).toBe('INVALID_INPUT');
    const review = data<Review>(await desk(qa, { action: 'qaScore', conversationId: c.good!.conversationId, scores: { greeting: 5, speed: 3 } }));
    // (5 + 9) / 20 = 70.
    expect(review).toMatchObject({ total: 70, items });
    // Re-scoring under the new rubric replaces the scores whole (no old keys left behind).
    data(await desk(qa, { action: 'qaScore', conversationId: c.low!.conversationId, scores: { greeting: 1, speed: 1 } }));
    expect(emu.db.get('qa_reviews', c.low!.conversationId)).toMatchObject({ scores: { greeting: 1, speed: 1 }, total: 20, rubric: items });
    expect(Object.keys(emu.db.get('qa_reviews', c.low!.conversationId)!.scores as object).sort()).toEqual(['greeting', 'speed']);
    // Earlier reviews keep the rubric they were scored against.
    // Earlier reviews keep the rubric they were scored against.
    const mine = data<Review[]>(await desk(a1, { action: 'qaMine' }));
    expect(mine.find((r) => r.conversationId === c.unresolved!.conversationId)!.items.map((i) => i.key)).toEqual(['greeting', 'accuracy', 'tone', 'resolution']);
  });
});
