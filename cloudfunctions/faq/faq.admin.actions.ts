// Staff side of the knowledge base: entries, categories, synonyms, import and export.
// Writes: supervisor/admin; reads: also QA. Every write sets `updatedAt` (the matcher's index version,
// see _shared/faq/index-cache.ts), is audited, and makes this instance re-check the index at once.
import type { FaqAdminCategory, FaqAdminEntry, FaqAdminList, FaqExportFile, FaqImportResult, FaqSynonyms } from '../../core/api';
import { AppError } from '../../core/envelope';
import { normalize } from '../../core/faq';
import { formatExport, parseImport } from '../../core/faq/transfer';
import { MANAGERS, type Role } from '../../core/roles';
import { faqSchemas } from '../../core/schemas/faq.schema';
import { audit } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { aggregated, first, total } from '../_shared/db';
import { invalidateFaqIndex, loadSynonyms, synonymGroups, SYNONYMS_DOC } from '../_shared/faq/index-cache';
import { action } from '../_shared/handler';
import { adminEntry, allCategories, allEntries, categoriesCol, entries, settleNotHelpful, type StoredCategory, type StoredEntry } from './faq.store';
import { saveSettingsDoc } from '../_shared/settings';

/** Who may read the staff views of the FAQ (QA reviews answers; agents use the customer search). */
export const FAQ_READERS: readonly Role[] = ['qa', 'supervisor', 'admin'];
const LIST_LIMIT = 300;

/** Two questions that differ only in punctuation, width, case or filler words are the same question. */
export const questionKey = (q: string): string => normalize(q) || q.trim();

/** A short record of an entry for the audit log (answers can be long). */
function auditView(e: Pick<StoredEntry, 'categoryId' | 'question' | 'enabled' | 'answer'>) {
  return { categoryId: e.categoryId, question: e.question, enabled: e.enabled === true, answer: e.answer.length > 80 ? `${e.answer.slice(0, 80)}…` : e.answer };
}

async function categoryExists(id: string): Promise<boolean> {
  return (await first<StoredCategory>(categoriesCol().where({ _id: id }))) !== null;
}

function categoryView(c: StoredCategory, all: number, published: number): FaqAdminCategory {
  return {
    id: c._id,
    name: c.name,
    icon: c.icon ?? '',
    description: c.description ?? '',
    order: c.order ?? 0,
    entryCount: all,
    enabled: c.enabled === true,
    publishedCount: published,
  };
}

async function categoryCounts(): Promise<Map<string, { all: number; published: number }>> {
  const $ = db.command.aggregate;
  const groups = await aggregated<{ _id: { c: string; e: boolean | null }; n: number }>(
    entries().aggregate().group({ _id: { c: '$categoryId', e: '$enabled' }, n: $.sum(1) }).limit(10000),
  );
  const counts = new Map<string, { all: number; published: number }>();
  for (const g of groups) {
    const c = counts.get(g._id.c) ?? { all: 0, published: 0 };
    c.all += g.n;
    if (g._id.e === true) c.published += g.n;
    counts.set(g._id.c, c);
  }
  return counts;
}

/** The day in China (UTC+8) as YYYYMMDD, for file names. */
function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

