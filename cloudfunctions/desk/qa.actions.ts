// Quality review (质检) at the desk: QA staff (and supervisors, admins) sample closed conversations,
// read them whole (notes included) and score them against the rubric; one review per conversation
// (`_id` = conversation id), scoring again updates it and keeps the earlier version. Agents read only
// their own reviews. Sampling, totals and the report are core/qa.ts.
import type { QaReportRow, QaReview, QaReport, QaReviewDetail, QaRubric, QaSample, QaSampleItem } from '../../core/api';
import { AppError } from '../../core/envelope';
import {
  DEFAULT_QA_RUBRIC,
  QA_MAX_SCORE,
  firstResponseSec,
  matchesFilter,
  periodBounds,
  qaReport,
  sampleCandidates,
  scoresProblem,
  weightedTotal,
  type QaCandidate,
  type QaRubricItem,
} from '../../core/qa';
import { maskPersonal } from '../../core/privacy/mask';
import { MANAGERS, type Role } from '../../core/roles';
import { qaSchemas } from '../../core/schemas/qa.schema';
import { audit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { first, isDuplicateKey, rows, updated } from '../_shared/db';
import { conversations, findConversation, lastTextOf, recordEvent, type ConversationDoc } from '../_shared/conversations/conversation.repo';
import { ERRORS as CONVERSATION_ERRORS } from '../_shared/conversations/texts';
import { action } from '../_shared/handler';
import { DESK } from './access';
import { deskConversationView } from './conversation-view';
import { saveSettingsDoc } from '../_shared/settings';

/** Who reviews: QA, supervisors and admins. */
const REVIEWERS: readonly Role[] = ['qa', 'supervisor', 'admin'];

const ERRORS = {
  notClosed: '会话尚未结束，结束后才能质检',
  noAgent: '该会话没有人工客服接待，无法质检',
  raced: '该会话的评分刚刚被他人更新，请刷新后重试',
} as const;

const RUBRIC_ID = 'qa_rubric';
const PAGE = 1000;
/** At most this many closed conversations are read for one sample. */
const MAX_SCAN = 20_000;

/** What sampling reads of each closed conversation. */
const SAMPLE_FIELDS = Object.fromEntries(
  ['customerName', 'groupId', 'agentId', 'handoffAt', 'firstResponseAt', 'closedAt', 'resolved', 'rated', 'rating', 'lastText'].map((f) => [f, true]),
);

/** A review as stored in `qa_reviews` (`_id` = the conversation id). */
interface QaReviewDoc {
  _id: string;
  conversationId: string;
  agentId: string;
  groupId: string;
  customerName: string;
  closedAt: Date;
  scores: Record<string, number>;
  total: number;
  comment: string;
  /** The rubric scored against, as it was then. */
  rubric: QaRubricItem[];
  reviewerId: string;
  reviewerName: string;
  reviewedAt: Date;
  /** Who scored it first, and when. */
  createdBy: string;
  createdAt: Date;
  /** Changes since the first scoring: the guard of a concurrent re-score. */
  revision: number;
  /** Earlier versions, oldest first. */
  history: Array<{ reviewerId: string; reviewerName: string; reviewedAt: Date; scores: Record<string, number>; total: number; comment: string }>;
}

const reviews = () => db.collection('qa_reviews');
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : '');

async function loadRubric(): Promise<QaRubric> {
  const doc = await first<{ items?: unknown; updatedAt?: Date }>(db.collection('settings').where({ _id: RUBRIC_ID }));
  const items = Array.isArray(doc?.items)
    ? (doc.items as unknown[]).filter((i): i is QaRubricItem => {
        const v = i as Partial<QaRubricItem> | null;
        return !!v && typeof v.key === 'string' && typeof v.label === 'string' && typeof v.weight === 'number' && v.weight > 0;
      })
    : [];
  if (items.length === 0) return { items: DEFAULT_QA_RUBRIC.map((i) => ({ ...i })), maxScore: QA_MAX_SCORE, custom: false };
  return { items: items.map((i) => ({ key: i.key, label: i.label, weight: i.weight })), maxScore: QA_MAX_SCORE, custom: true, ...(doc?.updatedAt ? { updatedAt: iso(doc.updatedAt) } : {}) };
}

async function namesOf(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    const users = await rows<{ _id: string; name?: string }>(db.collection('users').where({ _id: _.in(chunk) }).field({ name: true }).limit(chunk.length));
    for (const u of users) names.set(u._id, u.name || '客服');
  }
  return names;
}

function reviewView(doc: QaReviewDoc, agentName: string, forReviewer: boolean): QaReview {
  return {
    conversationId: doc.conversationId,
    agentId: doc.agentId,
    agentName,
    closedAt: iso(doc.closedAt),
    scores: { ...doc.scores },
    total: doc.total,
    comment: doc.comment,
    items: doc.rubric.map((i) => ({ key: i.key, label: i.label, weight: i.weight })),
    reviewedAt: iso(doc.reviewedAt),
    ...(forReviewer ? { reviewerId: doc.reviewerId, reviewerName: doc.reviewerName } : {}),
    revisions: doc.revision ?? doc.history?.length ?? 0,
  };
}

