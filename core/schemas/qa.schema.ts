import { z } from 'zod';
import { QA_FILTERS, QA_MAX_ITEMS, QA_MAX_SAMPLE, QA_MAX_SCORE, isDay } from '../qa';
import { id, text } from './common';

/** A calendar day `YYYY-MM-DD` (UTC+8). */
const qaDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(isDay, '日期不存在');

/** Inclusive period: `to` not before `from`. */
const reversed = (v: { from?: string; to?: string }) => !(v.from && v.to && v.to < v.from);
const reversedMessage = { message: '结束日期不能早于开始日期', path: ['to'] };

const rubricItem = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, '评分项标识只能使用小写字母、数字和下划线，以字母开头'),
  label: text(20),
  weight: z.number().positive('权重必须大于 0').max(100, '权重不能超过 100'),
});

/** The quality-review actions of the `desk` function (质检). */
export const qaSchemas = {
  /** The rubric (default: 问候礼貌, 答复准确, 语气态度, 问题解决), each item scored 0–5. */
  qaRubric: z.object({}),
  /** Supervisors and admins: replace the rubric (audited). */
  saveQaRubric: z.object({
    items: z
      .array(rubricItem)
      .min(1, '评分标准至少需要 1 项')
      .max(QA_MAX_ITEMS, `评分标准最多 ${QA_MAX_ITEMS} 项`)
      .refine((items) => new Set(items.map((i) => i.key)).size === items.length, '评分项标识不能重复'),
  }),
  /** Closed, handed-over, not yet reviewed conversations of the period matching the filter. */
  qaSample: z
    .object({
      from: qaDay,
      to: qaDay,
      filter: z.enum(QA_FILTERS, { message: `抽样方式只能是 ${QA_FILTERS.join('、')}` }),
      size: z.number().int().min(1, '抽样数量至少为 1').max(QA_MAX_SAMPLE, `抽样数量最多 ${QA_MAX_SAMPLE}`).default(10),
      /** Random sampling: the same seed gives the same sample. */
      seed: z.string().trim().min(1).max(64).optional(),
    })
    .refine(reversed, reversedMessage),
  /** The conversation (notes included) with its review, if any. */
  qaReview: z.object({ conversationId: id }),
  /** One review per conversation; scoring again updates it. */
  qaScore: z.object({
    conversationId: id,
    scores: z
      .record(z.string().max(32), z.number({ message: '评分必须是数字' }).int('评分必须是整数').min(0, '评分不能小于 0').max(QA_MAX_SCORE, `评分不能大于 ${QA_MAX_SCORE}`))
      .refine((s) => Object.keys(s).length <= QA_MAX_ITEMS, `评分项最多 ${QA_MAX_ITEMS} 项`),
    comment: z.string().trim().max(500, '评语不能超过 500 个字').optional(),
  }),
  /** The caller's own reviews, optionally of a period (by review day). */
  qaMine: z.object({ from: qaDay.optional(), to: qaDay.optional() }).refine(reversed, reversedMessage),
  /** Per agent: reviews, mean total and mean per rubric item (by review day). */
  qaReport: z.object({ from: qaDay, to: qaDay }).refine(reversed, reversedMessage),
} as const;
