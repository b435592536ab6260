import { z } from 'zod';
import { empty, id, text } from './common';
import { message } from './session.schema';

export const deskSchemas = {
  /** online: takes conversations at once; offline: gives the open ones back to the front of the queue. */
  setStatus: z.object({ status: z.enum(['online', 'away', 'offline']) }),
  inbox: empty,
  /** A conversation with its full history (notes included) for the desk. */
  conversation: z.object({ conversationId: id }),
  reply: z.object({ conversationId: id, text: message }),
  close: z.object({ conversationId: id, resolved: z.boolean(), reason: z.string().trim().max(200).optional() }),
  transfer: z
    .object({ conversationId: id, toAgentId: id.optional(), toGroupId: id.optional(), note: text(500).optional() })
    .refine((v) => (v.toAgentId === undefined) !== (v.toGroupId === undefined), { message: '请指定转给一位同事或一个技能组（二选一）' }),
  note: z.object({ conversationId: id, text: message }),
  claim: z.object({ conversationId: id }),
} as const;

/** The `routing` function: the timer's work on demand, and what supervisors watch and switch. */
export const routingSchemas = {
  tick: empty,
  overview: empty,
  setCapacity: z.object({ openid: id, capacity: z.number().int().min(0).max(50) }),
  setMode: z.object({ groupId: id, mode: z.enum(['least_loaded', 'round_robin']) }),
} as const;
