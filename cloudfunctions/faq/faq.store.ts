// Reading and shaping FAQ documents, shared by the customer and the staff actions.
import type { FaqAdminEntry, FaqEntrySummary } from '../../core/api';
import { db, _ } from '../_shared/cloud';
import { rows } from '../_shared/db';

export const entries = () => db.collection('faq_entries');
export const categoriesCol = () => db.collection('faq_categories');

export type StoredEntry = {
  _id: string;
  categoryId: string;
  question: string;
  answer: string;
  similar?: string[];
  keywords?: string[];
  views?: number;
  helpful?: number;
  notHelpful?: number;
  enabled?: boolean;
  order?: number;
  createdAt?: Date;
  updatedAt?: Date;
  /** Set when staff merged this entry into another (faq.mergeDuplicate); it is then unpublished. */
  mergedInto?: string;
};

export type StoredCategory = {
  _id: string;
  name: string;
  icon?: string;
  description?: string;
  order?: number;
  enabled?: boolean;
};

export function summary(e: StoredEntry): FaqEntrySummary {
  return { id: e._id, categoryId: e.categoryId, question: e.question };
}

export function adminEntry(e: StoredEntry): FaqAdminEntry {
  return {
    ...summary(e),
    answer: e.answer ?? '',
    similar: e.similar ?? [],
    keywords: e.keywords ?? [],
    views: e.views ?? 0,
    helpful: e.helpful ?? 0,
    notHelpful: e.notHelpful ?? 0,
    updatedAt: (e.updatedAt ? new Date(e.updatedAt) : new Date(0)).toISOString(),
    enabled: e.enabled === true,
    order: e.order ?? 0,
    ...(e.mergedInto ? { mergedInto: e.mergedInto } : {}),
  };
}

const PAGE = 1000;

/** Every document of a query, page by page (CloudBase returns at most 1000 per read). */
export async function allRows<T>(query: () => { skip(n: number): { limit(n: number): { get(): unknown } } }): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await rows<T>(query().skip(skip).limit(PAGE));
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

export async function allEntries(where: Record<string, unknown> = {}): Promise<StoredEntry[]> {
  return allRows<StoredEntry>(() => entries().where(where).orderBy('_id', 'asc'));
}

export async function allCategories(): Promise<StoredCategory[]> {
  return rows<StoredCategory>(categoriesCol().orderBy('order', 'asc').limit(1000));
}

/** Marks an entry's open "not helpful" votes handled (they leave the unanswered report); returns how many. */
export async function settleNotHelpful(entryId: string, at: Date, by: string): Promise<number> {
  const res = (await db
    .collection('faq_feedback')
    .where({ entryId, helpful: false, handledAt: _.exists(false) })
    .update({ data: { handledAt: at, handledBy: by } })) as { stats: { updated: number } };
  return res.stats.updated;
}
