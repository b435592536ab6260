import { z } from 'zod';
import { empty, hhmm, id, text } from './common';
import { chatImage, message } from './session.schema';

export const deskSchemas = {
  /** online: takes conversations at once; offline: gives the open ones back to the front of the queue. */
  setStatus: z.object({ status: z.enum(['online', 'away', 'offline']) }),
  inbox: empty,
  /** The desk is open: stamps the caller's presence (see routing settings `presenceTimeoutSec`). */
  heartbeat: empty,
  /** A conversation with its full history (notes included) for the desk. */
  conversation: z.object({ conversationId: id }),
  reply: z
    .object({ conversationId: id, text: message.optional(), image: chatImage.optional() })
    .refine((v) => (v.text === undefined) !== (v.image === undefined), { message: '请发送文字或一张图片' }),
  close: z.object({ conversationId: id, resolved: z.boolean(), reason: z.string().trim().max(200).optional() }),
  transfer: z
    .object({ conversationId: id, toAgentId: id.optional(), toGroupId: id.optional(), note: text(500).optional() })
    .refine((v) => (v.toAgentId === undefined) !== (v.toGroupId === undefined), { message: '请指定转给一位同事或一个技能组（二选一）' }),
  note: z.object({ conversationId: id, text: message }),
  claim: z.object({ conversationId: id }),
  /** Colleagues (with status and load) and skill groups (with their queue) to transfer a conversation to. */
  transferTargets: empty,
  /** Quick replies (话术库): the caller's personal ones and the team's, filtered by `q` (title or text). */
  quickReplies: z.object({ q: z.string().trim().max(50).optional() }),
  /** Create (no id) or edit. Team replies: supervisors and admins only; personal: the owner only. */
  saveQuickReply: z.object({ id: id.optional(), scope: z.enum(['personal', 'team']), title: text(20), text: text(500) }),
  removeQuickReply: z.object({ id }),
  /** Left messages (留言) for the desk: open ones first. */
  leftMessages: z.object({ status: z.enum(['open', 'answered']).optional() }),
  /** Answer a left message once; the customer is notified (message_answered). */
  answerMessage: z.object({ id, text: text(500) }),
  /** A message of a conversation the caller may view at the desk, as written (audited as `data.unmask`). */
  reveal: z.object({ conversationId: id, messageId: id }),
  /** The phone of a conversation's customer (the desk's customer panel), audited as `data.unmask`. */
  revealCustomer: z.object({ conversationId: id }),
  /** A left message's text and contact number as given (audited as `data.unmask`). */
  revealLeftMessage: z.object({ id }),
} as const;

/** The `routing` function: the timer's work on demand, and what supervisors watch and switch. */
export const routingSchemas = {
  tick: empty,
  overview: empty,
  setCapacity: z.object({ openid: id, capacity: z.number().int().min(0).max(50) }),
  setMode: z.object({ groupId: id, mode: z.enum(['least_loaded', 'round_robin']) }),
  /** Routing settings with their defaults (timeouts, priorities, urgency words, business hours). */
  settings: empty,
  /** Supervisors and admins: change some of the settings (audited). */
  saveSettings: z.object({
    replyTimeoutSec: z.number().int().min(10).max(3600).optional(),
    queueOfferSec: z.number().int().min(30).max(24 * 3600).optional(),
    /** The desk beats every 30 s (faster when this is shorter), so a few missed beats are tolerated. */
    presenceTimeoutSec: z.number().int().min(5).max(3600).optional(),
    vipBoost: z.number().int().min(0).max(1000).optional(),
    urgencyBoost: z.number().int().min(0).max(1000).optional(),
    urgencyWords: z.array(text(10)).max(50).optional(),
    businessHours: z
      .object({
        /** 1 = Monday … 7 = Sunday. */
        days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
        start: hhmm,
        end: hhmm,
      })
      .optional(),
  }),
  /** Supervisors: every open conversation (queued and assigned) with its agent, for reassigning. */
  active: z.object({ groupId: id.optional() }),
} as const;