/** The conversation, closed and handled by a person: what a review is about. */
async function reviewable(conversationId: string): Promise<ConversationDoc & { agentId: string }> {
  const conv = await findConversation(conversationId);
  if (!conv) throw new AppError('NOT_FOUND', CONVERSATION_ERRORS.conversationNotFound);
  if (conv.status !== 'closed') throw new AppError('CONFLICT', ERRORS.notClosed);
  if (!conv.agentId || !conv.handoffAt) throw new AppError('CONFLICT', ERRORS.noAgent);
  return conv as ConversationDoc & { agentId: string };
}

/** Every document of a query, page by page (up to `max`). */
async function all<T>(make: () => { skip(n: number): { limit(n: number): { get(): unknown } } }, max: number): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; skip < max; skip += PAGE) {
    const page = await rows<T>(make().skip(skip).limit(PAGE));
    out.push(...page);
    if (page.length < PAGE) break;
  }
  return out;
}

/** `reviewedAt` within the inclusive UTC+8 days, when given. */
function reviewedWithin(from?: string, to?: string): Record<string, unknown> {
  if (!from && !to) return {};
  const { start, end } = periodBounds(from ?? '1970-01-01', to ?? '2999-12-31');
  return { reviewedAt: _.gte(new Date(start)).and(_.lt(new Date(end))) };
}

/**
 * Writes the review of a conversation: created once (an insert under the conversation's id), or
 * updated only while nobody else changed it since it was read (`revision`); a lost race reads again.
 */
async function saveReview(conversationId: string, make: (before: QaReviewDoc | null) => QaReviewDoc): Promise<QaReviewDoc> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await first<QaReviewDoc>(reviews().where({ _id: conversationId }));
    const doc = make(before);
    const { _id, ...data } = doc;
    if (!before) {
      try {
        await reviews().add({ data: { _id, ...data } });
        return doc;
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
    }
    // Whole values for the nested fields: an update would otherwise merge old rubric keys back in.
    const patch = { ...data, scores: _.set(data.scores), rubric: _.set(data.rubric), history: _.set(data.history) };
    if ((await updated(reviews().where({ _id, revision: before.revision ?? 0 }).update({ data: patch }))) === 1) return doc;
  }
  throw new AppError('CONFLICT', ERRORS.raced);
}

