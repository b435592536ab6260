import { z } from 'zod';
import { empty, id, text } from './common';

/** Longest message a customer or an agent may send (characters, after trimming). */
export const MESSAGE_MAX = 2000;
export const message = text(MESSAGE_MAX);

export const CONVERSATION_STATUSES = ['bot', 'queued', 'assigned', 'closed'] as const;

export const sessionSchemas = {
  /** Opens a conversation with the bot (or returns the caller's open one); `text` is a first message. */
  start: z.object({ text: message.optional(), category: id.optional() }),
  send: z.object({ conversationId: id, text: message }),
  history: z.object({ conversationId: id }),
  handoff: z.object({ conversationId: id }),
  rate: z.object({ conversationId: id, score: z.number().int().min(1).max(5), comment: z.string().trim().max(200).optional() }),
  close: z.object({ conversationId: id }),
  mine: empty,
} as const;
