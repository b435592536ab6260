// Customer side of conversations: start with the bot, send, hand over to a person, see where they
// stand in the queue, end the chat and rate it. A customer only ever sees their own conversations
// (someone else's reads as missing) and never an internal note.
import type { ConversationSummary, ConversationView } from '../../core/api';
import { AppError } from '../../core/envelope';
import { sessionSchemas } from '../../core/schemas/session.schema';
import { db } from '../_shared/cloud';
import { first, updated } from '../_shared/db';
import { agentName, tell } from '../_shared/conversations/assign';
import {
  conversations,
  conversationsOf,
  findConversation,
  groupFor,
  listGroups,
  listMessages,
  messageView,
  openConversationOf,
  recordEvent,
  type ConversationDoc,
} from '../_shared/conversations/conversation.repo';
import { botLine, closeConversation, customerMessage, handoff } from '../_shared/conversations/flows';
import { standing } from '../_shared/conversations/queue';
import { ERRORS, TEXTS } from '../_shared/conversations/texts';
import { action, type CallContext } from '../_shared/handler';
import type { UserDoc } from '../_shared/users.repo';

/** The caller's own conversation; anyone else's reads as missing, so ids reveal nothing. */
async function own(ctx: CallContext, id: string): Promise<ConversationDoc> {
  const conv = await findConversation(id);
  if (!conv || conv.customer !== ctx.openid) throw new AppError('NOT_FOUND', ERRORS.conversationNotFound);
  return conv;
}

async function queueInfo(conv: ConversationDoc, now: Date): Promise<{ queuePosition?: number; etaSeconds?: number; agentsOnline?: number }> {
  if (conv.status !== 'queued') return {};
  const s = await standing(conv, now);
  return { queuePosition: s.position, agentsOnline: s.agentsOnline, ...(s.etaSeconds !== null ? { etaSeconds: s.etaSeconds } : {}) };
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : undefined);

export const sessionActions = {
  start: action({
    access: 'anyone',
    input: sessionSchemas.start,
    async run(ctx, input) {
      // One open conversation per customer: starting again continues it.
      let conv = await openConversationOf(ctx.openid);
      if (!conv) {
        const groups = await listGroups();
        const user = ctx.user ?? (await first<UserDoc>(db.collection('users').where({ _id: ctx.openid })));
        const doc: Omit<ConversationDoc, '_id'> = {
          customer: ctx.openid,
          customerName: user?.name ?? '',
          ...(input.category ? { category: input.category } : {}),
          groupId: groupFor(groups, input.category),
          status: 'bot',
          agentId: null,
          priority: 0,
          vip: user?.vip === true,
          front: false,
          handoffAt: null,
          queuedAt: null,
          assignedAt: null,
          firstAssignedAt: null,
          repliedSinceAssign: false,
          firstResponseAt: null,
          lastCustomerAt: null,
          lastAgentAt: null,
          unread: 0,
          lastText: '',
          closedAt: null,
          resolved: null,
          rated: false,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        };
        const res = (await conversations().add({ data: doc })) as { _id: string };
        conv = { ...doc, _id: res._id };
        await botLine(conv, TEXTS.botGreeting);
      }
      if (input.text) conv = await customerMessage(conv, input.text, ctx.now);
      const now = (await findConversation(conv._id)) ?? conv;
      return { conversationId: now._id, status: now.status };
    },
  }),

  send: action({
    access: 'anyone',
    input: sessionSchemas.send,
    async run(ctx, input) {
      const conv = await own(ctx, input.conversationId);
      await customerMessage(conv, input.text, ctx.now);
      return { status: ((await findConversation(conv._id)) ?? conv).status };
    },
  }),

  history: action({
    access: 'anyone',
    input: sessionSchemas.history,
    async run(ctx, input): Promise<ConversationView> {
      const conv = await own(ctx, input.conversationId);
      const messages = (await listMessages(conv._id, false)).map(messageView);
      return {
        conversationId: conv._id,
        status: conv.status,
        messages,
        ...(await queueInfo(conv, ctx.now)),
        ...(conv.status === 'assigned' && conv.agentId ? { agentName: await agentName(conv.agentId) } : {}),
        ...(conv.rating ? { rating: { score: conv.rating.score, comment: conv.rating.comment } } : {}),
        mayRate: conv.status === 'closed' && !conv.rated,
      };
    },
  }),

  handoff: action({
    access: 'anyone',
    input: sessionSchemas.handoff,
    async run(ctx, input) {
      const conv = await handoff(await own(ctx, input.conversationId), ctx.now);
      return { status: conv.status, ...(await queueInfo(conv, ctx.now)) };
    },
  }),

  rate: action({
    access: 'anyone',
    input: sessionSchemas.rate,
    async run(ctx, input) {
      const rating = { score: input.score, comment: input.comment ?? '', at: ctx.now };
      // Once: a conditional update from "closed and not rated", so two taps rate once.
      const n = await updated(conversations().where({ _id: input.conversationId, customer: ctx.openid, status: 'closed', rated: false }).update({ data: { rated: true, rating, updatedAt: ctx.now } }));
      if (n !== 1) {
        const conv = await own(ctx, input.conversationId);
        throw new AppError('CONFLICT', conv.status !== 'closed' ? ERRORS.notClosed : ERRORS.alreadyRated);
      }
      const conv = await own(ctx, input.conversationId);
      await recordEvent({ type: 'rated', conversationId: conv._id, groupId: conv.groupId, ...(conv.agentId ? { agentId: conv.agentId } : {}), at: ctx.now, score: input.score });
      await tell([conv.agentId], 'conversation');
      return { rated: true as const };
    },
  }),

  close: action({
    access: 'anyone',
    input: sessionSchemas.close,
    async run(ctx, input) {
      await own(ctx, input.conversationId);
      await closeConversation(input.conversationId, { kind: 'customer', resolved: null }, ctx.now, (c) => {
        if (c.customer !== ctx.openid) throw new AppError('NOT_FOUND', ERRORS.conversationNotFound);
      });
      return { status: 'closed' as const };
    },
  }),

  mine: action({
    access: 'anyone',
    input: sessionSchemas.mine,
    async run(ctx): Promise<ConversationSummary[]> {
      return (await conversationsOf(ctx.openid)).map((c) => ({
        conversationId: c._id,
        status: c.status,
        groupId: c.groupId,
        lastText: c.lastText,
        createdAt: iso(c.createdAt) ?? '',
        updatedAt: iso(c.updatedAt) ?? '',
        ...(c.closedAt ? { closedAt: iso(c.closedAt) } : {}),
        ...(c.rating ? { rating: c.rating.score } : {}),
      }));
    },
  }),
};

