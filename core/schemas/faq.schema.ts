import { z } from 'zod';
import { IMPORT_TOO_LARGE, FAQ_LIMITS as L, utf8Length } from '../faq/limits';
import { empty, id, text } from './common';

/** A list of short texts (similar questions, keywords): trimmed, blanks dropped, duplicates removed. */
function textList(maxItems: number, maxLength: number, label: string) {
  return z
    .array(z.string().trim().max(maxLength, `${label}不能超过 ${maxLength} 个字`))
    .max(maxItems * 2, `${label}最多 ${maxItems} 个`)
    .transform((items) => [...new Set(items.filter((s) => s.length > 0))])
    .pipe(z.array(z.string()).max(maxItems, `${label}最多 ${maxItems} 个`));
}

const order = z.number().int().min(0).max(99999);
const transferFormat = z.enum(['json', 'csv']);

export const faqSchemas = {
  categories: empty,
  list: z.object({ categoryId: id }),
  get: z.object({ id }),
  hot: z.object({ limit: z.number().int().min(1).max(20).default(8) }),
  /** A customer's question in their own words (emoji-only or filler-only text is valid: no match). */
  ask: z.object({ text: text(500) }),
  /** What the customer typed in the search box. */
  search: z.object({ q: text(100) }),
  /** "有帮助 / 没帮助" on an answer: one vote per customer and entry. */
  feedback: z.object({ id, helpful: z.boolean() }),

  // ---- staff: knowledge base (writes: supervisor/admin; reads also qa) ----
  adminCategories: empty,
  /** Every entry, drafts included; `q` filters on question, similar questions and keywords. */
  adminList: z.object({ categoryId: id.optional(), q: z.string().trim().max(100).optional(), status: z.enum(['published', 'draft']).optional() }),
  /**
   * Create (no id) or edit an entry; `enabled` is 「发布」. `similar`, `keywords` and `order` may be omitted: empty
   * (0) on create, kept as stored on edit (no defaults here, so an edit never resets a field it did not send).
   */
  save: z.object({
    id: id.optional(),
    categoryId: id,
    question: text(L.question),
    answer: text(L.answer),
    similar: textList(L.similar, L.question, '相似问').optional(),
    keywords: textList(L.keywords, L.keyword, '关键词').optional(),
    enabled: z.boolean(),
    order: order.optional(),
  }),
  remove: z.object({ id }),
  /** Create (no id) or edit a category; omitted optional fields: defaults on create, kept as stored on edit. */
  saveCategory: z.object({
    id: id.optional(),
    name: text(L.categoryName),
    /** An emoji (or any short symbol) shown on the service-center grid. */
    icon: z.string().trim().max(8, '图标过长').optional(),
    description: z.string().trim().max(L.categoryDescription, `说明不能超过 ${L.categoryDescription} 个字`).optional(),
    order: order.optional(),
    enabled: z.boolean().optional(),
  }),
  removeCategory: z.object({ id }),
  synonyms: empty,
  /** Staff synonym groups, added to the matcher's built-in ones: each group 2+ words meaning one thing. */
  saveSynonyms: z.object({
    groups: z
      .array(textList(L.synonymWords, L.synonymWord, '同义词'))
      .max(L.synonymGroups, `最多 ${L.synonymGroups} 组同义词`)
      .transform((groups) => groups.filter((g) => g.length > 0))
      .refine((groups) => groups.every((g) => g.length >= 2), '每组至少需要 2 个词'),
  }),
  import: z.object({
    format: transferFormat,
    content: z
      .string()
      // A UTF-8 byte is at least one UTF-16 unit: the length bound is implied by the byte bound below.
      .max(L.importBytes, IMPORT_TOO_LARGE)
      .refine((s) => s.trim().length > 0, '内容不能为空')
      .refine((s) => utf8Length(s) <= L.importBytes, IMPORT_TOO_LARGE),
  }),
  export: z.object({ format: transferFormat }),

  // ---- staff: the learning loop ----
  /** Unanswered questions and "not helpful" answers of the last `days` days, grouped. */
  unanswered: z.object({ days: z.number().int().min(1).max(365).default(30) }),
  /**
   * Turn a group into a new draft entry ('new'), attach its texts as similar questions of an entry
   * ('similar'), or just mark it handled ('dismiss'). The group is named by its key (recomputed over
   * the same `days`) or by its texts.
   */
  resolveUnanswered: z
    .object({
      groupKey: z.string().trim().min(1).max(80).optional(),
      texts: z.array(z.string().trim().min(1).max(500)).min(1).max(200).optional(),
      days: z.number().int().min(1).max(365).default(30),
      /** Not `action`: that field of the event names the function's action. */
      resolution: z.enum(['new', 'similar', 'dismiss']),
      entryId: id.optional(),
      /** Category of a new draft (default: the first category). */
      categoryId: id.optional(),
    })
    .refine((v) => v.groupKey !== undefined || v.texts !== undefined, { message: '请指定问题组', path: ['groupKey'] })
    .refine((v) => v.resolution !== 'similar' || v.entryId !== undefined, { message: '请选择要加入的问题', path: ['entryId'] }),

  // ---- staff: near-duplicate entries (core/faq/duplicates.ts) ----
  /** Pairs of entries the matcher finds alike both ways; `minScore` is the least pair score listed (default 0.45). */
  duplicates: z.object({ minScore: z.number().min(0.2, '相似度下限不能低于 0.2').max(0.95, '相似度下限不能高于 0.95').optional() }),
  /** `from` becomes similar questions of `into` and is unpublished (kept, with `mergedInto`). */
  mergeDuplicate: z.object({ from: id, into: id }).refine((v) => v.from !== v.into, { message: '不能把问题合并到它自己', path: ['into'] }),
  /** Staff say the two entries are not duplicates: the pair leaves the report. */
  dismissDuplicate: z.object({ a: id, b: id }).refine((v) => v.a !== v.b, { message: '请选择两个不同的问题', path: ['b'] }),

  // ---- staff: keyword rules, run before the matcher ----
  rules: empty,
  /** Create (no id) or edit a rule; omitted `enabled`/`order`: true/0 on create, kept as stored on edit. */
  saveRule: z
    .object({
      id: id.optional(),
      pattern: text(L.rulePattern),
      match: z.enum(['exact', 'contains']),
      /** Stored as the rule's `action`; not called `action` here, the event's `action` names the function's action. */
      ruleAction: z.enum(['answer', 'handoff']),
      entryId: id.optional(),
      enabled: z.boolean().optional(),
      order: order.optional(),
    })
    .refine((v) => v.ruleAction !== 'answer' || v.entryId !== undefined, { message: '「回答」规则需要选择一个问题', path: ['entryId'] }),
  removeRule: z.object({ id }),
} as const;
