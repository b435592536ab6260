// Near-duplicate entries (core/faq/duplicates.ts): the pairs the matcher could confuse, listed for staff
// with one tap to merge one entry into the other (its questions become similar questions, it is
// unpublished and remembers `mergedInto`) or to say they are not duplicates. Like the unanswered report,
// a merge reaches the bot at once.
import type { FaqDuplicateEntry, FaqDuplicatesReport, FaqMergeResult } from '../../core/api';
import { AppError } from '../../core/envelope';
import { DUPLICATE_DEFAULTS, findDuplicates, pairKey } from '../../core/faq/duplicates';
import { FAQ_LIMITS } from '../../core/faq/limits';
import { MANAGERS } from '../../core/roles';
import { faqSchemas } from '../../core/schemas/faq.schema';
import { audit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { first, rows, total } from '../_shared/db';
import { buildFaqIndex, indexInput, invalidateFaqIndex, loadSynonyms, synonymGroups } from '../_shared/faq/index-cache';
import { action } from '../_shared/handler';
import { transact, txGet } from '../_shared/tx';
import { addDistinct, FAQ_READERS, REMOVE_TX_DOCS, touchRulesLock } from './faq.admin.actions';
import { adminEntry, entries, type StoredEntry } from './faq.store';

/** Most entries compared in one report: published first, then the most recently edited. */
export const MAX_CHECKED = 3000;
const PAGE = 1000;
/** `settings/<id>`: `{keys: string[]}`, pair keys (`pairKey`) staff dismissed, oldest first. */
export const DISMISSED_DOC = 'faq_duplicates_dismissed';
/** Most dismissed pairs remembered; the oldest are dropped. */
export const MAX_DISMISSED = 2000;

const notMerged = () => ({ mergedInto: _.exists(false) });

/** The entries compared: not merged, published first, then the most recently edited, at most MAX_CHECKED. */
async function comparedEntries(): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  for (let skip = 0; skip < MAX_CHECKED; skip += PAGE) {
    const page = await rows<StoredEntry>(
      entries()
        .where(notMerged())
        .orderBy('enabled', 'desc')
        .orderBy('updatedAt', 'desc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(Math.min(PAGE, MAX_CHECKED - skip))
        .field({ _id: true, categoryId: true, question: true, similar: true, keywords: true, enabled: true, views: true, updatedAt: true }),
    );
    out.push(...page);
    if (page.length < PAGE) break;
  }
  return out;
}

/** The dismissed pair keys a `settings/faq_duplicates_dismissed` document holds (none when absent or malformed). */
const keysOf = (doc: { keys?: unknown } | null | undefined): string[] => (Array.isArray(doc?.keys) ? doc.keys.filter((k): k is string => typeof k === 'string') : []);

async function dismissedKeys(): Promise<string[]> {
  return keysOf(await first<{ keys?: unknown }>(db.collection('settings').where({ _id: DISMISSED_DOC })));
}

function duplicateEntry(e: StoredEntry): FaqDuplicateEntry {
  return {
    id: e._id,
    categoryId: e.categoryId,
    question: e.question,
    published: e.enabled === true,
    similarCount: (e.similar ?? []).length,
    views: e.views ?? 0,
    updatedAt: (e.updatedAt ? new Date(e.updatedAt) : new Date(0)).toISOString(),
  };
}

const mergeView = (e: StoredEntry) => ({ question: e.question, similar: e.similar ?? [], keywords: e.keywords ?? [], enabled: e.enabled === true });

export const faqDuplicatesActions = {
  duplicates: action({
    access: FAQ_READERS,
    input: faqSchemas.duplicates,
    async run(_ctx, input): Promise<FaqDuplicatesReport> {
      const minScore = input.minScore ?? DUPLICATE_DEFAULTS.minScore;
      const [list, all, synonymsDoc, dismissed] = await Promise.all([comparedEntries(), total(entries().where(notMerged())), loadSynonyms(), dismissedKeys()]);
      // Drafts are compared too, so this index is built per call over what staff manage (the bot's
      // warm index holds the published entries only, with other IDFs).
      const inputs = list.map(indexInput);
      const index = buildFaqIndex(inputs, synonymGroups(synonymsDoc));
      const byId = new Map(list.map((e) => [e._id, e]));
      const pairs = findDuplicates(index, inputs, { minScore, limit: DUPLICATE_DEFAULTS.limit, dismissed: new Set(dismissed) }).map((p) => ({
        a: duplicateEntry(byId.get(p.a)!),
        b: duplicateEntry(byId.get(p.b)!),
        score: Math.round(p.score * 1000) / 1000,
      }));
      return { pairs, checked: list.length, total: Math.max(all, list.length), minScore };
    },
  }),

  mergeDuplicate: action({
    access: MANAGERS,
    input: faqSchemas.mergeDuplicate,
    async run(ctx, input): Promise<FaqMergeResult> {
      const merged = await transact(async (t) => {
        const from = await txGet<StoredEntry>(t, 'faq_entries', input.from);
        const into = await txGet<StoredEntry>(t, 'faq_entries', input.into);
        if (!from || !into) throw new AppError('NOT_FOUND', '没有找到要合并的问题，它可能已被删除，请刷新后重试');
        if (from.mergedInto) throw new AppError('CONFLICT', `「${from.question}」已经合并到其他问题了，请刷新后重试`);
        if (into.mergedInto) throw new AppError('CONFLICT', `「${into.question}」已经合并到其他问题了，请选择它并入的问题`);
        const similar = addDistinct(into.similar ?? [], [from.question, ...(from.similar ?? [])], [into.question]);
        if (similar.length > FAQ_LIMITS.similar) {
          throw new AppError('INVALID_INPUT', `合并后「${into.question}」将有 ${similar.length} 个相似问，超过上限 ${FAQ_LIMITS.similar} 个，请先删减相似问再合并`);
        }
        const keywords = addDistinct(into.keywords ?? [], from.keywords ?? []);
        if (keywords.length > FAQ_LIMITS.keywords) {
          throw new AppError('INVALID_INPUT', `合并后「${into.question}」将有 ${keywords.length} 个关键词，超过上限 ${FAQ_LIMITS.keywords} 个，请先删减关键词再合并`);
        }
        // Keyword rules that answer with `from` answer with `into` from now on. The rules lock is touched first,
        // so a rule saved for `from` meanwhile conflicts with this transaction (as with remove).
        await touchRulesLock(t, ctx);
        const rules = await rows<{ _id: string }>(db.collection('faq_rules').where({ entryId: input.from }).field({ _id: true }).limit(REMOVE_TX_DOCS + 1));
        if (rules.length > REMOVE_TX_DOCS) {
          throw new AppError('INVALID_INPUT', `「${from.question}」有超过 ${REMOVE_TX_DOCS} 条关键词规则，请先删减规则再合并`);
        }
        const stamp = { updatedAt: ctx.now, updatedBy: ctx.openid };
        for (const r of rules) await t.collection('faq_rules').doc(r._id).update({ data: { entryId: input.into, ...stamp } });
        // `updatedAt` (and one published entry fewer) changes the index version: the bot sees the merge.
        await t.collection('faq_entries').doc(input.into).update({ data: { similar, keywords, ...stamp } });
        await t.collection('faq_entries').doc(input.from).update({ data: { enabled: false, mergedInto: input.into, mergedAt: ctx.now, ...stamp } });
        const was = { from: { ...from, _id: input.from }, into: { ...into, _id: input.into } };
        return {
          movedRules: rules.map((r) => r._id),
          before: was,
          after: { from: { ...was.from, enabled: false, mergedInto: input.into, updatedAt: ctx.now }, into: { ...was.into, similar, keywords, updatedAt: ctx.now } },
        };
      });
      const { before, after, movedRules } = merged;
      await audit(
        ctx.openid,
        'faq.merge',
        `faq_entries/${input.into}`,
        { ...mergeView(before.into), mergedEntry: { id: input.from, ...mergeView(before.from) } },
        { ...mergeView(after.into), mergedEntry: { id: input.from, ...mergeView(after.from), mergedInto: input.into }, ...(movedRules.length > 0 ? { movedRules } : {}) },
      );
      invalidateFaqIndex();
      return { into: adminEntry(after.into), from: adminEntry(after.from) };
    },
  }),

  dismissDuplicate: action({
    access: MANAGERS,
    input: faqSchemas.dismissDuplicate,
    async run(ctx, input): Promise<{ dismissed: boolean }> {
      const found = await rows<StoredEntry>(entries().where({ _id: _.in([input.a, input.b]) }).field({ _id: true, question: true }));
      if (found.length < 2) throw new AppError('NOT_FOUND', '没有找到这两个问题，它们可能已被删除，请刷新后重试');
      const key = pairKey(input.a, input.b);
      // A transaction on the settings document, so two dismissals at once both keep their pair.
      const added = await transact(async (t) => {
        const doc = await txGet<{ keys?: unknown }>(t, 'settings', DISMISSED_DOC);
        const keys = keysOf(doc);
        if (keys.includes(key)) return false;
        const data = { keys: [...keys, key].slice(-MAX_DISMISSED), updatedAt: ctx.now, updatedBy: ctx.openid };
        if (doc) await t.collection('settings').doc(DISMISSED_DOC).update({ data });
        else await t.collection('settings').add({ data: { _id: DISMISSED_DOC, ...data } });
        return true;
      });
      // A pair dismissed before changes nothing and is not audited again.
      if (added) {
        const questions = [input.a, input.b].map((id) => found.find((e) => e._id === id)?.question ?? id);
        await audit(ctx.openid, 'faq.duplicate.dismiss', `settings/${DISMISSED_DOC}`, { pair: key, questions, dismissed: false }, { pair: key, questions, dismissed: true });
      }
      return { dismissed: true };
    },
  }),
};
