import { RATE_LIMITS } from '../../core/abuse/limits';
import type { FaqAskResult, FaqCategory, FaqEntry, FaqEntrySummary, FaqFeedbackResult, FaqSearchHit } from '../../core/api';
import { AppError } from '../../core/envelope';
import { rankHot } from '../../core/faq/hot';
import { faqSchemas } from '../../core/schemas/faq.schema';
import { db, _ } from '../_shared/cloud';
import { categoryOf, openConversationOf, recordEvent } from '../_shared/conversations/conversation.repo';
import { aggregated, first, isDuplicateKey, rows } from '../_shared/db';
import { askFaq, searchFaq } from '../_shared/faq/index-cache';
import { action } from '../_shared/handler';
import { entries, summary, type StoredEntry } from './faq.store';

const $ = db.command.aggregate;

const RELATED_MAX = 4;
const HOT_CANDIDATES = 200;

/**
 * Questions a customer reading this answer may also have: the published entries the matcher ranks
 * closest to its question, then others of its category, most viewed first.
 */
async function relatedTo(e: StoredEntry): Promise<FaqEntrySummary[]> {
  const near = (await searchFaq(e.question, RELATED_MAX + 1, 0.15)).filter((h) => h.id !== e._id).slice(0, RELATED_MAX);
  // The index may be up to CHECK_INTERVAL_MS old: keep only what is still published.
  const live = near.length ? new Set((await rows<StoredEntry>(entries().where({ _id: _.in(near.map((h) => h.id)), enabled: true }).field({ _id: true }))).map((r) => r._id)) : new Set<string>();
  const out: FaqEntrySummary[] = near.filter((h) => live.has(h.id)).map((h) => ({ id: h.id, categoryId: h.categoryId, question: h.question }));
  if (out.length < RELATED_MAX) {
    const seen = new Set([e._id, ...out.map((r) => r.id)]);
    const sameCategory = await rows<StoredEntry>(
      entries().where({ categoryId: e.categoryId, enabled: true }).orderBy('views', 'desc').field({ _id: true, categoryId: true, question: true }).limit(RELATED_MAX * 2),
    );
    for (const s of sameCategory) if (out.length < RELATED_MAX && !seen.has(s._id)) out.push(summary(s));
  }
  return out;
}

