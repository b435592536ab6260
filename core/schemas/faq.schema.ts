import { z } from 'zod';
import { empty, id, text } from './common';

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
} as const;
