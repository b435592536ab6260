import { z } from 'zod';
import { MODERATION_MAX_WORDS, MODERATION_WORD_MAX } from '../abuse/moderation';
import { ROLES, STAFF_ROLES } from '../roles';
import { AUDIT_DAYS, RETENTION_DAYS } from '../retention';
import { empty, id, text } from './common';
import { exportSchemas } from './export.schema';

const auditPrefix = z.string().min(1).max(40).regex(/^[A-Za-z_.]+$/, '操作类型格式不正确');

function wholeDays(label: string, range: { min: number; max: number }) {
  return z
    .number({ message: `${label}应为天数` })
    .int(`${label}应为整数天`)
    .min(range.min, `${label}应在 ${range.min}–${range.max} 天之间`)
    .max(range.max, `${label}应在 ${range.min}–${range.max} 天之间`);
}

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
  /**
   * Newest first, `limit` at a time; `before` = the id of the last entry already shown (the next page);
   * `prefix` = one action prefix or several (`faq.`, `role.`; not `action`, which names the function's
   * action), `actor` = who (an OPENID or `system:…`).
   */
  audit: z.object({
    limit: z.number().int().min(1).max(200).default(50),
    before: id.optional(),
    prefix: z.union([auditPrefix, z.array(auditPrefix).min(1).max(12)]).optional(),
    actor: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_:-]+$/, '操作人格式不正确').optional(),
  }),
  /** Retention settings (issue 7), read and saved by admins. */
  retention: empty,
  saveRetention: z
    .object({
      days: wholeDays('客户数据保留天数', RETENTION_DAYS),
      exportFirst: z.boolean({ message: '「清理前先导出」应为开或关' }),
      auditDays: wholeDays('审计日志保留天数', AUDIT_DAYS),
    })
    .refine((v) => v.auditDays >= v.days, { message: '审计日志的保留时间不能短于客户数据的保留时间', path: ['auditDays'] }),
  /** Encryption at rest: values per data key and field (ADMINS). */
  keyStatus: empty,
  /** Run one re-sealing pass now instead of waiting for the hourly timer (ADMINS). */
  rekey: empty,
  /** 话术审核: the words an agent's reply may not contain (supervisors and admins). */
  moderation: empty,
  /** Replace the word list (audited with before and after); duplicates after normalization are dropped. */
  saveModeration: z.object({
    words: z.array(text(MODERATION_WORD_MAX)).max(MODERATION_MAX_WORDS, `最多 ${MODERATION_MAX_WORDS} 个词`),
  }),
  /** Data export jobs (issue 6). */
  ...exportSchemas,
} as const;
