// The learning loop: what the bot could not answer and the answers marked not helpful, grouped for
// staff (the unanswered report); one tap turns a group into a draft entry or similar questions of
// an entry, and the matcher uses the change at once.
import type { FaqAdminEntry, FaqResolveResult, FaqUnansweredGroup, FaqUnansweredReport } from '../../core/api';
import { AppError } from '../../core/envelope';
import { maskPersonal } from '../../core/privacy/mask';
import { FAQ_LIMITS } from '../../core/faq/limits';
import { groupUnanswered } from '../../core/faq/unanswered';
import { MANAGERS } from '../../core/roles';
import { faqSchemas } from '../../core/schemas/faq.schema';
import { audit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { aggregated, first, rows } from '../_shared/db';
import { invalidateFaqIndex } from '../_shared/faq/index-cache';
import { action } from '../_shared/handler';
import { openFields } from '../_shared/seal';
import { addDistinct, FAQ_READERS, questionKey, writeEntry } from './faq.admin.actions';
import { adminEntry, allCategories, allRows, entries, settleNotHelpful, type StoredEntry } from './faq.store';

const DAY_MS = 86_400_000;
/** Most raw records read for one report (newest first); older ones wait for the next period. */
const MAX_RECORDS = 5000;
const EXAMPLES = 20;
/** Ids per conditional update when records are marked handled. */
const ID_BATCH = 500;

interface UnansweredDoc {
  _id: string;
  text: string;
  at: Date;
  suggested?: string[];
}

const unanswered = () => db.collection('faq_unanswered');
const open = (since: Date) => ({ at: _.gte(since), handledAt: _.exists(false) });

/** Open (not yet handled) records since `since`, newest first, their text opened (it is sealed at rest). */
async function openRecords(since: Date): Promise<UnansweredDoc[]> {
  const list = await allRows<UnansweredDoc>(() => unanswered().where(open(since)).orderBy('at', 'desc'));
  return list.slice(0, MAX_RECORDS).map((r) => openFields('faq_unanswered', r));
}

/**
 * Ids of the open records whose text is one of `texts`. The text is sealed (a fresh IV each time), so this
 * cannot be a query on `text`: the open records are read (ids and texts only) and compared opened.
 */
async function openRecordIds(texts: readonly string[]): Promise<string[]> {
  const wanted = new Set(texts);
  const list = await allRows<Pick<UnansweredDoc, '_id' | 'text'>>(() => unanswered().where({ handledAt: _.exists(false) }).orderBy('_id', 'asc').field({ _id: true, text: true }));
  return list.filter((r) => wanted.has(openFields('faq_unanswered', r).text)).map((r) => r._id);
}

async function questionsOf(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await rows<StoredEntry>(entries().where({ _id: _.in(ids) }).field({ _id: true, question: true }).limit(1000));
  return new Map(found.map((e) => [e._id, e.question]));
}

async function unansweredGroups(since: Date): Promise<{ groups: FaqUnansweredGroup[]; records: number }> {
  const records = await openRecords(since);
  const clusters = groupUnanswered(records);
  // The entry the bot suggested most for a group (grey zone): usually the one to attach it to.
  const suggestedByText = new Map<string, Map<string, number>>();
  for (const r of records) {
    const first = r.suggested?.[0];
    if (!first) continue;
    const text = maskPersonal(r.text.trim());
    const m = suggestedByText.get(text) ?? new Map<string, number>();
    m.set(first, (m.get(first) ?? 0) + 1);
    suggestedByText.set(text, m);
  }
  const top = clusters.map((c) => {
    const votes = new Map<string, number>();
    for (const t of c.texts) for (const [id, n] of suggestedByText.get(t) ?? []) votes.set(id, (votes.get(id) ?? 0) + n);
    return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  });
  const questions = await questionsOf([...new Set(top.filter((id): id is string => id !== undefined))]);
  const groups = clusters.map((c, i): FaqUnansweredGroup => {
    const id = top[i];
    const question = id ? questions.get(id) : undefined;
    return {
      key: c.key,
      type: 'unanswered',
      count: c.count,
      question: c.question,
      examples: c.texts.slice(0, EXAMPLES),
      lastAt: c.lastAt.toISOString(),
      ...(id && question ? { entry: { id, question } } : {}),
    };
  });
  return { groups, records: records.length };
}

async function notHelpfulGroups(since: Date): Promise<FaqUnansweredGroup[]> {
  const $ = db.command.aggregate;
  const votes = await aggregated<{ _id: string; n: number; lastAt: Date | string }>(
    db
      .collection('faq_feedback')
      .aggregate()
      .match({ helpful: false, at: _.gte(since), handledAt: _.exists(false) })
      .group({ _id: '$entryId', n: $.sum(1), lastAt: $.max('$at') })
      .limit(1000),
  );
  const questions = await questionsOf(votes.map((v) => v._id));
  return votes
    .filter((v) => questions.has(v._id))
    .map((v) => ({
      key: `nh:${v._id}`,
      type: 'notHelpful' as const,
      count: v.n,
      question: questions.get(v._id)!,
      examples: [],
      lastAt: new Date(v.lastAt).toISOString(),
      entry: { id: v._id, question: questions.get(v._id)! },
    }));
}

const chars = (s: string, max: number) => Array.from(s).slice(0, max).join('');

export const faqLearningActions = {
  unanswered: action({
    access: FAQ_READERS,
    input: faqSchemas.unanswered,
    async run(ctx, input): Promise<FaqUnansweredReport> {
      const since = new Date(ctx.now.getTime() - input.days * DAY_MS);
      const [{ groups, records }, notHelpful] = await Promise.all([unansweredGroups(since), notHelpfulGroups(since)]);
      const all = [...groups, ...notHelpful].sort((a, b) => b.count - a.count || (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
      return { days: input.days, total: records + notHelpful.reduce((n, g) => n + g.count, 0), groups: all };
    },
  }),

  resolveUnanswered: action({
    access: MANAGERS,
    input: faqSchemas.resolveUnanswered,
    async run(ctx, input): Promise<FaqResolveResult> {
      if (input.groupKey?.startsWith('nh:')) {
        // Not-helpful votes are about an answer: staff edit it (which settles them) or dismiss them.
        if (input.resolution !== 'dismiss') throw new AppError('INVALID_INPUT', '「没帮助」的反馈请修改答案，或标记为已处理');
        const handled = await settleNotHelpful(input.groupKey.slice(3), ctx.now, ctx.openid);
        await audit(ctx.openid, 'faq.unanswered.resolve', `faq_entries/${input.groupKey.slice(3)}`, { type: 'notHelpful', status: 'open' }, { type: 'notHelpful', status: 'handled', resolution: 'dismiss', handled });
        return { handled };
      }
      let texts: string[];
      if (input.groupKey) {
        const since = new Date(ctx.now.getTime() - input.days * DAY_MS);
        const group = groupUnanswered(await openRecords(since)).find((g) => g.key === input.groupKey);
        if (!group) throw new AppError('NOT_FOUND', '这组问题已处理或已变化，请刷新后重试');
        texts = group.texts;
      } else {
        texts = [...new Set((input.texts ?? []).map((t) => maskPersonal(t)))];
      }

      let entry: FaqAdminEntry | undefined;
      let entryBefore: { similar: string[] } | null = null;
      if (input.resolution === 'new') {
        const categoryId = input.categoryId ?? (await allCategories())[0]?._id;
        if (!categoryId) throw new AppError('CONFLICT', '请先创建一个分类');
        const question = chars(texts[0]!, FAQ_LIMITS.question);
        const key = questionKey(question);
        const similar = [...new Set(texts.slice(1).filter((t) => Array.from(t).length <= FAQ_LIMITS.question && questionKey(t) !== key))].slice(0, FAQ_LIMITS.similar);
        // A draft: staff write the answer and publish it from the knowledge base. Written by save's own code
        // path (the category must exist, no twin question in it), before any record is marked handled.
        entry = adminEntry((await writeEntry(ctx, { categoryId, question, answer: '', similar, keywords: [], enabled: false, order: 0 })).saved);
      } else if (input.resolution === 'similar') {
        const target = await first<StoredEntry>(entries().where({ _id: input.entryId! }));
        if (!target) throw new AppError('NOT_FOUND', '没有找到要加入的问题，它可能已被删除');
        const fits = texts.filter((t) => Array.from(t).length <= FAQ_LIMITS.question);
        const similar = addDistinct(target.similar ?? [], fits, [target.question]).slice(0, FAQ_LIMITS.similar);
        // `updatedAt` bumps the index version: the bot answers these wordings from now on.
        await entries().doc(target._id).update({ data: { similar, updatedAt: ctx.now, updatedBy: ctx.openid } });
        entry = adminEntry({ ...target, similar, updatedAt: ctx.now });
        entryBefore = { similar: target.similar ?? [] };
      }

      const ids = await openRecordIds(texts);
      let handled = 0;
      for (let i = 0; i < ids.length; i += ID_BATCH) {
        const res = (await unanswered()
          .where({ _id: _.in(ids.slice(i, i + ID_BATCH)), handledAt: _.exists(false) })
          .update({ data: { handledAt: ctx.now, handledBy: ctx.openid, resolution: input.resolution, ...(entry ? { entryId: entry.id } : {}) } })) as { stats: { updated: number } };
        handled += res.stats.updated;
      }
      await audit(
        ctx.openid,
        'faq.unanswered.resolve',
        entry ? `faq_entries/${entry.id}` : 'faq_unanswered',
        { status: 'open', texts: texts.slice(0, 5), ...(entryBefore ?? {}) },
        { status: 'handled', resolution: input.resolution, texts: texts.slice(0, 5), handled, ...(input.resolution === 'new' && entry ? { question: entry.question } : {}), ...(input.resolution === 'similar' && entry ? { similar: entry.similar } : {}) },
      );
      invalidateFaqIndex();
      return { handled, ...(entry ? { entry } : {}) };
    },
  }),
};