export const faqAdminActions = {
  adminCategories: action({
    access: FAQ_READERS,
    input: faqSchemas.adminCategories,
    async run(): Promise<FaqAdminCategory[]> {
      const [cats, counts] = await Promise.all([allCategories(), categoryCounts()]);
      return cats.map((c) => {
        const n = counts.get(c._id);
        return categoryView(c, n?.all ?? 0, n?.published ?? 0);
      });
    },
  }),

  adminList: action({
    access: FAQ_READERS,
    input: faqSchemas.adminList,
    async run(_ctx, input): Promise<FaqAdminList> {
      const where: Record<string, unknown> = {};
      if (input.categoryId) where.categoryId = input.categoryId;
      if (input.status) where.enabled = input.status === 'published';
      let list = await allEntries(where);
      const q = input.q ? input.q.toLowerCase() : '';
      if (q) {
        const hit = (s: string) => s.toLowerCase().includes(q);
        list = list.filter((e) => hit(e.question) || (e.similar ?? []).some(hit) || (e.keywords ?? []).some(hit));
      }
      // Staff order first, then the most recently edited.
      list.sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || new Date(b.updatedAt ?? 0).getTime() - new Date(a.updatedAt ?? 0).getTime());
      return { entries: list.slice(0, LIST_LIMIT).map(adminEntry), total: list.length };
    },
  }),

  save: action({
    access: MANAGERS,
    input: faqSchemas.save,
    async run(ctx, input): Promise<FaqAdminEntry> {
      if (!(await categoryExists(input.categoryId))) throw new AppError('NOT_FOUND', '所选分类不存在，请刷新后重试');
      const key = questionKey(input.question);
      const twin = (await allEntries({ categoryId: input.categoryId })).find((e) => e._id !== input.id && questionKey(e.question) === key);
      if (twin) throw new AppError('CONFLICT', `该分类下已有相同的问题「${twin.question}」`);
      const similar = input.similar.filter((s) => s !== input.question);
      const fields = {
        categoryId: input.categoryId,
        question: input.question,
        answer: input.answer,
        similar,
        keywords: input.keywords,
        enabled: input.enabled,
        ...(input.order !== undefined ? { order: input.order } : {}),
        updatedAt: ctx.now,
        updatedBy: ctx.openid,
      };
      let saved: StoredEntry;
      if (input.id) {
        const before = await first<StoredEntry>(entries().where({ _id: input.id }));
        if (!before) throw new AppError('NOT_FOUND', '没有找到这个问题，它可能已被删除');
        await entries().doc(input.id).update({ data: fields });
        saved = { ...before, ...fields };
        await audit(ctx.openid, 'faq.update', `faq_entries/${input.id}`, auditView(before), auditView(saved));
        // Votes that judged the old answer leave the not-helpful report.
        if (before.answer !== input.answer) await settleNotHelpful(input.id, ctx.now, ctx.openid);
      } else {
        const doc = { ...fields, order: input.order ?? 0, views: 0, helpful: 0, notHelpful: 0, createdAt: ctx.now };
        const added = (await entries().add({ data: doc })) as { _id: string };
        saved = { _id: added._id, ...doc };
        await audit(ctx.openid, 'faq.create', `faq_entries/${added._id}`, null, auditView(saved));
      }
      invalidateFaqIndex();
      return adminEntry(saved);
    },
  }),

  remove: action({
    access: MANAGERS,
    input: faqSchemas.remove,
    async run(ctx, input) {
      const before = await first<StoredEntry>(entries().where({ _id: input.id }));
      if (!before) return { removed: false };
      await entries().doc(input.id).remove();
      // A rule answering with a deleted entry would never fire again: remove it with the entry.
      await db.collection('faq_rules').where({ entryId: input.id }).remove();
      await audit(ctx.openid, 'faq.remove', `faq_entries/${input.id}`, auditView(before), null);
      invalidateFaqIndex();
      return { removed: true };
    },
  }),

  saveCategory: action({
    access: MANAGERS,
    input: faqSchemas.saveCategory,
    async run(ctx, input): Promise<FaqAdminCategory> {
      const fields = { name: input.name, icon: input.icon, description: input.description, order: input.order, enabled: input.enabled, updatedAt: ctx.now };
      let id = input.id;
      if (id) {
        const before = await first<StoredCategory>(categoriesCol().where({ _id: id }));
        if (!before) throw new AppError('NOT_FOUND', '没有找到这个分类，它可能已被删除');
        await categoriesCol().doc(id).update({ data: fields });
        await audit(ctx.openid, 'faq.category.update', `faq_categories/${id}`, { name: before.name, enabled: before.enabled, order: before.order }, { name: input.name, enabled: input.enabled, order: input.order });
      } else {
        id = ((await categoriesCol().add({ data: { ...fields, createdAt: ctx.now } })) as { _id: string })._id;
        await audit(ctx.openid, 'faq.category.create', `faq_categories/${id}`, null, { name: input.name, enabled: input.enabled, order: input.order });
      }
      const n = (await categoryCounts()).get(id);
      return categoryView({ _id: id, ...fields }, n?.all ?? 0, n?.published ?? 0);
    },
  }),

  removeCategory: action({
    access: MANAGERS,
    input: faqSchemas.removeCategory,
    async run(ctx, input) {
      const before = await first<StoredCategory>(categoriesCol().where({ _id: input.id }));
      if (!before) return { removed: false };
      const n = await total(entries().where({ categoryId: input.id }));
      if (n > 0) throw new AppError('CONFLICT', `该分类下还有 ${n} 个问题，请先移走或删除这些问题`);
      await categoriesCol().doc(input.id).remove();
      await audit(ctx.openid, 'faq.category.remove', `faq_categories/${input.id}`, { name: before.name }, null);
      return { removed: true };
    },
  }),

  synonyms: action({
    access: FAQ_READERS,
    input: faqSchemas.synonyms,
    async run(): Promise<FaqSynonyms> {
      const doc = await loadSynonyms();
      return { groups: synonymGroups(doc), updatedAt: doc?.updatedAt ? new Date(doc.updatedAt).toISOString() : null };
    },
  }),

  saveSynonyms: action({
    access: MANAGERS,
    input: faqSchemas.saveSynonyms,
    async run(ctx, input): Promise<FaqSynonyms> {
      const before = synonymGroups(await loadSynonyms());
      // `updatedAt` is part of the index version: the matcher is rebuilt with the new groups.
      await saveSettingsDoc(ctx, SYNONYMS_DOC, 'faq.synonyms.update', before, { groups: input.groups }, input.groups);
      invalidateFaqIndex();
      return { groups: input.groups, updatedAt: ctx.now.toISOString() };
    },
  }),

  import: action({
    access: MANAGERS,
    input: faqSchemas.import,
    async run(ctx, input): Promise<FaqImportResult> {
      const cats = await allCategories();
      const parsed = parseImport(
        input.format,
        input.content,
        cats.map((c) => ({ id: c._id, name: c.name })),
      );
      if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message);
      const existing = await allEntries();
      const byId = new Map(existing.map((e) => [e._id, e]));
      const byQuestion = new Map(existing.map((e) => [questionKey(e.question), e]));
      let imported = 0;
      let updated = 0;
      // The audit entry records the entries an import overwrote, before and after (the first 20).
      const changedBefore: Array<{ id: string } & ReturnType<typeof auditView>> = [];
      const changedAfter: Array<{ id: string } & ReturnType<typeof auditView>> = [];
      for (const row of parsed.rows) {
        const target = (row.id ? byId.get(row.id) : undefined) ?? byQuestion.get(questionKey(row.question));
        const fields = {
          categoryId: row.categoryId,
          question: row.question,
          answer: row.answer,
          similar: row.similar,
          keywords: row.keywords,
          ...(row.published !== undefined ? { enabled: row.published } : {}),
          ...(row.order !== undefined ? { order: row.order } : {}),
          updatedAt: ctx.now,
          updatedBy: ctx.openid,
        };
        if (target) {
          await entries().doc(target._id).update({ data: fields });
          if (changedBefore.length < 20) {
            changedBefore.push({ id: target._id, ...auditView(target) });
            changedAfter.push({ id: target._id, ...auditView({ ...target, ...fields }) });
          }
          updated++;
        } else {
          // New entries are published unless the file says 草稿 (a reviewed file is the usual import).
          const doc = { enabled: true, order: 0, ...fields, views: 0, helpful: 0, notHelpful: 0, createdAt: ctx.now };
          const added = (await entries().add({ data: row.id ? { _id: row.id, ...doc } : doc })) as { _id: string };
          byId.set(added._id, { _id: added._id, ...doc });
          byQuestion.set(questionKey(row.question), { _id: added._id, ...doc });
          imported++;
        }
      }
      const result = { imported, updated, rejected: parsed.rejected };
      await audit(
        ctx.openid,
        'faq.import',
        `faq_entries`,
        { entries: existing.length, changed: changedBefore },
        { entries: existing.length + imported, format: input.format, imported, updated, rejected: parsed.rejected.length, changed: changedAfter },
      );
      invalidateFaqIndex();
      return result;
    },
  }),

  export: action({
    access: FAQ_READERS,
    input: faqSchemas.export,
    async run(ctx, input): Promise<FaqExportFile> {
      const [cats, list] = await Promise.all([allCategories(), allEntries()]);
      const catOrder = new Map(cats.map((c, i) => [c._id, i]));
      list.sort((a, b) => (catOrder.get(a.categoryId) ?? 1e9) - (catOrder.get(b.categoryId) ?? 1e9) || (a.order ?? 0) - (b.order ?? 0) || (a._id < b._id ? -1 : 1));
      const content = formatExport(
        input.format,
        list.map((e) => ({ id: e._id, categoryId: e.categoryId, question: e.question, answer: e.answer, similar: e.similar ?? [], keywords: e.keywords ?? [], published: e.enabled === true, order: e.order ?? 0 })),
        cats.map((c) => ({ id: c._id, name: c.name })),
      );
      await audit(ctx.openid, 'faq.export', 'faq_entries', null, { format: input.format, count: list.length });
      return { filename: `faq-${chinaDay(ctx.now)}.${input.format}`, content, count: list.length };
    },
  }),
};