export const qaActions = {
  qaRubric: action({
    access: REVIEWERS,
    input: qaSchemas.qaRubric,
    async run(): Promise<QaRubric> {
      return loadRubric();
    },
  }),

  saveQaRubric: action({
    access: MANAGERS,
    input: qaSchemas.saveQaRubric,
    async run(ctx, input): Promise<QaRubric> {
      const before = await loadRubric();
      const items = input.items.map((i) => ({ key: i.key, label: i.label, weight: i.weight }));
      await saveSettingsDoc(ctx, RUBRIC_ID, 'qa_rubric.save', { items: before.items }, { items });
      return { items, maxScore: QA_MAX_SCORE, custom: true, updatedAt: ctx.now.toISOString() };
    },
  }),

  qaSample: action({
    access: REVIEWERS,
    input: qaSchemas.qaSample,
    async run(_ctx, input): Promise<QaSample> {
      const { start, end } = periodBounds(input.from, input.to);
      const closed = await all<ConversationDoc>(
        () =>
          conversations()
            .where({ status: 'closed', closedAt: _.gte(new Date(start)).and(_.lt(new Date(end))), handoffAt: _.neq(null), agentId: _.neq(null) })
            .orderBy('closedAt', 'asc')
            .orderBy('_id', 'asc')
            .field(SAMPLE_FIELDS),
        MAX_SCAN,
      );
      const withPerson = closed.filter((c) => c.agentId && c.handoffAt && c.closedAt);
      const reviewed = new Set<string>();
      for (let i = 0; i < withPerson.length; i += 500) {
        const chunk = withPerson.slice(i, i + 500).map((c) => c._id);
        for (const r of await rows<{ _id: string }>(reviews().where({ _id: _.in(chunk) }).field({ _id: true }).limit(chunk.length))) reviewed.add(r._id);
      }
      const candidates = withPerson
        .filter((c) => !reviewed.has(c._id))
        .map((c): QaCandidate & { conv: ConversationDoc } => ({
          id: c._id,
          closedAt: new Date(c.closedAt!).getTime(),
          handoffAt: new Date(c.handoffAt!).getTime(),
          firstResponseAt: c.firstResponseAt ? new Date(c.firstResponseAt).getTime() : null,
          resolved: c.resolved ?? null,
          rating: c.rated && c.rating ? c.rating.score : null,
          conv: c,
        }));
      const seed = input.seed ?? Math.random().toString(36).slice(2, 10);
      const matched = candidates.filter((c) => matchesFilter(c, input.filter)).length;
      const picked = sampleCandidates(candidates, input.filter, input.size, seed);
      const names = await namesOf(picked.map((p) => p.conv.agentId!));
      const items: QaSampleItem[] = picked.map((p) => ({
        conversationId: p.id,
        customerName: p.conv.customerName,
        groupId: p.conv.groupId,
        agentId: p.conv.agentId!,
        agentName: names.get(p.conv.agentId!) ?? '客服',
        closedAt: iso(p.conv.closedAt),
        resolved: p.resolved,
        rating: p.rating,
        firstResponseSec: p.firstResponseAt === null ? null : firstResponseSec(p),
        lastText: maskPersonal(lastTextOf(p.conv)),
      }));
      return { filter: input.filter, seed, matched, items };
    },
  }),

  qaReview: action({
    access: REVIEWERS,
    input: qaSchemas.qaReview,
    async run(ctx, input): Promise<QaReviewDetail> {
      const conv = await reviewable(input.conversationId);
      const [conversation, doc, rubric] = await Promise.all([
        deskConversationView(ctx, conv),
        first<QaReviewDoc>(reviews().where({ _id: conv._id })),
        loadRubric(),
      ]);
      return { conversation, review: doc ? reviewView(doc, conversation.agentName ?? '客服', true) : null, rubric };
    },
  }),

  qaScore: action({
    access: REVIEWERS,
    input: qaSchemas.qaScore,
    async run(ctx, input): Promise<QaReview> {
      const conv = await reviewable(input.conversationId);
      const rubric = await loadRubric();
      const problem = scoresProblem(rubric.items, input.scores);
      if (problem) throw new AppError('INVALID_INPUT', problem);

      const total = weightedTotal(rubric.items, input.scores);
      const reviewerName = ctx.user?.name || '质检';
      const doc = await saveReview(conv._id, (before) => ({
        _id: conv._id,
        conversationId: conv._id,
        agentId: conv.agentId,
        groupId: conv.groupId,
        customerName: conv.customerName,
        closedAt: new Date(conv.closedAt ?? conv.updatedAt),
        scores: Object.fromEntries(rubric.items.map((i) => [i.key, input.scores[i.key]!])),
        total,
        comment: input.comment ?? '',
        rubric: rubric.items,
        reviewerId: ctx.openid,
        reviewerName,
        reviewedAt: ctx.now,
        createdBy: before?.createdBy ?? ctx.openid,
        createdAt: before?.createdAt ?? ctx.now,
        revision: before ? (before.revision ?? 0) + 1 : 0,
        history: before
          ? [
              ...(before.history ?? []),
              { reviewerId: before.reviewerId, reviewerName: before.reviewerName, reviewedAt: before.reviewedAt, scores: before.scores, total: before.total, comment: before.comment },
            ]
          : [],
      }));
      const scoreOf = (r: Pick<QaReviewDoc, 'scores' | 'total' | 'comment'>) => ({ scores: r.scores, total: r.total, comment: r.comment });
      const previous = doc.history?.[doc.history.length - 1];
      await audit(ctx.openid, 'qa.score', `qa_reviews/${conv._id}`, previous ? scoreOf(previous) : null, scoreOf(doc));
      await recordEvent({ type: 'qa_scored', conversationId: conv._id, groupId: conv.groupId, agentId: conv.agentId, at: ctx.now, score: doc.total });
      return reviewView(doc, (await namesOf([conv.agentId])).get(conv.agentId) ?? '客服', true);
    },
  }),

  qaMine: action({
    access: DESK,
    input: qaSchemas.qaMine,
    async run(ctx, input): Promise<QaReview[]> {
      const mine = await rows<QaReviewDoc>(
        reviews()
          .where({ agentId: ctx.openid, ...reviewedWithin(input.from, input.to) })
          .orderBy('reviewedAt', 'desc')
          .limit(PAGE),
      );
      const name = ctx.user?.name || '客服';
      return mine.map((d) => reviewView(d, name, false));
    },
  }),

  qaReport: action({
    access: REVIEWERS,
    input: qaSchemas.qaReport,
    async run(_ctx, input): Promise<QaReport> {
      const [rubric, docs] = await Promise.all([
        loadRubric(),
        all<QaReviewDoc>(() => reviews().where(reviewedWithin(input.from, input.to)).orderBy('reviewedAt', 'asc').orderBy('_id', 'asc'), MAX_SCAN),
      ]);
      const report = qaReport(docs, rubric.items);
      const names = await namesOf(report.agents.map((a) => a.agentId));
      const agents: QaReportRow[] = report.agents.map((a) => ({ ...a, agentName: names.get(a.agentId) ?? '客服' }));
      const { agentId: _all, ...overall } = report.overall;
      return { from: input.from, to: input.to, rubric: rubric.items, agents, overall };
    },
  }),
};
