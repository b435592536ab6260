// Staff side of the knowledge base: entries, categories, synonyms, import and export.
// Writes: supervisor/admin; reads: also QA. Every write sets `updatedAt` (the matcher's index version,
// see _shared/faq/index-cache.ts), is audited, and makes this instance re-check the index at once.
import type { FaqAdminCategory, FaqAdminEntry, FaqAdminList, FaqExportFile, FaqImportResult, FaqSynonyms } from '../../core/api';
import { AppError } from '../../core/envelope';
import { normalize } from '../../core/faq';
import { formatExport, parseImport, type ImportRow } from '../../core/faq/transfer';
import { MANAGERS, type Role } from '../../core/roles';
import { faqSchemas } from '../../core/schemas/faq.schema';
import { audit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { aggregated, newId, rows, total } from '../_shared/db';
import { invalidateFaqIndex, loadSynonyms, synonymGroups, SYNONYMS_DOC } from '../_shared/faq/index-cache';
import { action, type CallContext } from '../_shared/handler';
import { logError } from '../_shared/log';
import { adminEntry, allCategories, allEntries, categoriesCol, entries, settleNotHelpful, type StoredCategory, type StoredEntry } from './faq.store';
import { saveSettingsDoc } from '../_shared/settings';
import { touchLock, transact, txGet, type Tx } from '../_shared/tx';

/** Who may read the staff views of the FAQ (QA reviews answers; agents use the customer search). */
export const FAQ_READERS: readonly Role[] = ['qa', 'supervisor', 'admin'];
const LIST_LIMIT = 300;

/** Two questions that differ only in punctuation, width, case or filler words are the same question. */
export const questionKey = (q: string): string => normalize(q) || q.trim();

/**
 * `list` with the texts of `extra` appended, skipping those whose normalized form (questionKey) is already
 * there or in `alsoKnown`: how the learning loop and a merge add similar questions.
 */
export function addDistinct(list: readonly string[], extra: readonly string[], alsoKnown: readonly string[] = []): string[] {
  const known = new Set([...alsoKnown, ...list].map(questionKey));
  const out = [...list];
  for (const t of extra) {
    const k = questionKey(t);
    if (known.has(k)) continue;
    known.add(k);
    out.push(t);
  }
  return out;
}

/** A short record of an entry for the audit log (answers can be long). */
function auditView(e: Pick<StoredEntry, 'categoryId' | 'question' | 'enabled' | 'answer'>) {
  return { categoryId: e.categoryId, question: e.question, enabled: e.enabled === true, answer: e.answer.length > 80 ? `${e.answer.slice(0, 80)}…` : e.answer };
}

/** A category as stored, with the counter every entry write into it bumps (see writeEntry). */
type LockedCategory = StoredCategory & { entrySeq?: number };

/**
 * Reads a category inside a transaction and bumps its `entrySeq`: every write of entries into a category
 * does this, so it conflicts with a removeCategory of that category (which reads and removes the same
 * document). Null when the category does not exist (nothing written).
 */
async function stampCategory(t: Tx, id: string): Promise<LockedCategory | null> {
  const category = await txGet<LockedCategory>(t, 'faq_categories', id);
  if (category) await t.collection('faq_categories').doc(id).update({ data: { entrySeq: (category.entrySeq ?? 0) + 1 } });
  return category;
}

/** What `save` (and the learning loop's new drafts) write; omitted lists and order keep the stored ones on edit. */
export interface EntryInput {
  id?: string;
  categoryId: string;
  question: string;
  answer: string;
  similar?: string[];
  keywords?: string[];
  enabled: boolean;
  order?: number;
}

/**
 * Creates (no `id`) or edits an entry with save's checks: the category exists (NOT_FOUND), no other entry of
 * it has the same question after normalization (CONFLICT), the entry exists on edit (NOT_FOUND). One
 * transaction stamps the category (stampCategory), so no entry is ever written into a removed category,
 * and two saves of one question into a category serialize (the twin check comes after the stamp). Nothing
 * is written on refusal. The callers audit.
 */
export async function writeEntry(ctx: CallContext, input: EntryInput): Promise<{ before: StoredEntry | null; saved: StoredEntry }> {
  return transact(async (t) => {
    if (!(await stampCategory(t, input.categoryId))) throw new AppError('NOT_FOUND', '所选分类不存在，请刷新后重试');
    const key = questionKey(input.question);
    const twin = (await allEntries({ categoryId: input.categoryId })).find((e) => e._id !== input.id && questionKey(e.question) === key);
    if (twin) throw new AppError('CONFLICT', `该分类下已有相同的问题「${twin.question}」`);
    const stored = input.id ? await txGet<StoredEntry>(t, 'faq_entries', input.id) : null;
    if (input.id && !stored) throw new AppError('NOT_FOUND', '没有找到这个问题，它可能已被删除');
    const before = stored ? { ...stored, _id: input.id! } : null;
    const fields = {
      categoryId: input.categoryId,
      question: input.question,
      answer: input.answer,
      similar: (input.similar ?? before?.similar ?? []).filter((s) => s !== input.question),
      keywords: input.keywords ?? before?.keywords ?? [],
      enabled: input.enabled,
      ...(input.order !== undefined ? { order: input.order } : {}),
      updatedAt: ctx.now,
      updatedBy: ctx.openid,
    };
    if (before) {
      await t.collection('faq_entries').doc(before._id).update({ data: fields });
      return { before, saved: { ...before, ...fields } };
    }
    const doc = { _id: newId(), ...fields, order: input.order ?? 0, views: 0, helpful: 0, notHelpful: 0, createdAt: ctx.now };
    await t.collection('faq_entries').add({ data: doc });
    return { before: null, saved: doc };
  });
}

/** The document every keyword-rule write and entry removal writes, so they serialize (see saveRule, remove). */
export const RULES_LOCK = 'faq_rules';

/** Touches `settings/faq_rules` (touchLock) inside a transaction. */
export const touchRulesLock = (t: Tx, ctx: CallContext): Promise<void> => touchLock(t, RULES_LOCK, ctx.openid, ctx.now);

/** Most documents one transaction of `remove` writes (the entry, its rules, the entries merged into it). */
export const REMOVE_TX_DOCS = 100;

interface RemovedRule {
  id: string;
  pattern: string;
  match: string;
  action: string;
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
      const { before, saved } = await writeEntry(ctx, input);
      if (before) {
        await audit(ctx.openid, 'faq.update', `faq_entries/${saved._id}`, auditView(before), auditView(saved));
        // Votes that judged the old answer leave the not-helpful report.
        if (before.answer !== input.answer) await settleNotHelpful(saved._id, ctx.now, ctx.openid);
      } else {
        await audit(ctx.openid, 'faq.create', `faq_entries/${saved._id}`, null, auditView(saved));
      }
      invalidateFaqIndex();
      return adminEntry(saved);
    },
  }),

  remove: action({
    access: MANAGERS,
    input: faqSchemas.remove,
    async run(ctx, input) {
      // A rule answering with a removed entry would never fire again: it goes with the entry. Entries merged
      // into it (mergeDuplicate) become plain drafts again (`mergedInto` dropped), so they are back in the
      // duplicates report and staff can publish, merge or remove them. Normally one transaction; it also
      // bumps the rules lock, so a rule saved for this entry meanwhile conflicts (see saveRule). Should more
      // than REMOVE_TX_DOCS documents be involved, rules and merged entries go first in transactions of that
      // size and the entry last: an interruption leaves the entry in place (fewer rules), never a rule or a
      // merge pointing to nothing, and removing again finishes it.
      const rulesRemoved: RemovedRule[] = [];
      const unmerged: Array<{ id: string; question: string }> = [];
      for (;;) {
        const step = await transact(async (t) => {
          const entry = await txGet<StoredEntry>(t, 'faq_entries', input.id);
          if (!entry) return { done: true as const, entry: null };
          // Before the rules are looked up: a rule saved after this point conflicts with this transaction.
          await touchRulesLock(t, ctx);
          const [rules, merged] = await Promise.all([
            rows<{ _id: string; pattern: string; match: string; action: string }>(db.collection('faq_rules').where({ entryId: input.id }).field({ _id: true, pattern: true, match: true, action: true }).limit(REMOVE_TX_DOCS)),
            rows<StoredEntry>(entries().where({ mergedInto: input.id }).field({ _id: true, question: true }).limit(REMOVE_TX_DOCS)),
          ]);
          const last = rules.length + merged.length < REMOVE_TX_DOCS;
          const batchRules = rules.slice(0, REMOVE_TX_DOCS - 1);
          const batchMerged = merged.slice(0, Math.max(0, REMOVE_TX_DOCS - 1 - batchRules.length));
          for (const r of batchRules) await t.collection('faq_rules').doc(r._id).remove();
          for (const m of batchMerged) {
            await t.collection('faq_entries').doc(m._id).update({ data: { mergedInto: _.remove(), mergedAt: _.remove(), updatedAt: ctx.now, updatedBy: ctx.openid } });
          }
          if (last) await t.collection('faq_entries').doc(input.id).remove();
          return {
            done: last,
            entry: { ...entry, _id: input.id },
            rules: batchRules.map((r) => ({ id: r._id, pattern: r.pattern, match: r.match, action: r.action })),
            merged: batchMerged.map((m) => ({ id: m._id, question: m.question })),
          };
        });
        if (!step.entry) {
          // Not there (or removed by someone else between two steps of a long removal).
          if (rulesRemoved.length + unmerged.length > 0) invalidateFaqIndex();
          return { removed: false };
        }
        rulesRemoved.push(...step.rules);
        unmerged.push(...step.merged);
        if (step.done) {
          await audit(ctx.openid, 'faq.remove', `faq_entries/${input.id}`, { ...auditView(step.entry), rules: rulesRemoved, mergedEntries: unmerged }, null);
          break;
        }
      }
      invalidateFaqIndex();
      return { removed: true };
    },
  }),

  saveCategory: action({
    access: MANAGERS,
    input: faqSchemas.saveCategory,
    async run(ctx, input): Promise<FaqAdminCategory> {
      const editId = input.id;
      let id: string;
      let fields: Omit<StoredCategory, '_id'> & { updatedAt: Date };
      if (editId) {
        // Fields the edit omits keep their stored values; the transaction conflicts with a removeCategory.
        const edited = await transact(async (t) => {
          const stored = await txGet<StoredCategory>(t, 'faq_categories', editId);
          if (!stored) throw new AppError('NOT_FOUND', '没有找到这个分类，它可能已被删除');
          const next = {
            name: input.name,
            icon: input.icon ?? stored.icon ?? '',
            description: input.description ?? stored.description ?? '',
            order: input.order ?? stored.order ?? 0,
            enabled: input.enabled ?? stored.enabled === true,
            updatedAt: ctx.now,
          };
          await t.collection('faq_categories').doc(editId).update({ data: next });
          return { stored, next };
        });
        id = editId;
        fields = edited.next;
        const before = edited.stored;
        await audit(ctx.openid, 'faq.category.update', `faq_categories/${id}`, { name: before.name, enabled: before.enabled, order: before.order }, { name: fields.name, enabled: fields.enabled, order: fields.order });
      } else {
        fields = { name: input.name, icon: input.icon ?? '', description: input.description ?? '', order: input.order ?? 0, enabled: input.enabled ?? true, updatedAt: ctx.now };
        id = ((await categoriesCol().add({ data: { ...fields, createdAt: ctx.now } })) as { _id: string })._id;
        await audit(ctx.openid, 'faq.category.create', `faq_categories/${id}`, null, { name: fields.name, enabled: fields.enabled, order: fields.order });
      }
      const n = (await categoryCounts()).get(id);
      return categoryView({ _id: id, ...fields }, n?.all ?? 0, n?.published ?? 0);
    },
  }),

  removeCategory: action({
    access: MANAGERS,
    input: faqSchemas.removeCategory,
    async run(ctx, input) {
      // The category document is read first inside the transaction and removed at its end: an entry written
      // into it meanwhile (writeEntry and import stamp it) makes this conflict and count again, and a save
      // that read the category before the removal conflicts at its own commit and then finds no category.
      const before = await transact(async (t) => {
        const stored = await txGet<StoredCategory>(t, 'faq_categories', input.id);
        if (!stored) return null;
        const n = await total(entries().where({ categoryId: input.id }));
        if (n > 0) throw new AppError('CONFLICT', `该分类下还有 ${n} 个问题，请先移走或删除这些问题`);
        await t.collection('faq_categories').doc(input.id).remove();
        return stored;
      });
      if (!before) return { removed: false };
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
      const deadline = Date.now() + IMPORT_WRITE_BUDGET_MS;
      const cats = await allCategories();
      const parsed = parseImport(
        input.format,
        input.content,
        cats.map((c) => ({ id: c._id, name: c.name })),
      );
      if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message);
      const existing = await allEntries();
      const plan = planImport(parsed.rows, existing);
      const outcome = await writeImport(ctx, plan.writes, deadline);
      const rejected = [...parsed.rejected, ...plan.rejected].sort((a, b) => a.row - b.row);
      const result: FaqImportResult = {
        imported: outcome.written.filter((w) => w.change === 'created').length,
        updated: outcome.written.filter((w) => w.change === 'updated').length,
        unchanged: plan.unchanged,
        rejected,
        written: outcome.written,
        failed: outcome.failed,
        complete: outcome.complete,
      };
      // Written whatever happened above: the log lists every row that reached the database.
      await audit(
        ctx.openid,
        'faq.import',
        `faq_entries`,
        { entries: existing.length, changed: outcome.changedBefore },
        {
          entries: existing.length + result.imported,
          format: input.format,
          imported: result.imported,
          updated: result.updated,
          unchanged: result.unchanged,
          rejected: rejected.length,
          // Every row not written by number; the reasons of the first 20 (an interrupted import repeats one).
          failedRows: outcome.failed.map((f) => f.row),
          failed: outcome.failed.slice(0, AUDIT_CHANGED),
          complete: outcome.complete,
          written: outcome.written,
          changed: outcome.changedAfter,
        },
      );
      if (outcome.written.length > 0) invalidateFaqIndex();
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

// ---- import: plan against a snapshot, then write in bounded transactions ----

/** Rows per transaction: a few dozen document operations, well inside a transaction's time limit. */
export const IMPORT_BATCH = 20;
/**
 * Time for the writes, well inside the function's 20 s timeout (config.json): a timed-out invocation is
 * killed before it can audit or answer, so the import stops in time and reports the rest as not written.
 */
const IMPORT_WRITE_BUDGET_MS = 12_000;
const AUDIT_CHANGED = 20;

type EntryFields = Pick<StoredEntry, 'categoryId' | 'question' | 'answer' | 'similar' | 'keywords'> & { enabled?: boolean; order?: number };

interface PlannedWrite {
  row: number;
  fields: EntryFields;
  /** The entry to update as it was read before writing; absent: a new entry (with `id` when the row has one). */
  target?: StoredEntry;
  id?: string;
}

const stamp = (d: Date | undefined) => (d ? new Date(d).getTime() : 0);
const sameList = (a: readonly string[] | undefined, b: readonly string[]) => (a ?? []).length === b.length && b.every((x, i) => (a ?? [])[i] === x);

function unchanged(e: StoredEntry, f: EntryFields): boolean {
  return (
    e.categoryId === f.categoryId &&
    e.question === f.question &&
    e.answer === f.answer &&
    sameList(e.similar, f.similar ?? []) &&
    sameList(e.keywords, f.keywords ?? []) &&
    (f.enabled === undefined || (e.enabled === true) === f.enabled) &&
    (f.order === undefined || (e.order ?? 0) === f.order)
  );
}

/**
 * Which entry each good row writes (its `id`, else the same question in any category, else a new entry),
 * and which rows need no write because the entry already says the same (so re-running a file, or the
 * rest of an interrupted one, is safe). Rows that would make two entries share a question are rejected.
 */
function planImport(rows: readonly ImportRow[], existing: readonly StoredEntry[]) {
  const byId = new Map(existing.map((e) => [e._id, e]));
  const byQuestion = new Map(existing.map((e) => [questionKey(e.question), e]));
  const inCategory = new Map(existing.map((e) => [`${e.categoryId}\n${questionKey(e.question)}`, e]));
  const claimed = new Map<string, number>();
  const writes: PlannedWrite[] = [];
  const rejected: Array<{ row: number; reason: string }> = [];
  let same = 0;
  for (const row of rows) {
    const key = questionKey(row.question);
    const target = (row.id ? byId.get(row.id) : undefined) ?? byQuestion.get(key);
    const twin = inCategory.get(`${row.categoryId}\n${key}`);
    if (target && twin && twin._id !== target._id) {
      rejected.push({ row: row.row, reason: `该分类下已有相同的问题「${twin.question}」` });
      continue;
    }
    const first = target ? claimed.get(target._id) : undefined;
    if (target && first !== undefined) {
      rejected.push({ row: row.row, reason: `与第 ${first} 行是同一个问题` });
      continue;
    }
    const fields: EntryFields = {
      categoryId: row.categoryId,
      question: row.question,
      answer: row.answer,
      similar: row.similar,
      keywords: row.keywords,
      ...(row.published !== undefined ? { enabled: row.published } : {}),
      ...(row.order !== undefined ? { order: row.order } : {}),
    };
    if (target) {
      claimed.set(target._id, row.row);
      if (unchanged(target, fields)) same++;
      else writes.push({ row: row.row, fields, target });
    } else writes.push({ row: row.row, fields, ...(row.id ? { id: row.id } : {}) });
  }
  return { writes, rejected, unchanged: same };
}

type Written = FaqImportResult['written'][number];
type AuditView = { id: string } & ReturnType<typeof auditView>;

/**
 * Writes the planned rows, `IMPORT_BATCH` per transaction: a batch is written whole or not at all. A row
 * whose entry someone else changed or removed since the import read it is not overwritten (listed in
 * `failed`); a batch that cannot be written stops the import, and it and every later row are listed in
 * `failed`; so is every row left when the time budget is spent. Never throws: the caller always learns,
 * and audits, exactly which rows were written.
 */
async function writeImport(ctx: { now: Date; openid: string }, plan: readonly PlannedWrite[], deadline: number) {
  const written: Written[] = [];
  const failed: Array<{ row: number; reason: string }> = [];
  const changedBefore: AuditView[] = [];
  const changedAfter: AuditView[] = [];
  const by = { updatedAt: ctx.now, updatedBy: ctx.openid };
  for (let i = 0; i < plan.length; i += IMPORT_BATCH) {
    if (Date.now() > deadline) {
      for (const w of plan.slice(i)) failed.push({ row: w.row, reason: '导入内容较多，本次未写入；请再导入一次同一份内容（已写入的行会显示为未变化）' });
      return { written, failed, changedBefore, changedAfter, complete: false };
    }
    const batch = plan.slice(i, i + IMPORT_BATCH);
    let done: Array<Written & { before?: StoredEntry; after: StoredEntry }>;
    let failedInBatch: Array<{ row: number; reason: string }> = [];
    try {
      done = await transact(async (t) => {
        const out: Array<Written & { before?: StoredEntry; after: StoredEntry }> = [];
        const skipped: Array<{ row: number; reason: string }> = [];
        const categoryLive = new Map<string, boolean>();
        for (const w of batch) {
          const cat = w.fields.categoryId;
          if (!categoryLive.has(cat)) categoryLive.set(cat, (await stampCategory(t, cat)) !== null);
          if (!categoryLive.get(cat)) {
            skipped.push({ row: w.row, reason: '导入期间该分类已被删除，未写入' });
            continue;
          }
          if (w.target) {
            const now = await txGet<StoredEntry>(t, 'faq_entries', w.target._id);
            if (!now) {
              skipped.push({ row: w.row, reason: '导入期间这个问题已被删除，未写入' });
              continue;
            }
            if (stamp(now.updatedAt) !== stamp(w.target.updatedAt)) {
              skipped.push({ row: w.row, reason: '导入期间这个问题被其他人修改过，未覆盖；请重新导出后再导入这一行' });
              continue;
            }
            const data = { ...w.fields, ...by };
            await t.collection('faq_entries').doc(w.target._id).update({ data });
            out.push({ row: w.row, id: w.target._id, change: 'updated', before: { ...now, _id: w.target._id }, after: { ...now, ...data, _id: w.target._id } });
          } else {
            if (w.id && (await txGet(t, 'faq_entries', w.id)) !== null) {
              skipped.push({ row: w.row, reason: `导入期间已有其他问题使用了 id「${w.id}」，未写入` });
              continue;
            }
            // New entries are published unless the file says 草稿 (a reviewed file is the usual import).
            const doc = { enabled: true, order: 0, ...w.fields, ...by, views: 0, helpful: 0, notHelpful: 0, createdAt: ctx.now };
            const added = (await t.collection('faq_entries').add({ data: w.id ? { _id: w.id, ...doc } : doc })) as { _id?: string; id?: string };
            const id = w.id ?? added._id ?? added.id ?? '';
            out.push({ row: w.row, id, change: 'created', after: { _id: id, ...doc } });
          }
        }
        // A retried transaction runs again from the top: only the last run's skips count.
        failedInBatch = skipped;
        return out;
      });
    } catch (err) {
      const reason = `导入中断，未写入：${err instanceof AppError ? err.message : '服务暂时出了点问题'}。已写入的行再次导入时会显示为未变化`;
      if (!(err instanceof AppError)) logError('[faq] import batch failed', err);
      for (const w of plan.slice(i)) failed.push({ row: w.row, reason });
      return { written, failed, changedBefore, changedAfter, complete: false };
    }
    failed.push(...failedInBatch);
    for (const d of done) {
      written.push({ row: d.row, id: d.id, change: d.change });
      if (d.before) {
        if (changedBefore.length < AUDIT_CHANGED) {
          changedBefore.push({ id: d.id, ...auditView(d.before) });
          changedAfter.push({ id: d.id, ...auditView(d.after) });
        }
        // The same as faq.save: votes that judged the old answer leave the not-helpful report.
        if (d.before.answer !== d.after.answer) {
          try {
            await settleNotHelpful(d.id, ctx.now, ctx.openid);
          } catch (err) {
            logError('[faq] import could not settle not-helpful votes', d.id, err);
          }
        }
      }
    }
  }
  return { written, failed, changedBefore, changedAfter, complete: true };
}
