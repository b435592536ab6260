import { z } from 'zod';
import { MODERATION_MAX_WORDS, MODERATION_WORD_MAX } from '../abuse/moderation';
import { ROLES, STAFF_ROLES } from '../roles';
import { empty, id, text } from './common';
import { exportSchemas } from './export.schema';

export const adminSchemas = {
  whoami: empty,
  /** First admin of a new deployment: the one-time setup code from the environment. */
  claim: z.object({ setupCode: text(128), name: text(20).optional() }),
  /** Admin creates a one-time invitation for a staff role. */
  invite: z.object({
    role: z.enum(STAFF_ROLES),
    name: text(20).optional(),
    /** Hours until the code expires: 1 hour to 7 days, default 24. */
    ttlHours: z.number().int().min(1).max(168).default(24),
  }),
  invites: empty,
  revokeInvite: z.object({ id }),
  /** The opener of an invitation binds their OPENID to its role. */
  acceptInvite: z.object({ code: text(64), name: text(20).optional() }),
  staff: empty,
  setRole: z.object({ openid: id, role: z.enum(ROLES) }),
  audit: z.object({ limit: z.number().int().min(1).max(200).default(50) }),
  /** 话术审核: the words an agent's reply may not contain (supervisors and admins). */
  moderation: empty,
  /** Replace the word list (audited with before and after); duplicates after normalization are dropped. */
  saveModeration: z.object({
    words: z.array(text(MODERATION_WORD_MAX)).max(MODERATION_MAX_WORDS, `最多 ${MODERATION_MAX_WORDS} 个词`),
  }),
  /** Data export jobs (issue 6). */
  ...exportSchemas,
} as const;