export const faqActions = {
  categories: action({
    access: 'anyone',
    input: faqSchemas.categories,
    async run(): Promise<FaqCategory[]> {
      const [cats, counted] = await Promise.all([
        rows<Record<string, unknown>>(db.collection('faq_categories').where({ enabled: true }).orderBy('order', 'asc').limit(100)),
        aggregated<{ _id: string; n: number }>(entries().aggregate().match({ enabled: true }).group({ _id: '$categoryId', n: $.sum(1) }).limit(1000)),
      ]);
      const counts = new Map(counted.map((c) => [c._id, c.n]));
      return cats.map((c) => ({
        id: String(c._id),
        name: String(c.name),
        icon: typeof c.icon === 'string' ? c.icon : '',
        description: typeof c.description === 'string' ? c.description : '',
        order: typeof c.order === 'number' ? c.order : 0,
        entryCount: counts.get(String(c._id)) ?? 0,
      }));
    },
  }),

  list: action({
    access: 'anyone',
    input: faqSchemas.list,
    async run(_ctx, input) {
      const data = await rows<StoredEntry>(
        entries().where({ categoryId: input.categoryId, enabled: true }).orderBy('views', 'desc').field({ _id: true, categoryId: true, question: true }).limit(200),
      );
      return data.map(summary);
    },
  }),

  get: action({
    access: 'anyone',
    input: faqSchemas.get,
    async run(_ctx, input): Promise<FaqEntry> {
      const e = await first<StoredEntry>(entries().where({ _id: input.id, enabled: true }));
      if (!e) throw new AppError('NOT_FOUND', '没有找到这个问题，它可能已被下线');
      // Views feed the hot-question ranking.
      const [related] = await Promise.all([relatedTo(e), entries().doc(e._id).update({ data: { views: _.inc(1) } })]);
      return {
        ...summary(e),
        answer: e.answer,
        similar: e.similar ?? [],
        keywords: e.keywords ?? [],
        views: (e.views ?? 0) + 1,
        helpful: e.helpful ?? 0,
        notHelpful: e.notHelpful ?? 0,
        updatedAt: (e.updatedAt ?? new Date(0)).toISOString(),
        related,
      };
    },
  }),

  hot: action({
    access: 'anyone',
    input: faqSchemas.hot,
    async run(_ctx, input) {
      // Views and votes blended (core/faq/hot.ts), among the most viewed: a question nobody opens is not hot.
      const candidates = await rows<StoredEntry>(
        entries().where({ enabled: true }).orderBy('views', 'desc').field({ _id: true, categoryId: true, question: true, views: true, helpful: true, notHelpful: true }).limit(HOT_CANDIDATES),
      );
      return rankHot(candidates.map((e) => ({ ...e, id: e._id })), input.limit).map(summary);
    },
  }),

  ask: action({
    access: 'anyone',
    input: faqSchemas.ask,
    rate: RATE_LIMITS['faq.ask'],
    // Not recorded in faq_unanswered: only the chat bot records what it could not answer (docs/api.md).
    async run(_ctx, input): Promise<FaqAskResult> {
      const res = await askFaq(input.text);
      const round = (n: number) => Math.round(n * 1000) / 1000;
      return {
        match: res.match ? { id: res.match.id, question: res.match.question, answer: res.match.answer, score: round(res.match.score) } : null,
        suggestions: res.suggestions.map((s) => ({ id: s.id, question: s.question, score: round(s.score) })),
        // A staff keyword rule (e.g. 「人工」) asks for a person.
        ...(res.action ? { action: res.action } : {}),
      };
    },
  }),

  search: action({
    access: 'anyone',
    input: faqSchemas.search,
    rate: RATE_LIMITS['faq.search'],
    async run(_ctx, input): Promise<FaqSearchHit[]> {
      const hits = await searchFaq(input.q, 10);
      return hits.map((h) => ({ id: h.id, categoryId: h.categoryId, question: h.question, score: Math.round(h.score * 1000) / 1000 }));
    },
  }),

  feedback: action({
    access: 'anyone',
    input: faqSchemas.feedback,
    rate: RATE_LIMITS['faq.feedback'],
    async run(ctx, input): Promise<FaqFeedbackResult> {
      const e = await first<StoredEntry>(entries().where({ _id: input.id, enabled: true }));
      if (!e) throw new AppError('NOT_FOUND', '没有找到这个问题，它可能已被下线');
      let counted = true;
      try {
        // The insert is the lock: one vote per customer and entry; "not helpful" feeds the learning loop.
        await db.collection('faq_feedback').add({ data: { _id: `${ctx.openid}|${e._id}`, entryId: e._id, openid: ctx.openid, helpful: input.helpful, at: ctx.now } });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        counted = false;
      }
      // Not `updatedAt`: votes must not make the matcher rebuild its index.
      if (counted) await entries().doc(e._id).update({ data: { [input.helpful ? 'helpful' : 'notHelpful']: _.inc(1) } });
      // The bot did not help: this conversation (the caller's open one, if any) is not self-served.
      if (counted && !input.helpful) {
        const conv = await openConversationOf(ctx.openid).catch(() => null);
        const categoryId = (conv && categoryOf(conv).categoryId) || e.categoryId;
        await recordEvent({ type: 'bot_not_helpful', faqId: e._id, at: ctx.now, ...(conv ? { conversationId: conv._id, groupId: conv.groupId } : {}), ...(categoryId ? { categoryId } : {}) });
      }
      const now = await first<StoredEntry>(entries().where({ _id: e._id }).field({ helpful: true, notHelpful: true }));
      return { helpful: now?.helpful ?? 0, notHelpful: now?.notHelpful ?? 0, counted };
    },
  }),
};
