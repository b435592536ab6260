import { z } from 'zod';
import { empty, id } from './common';

export const faqSchemas = {
  categories: empty,
  list: z.object({ categoryId: id }),
  get: z.object({ id }),
  hot: z.object({ limit: z.number().int().min(1).max(20).default(8) }),
} as const;
