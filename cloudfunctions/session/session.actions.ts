// Customer side of conversations: start with the bot, send (text or an image), hand over to a person
// (within business hours), see where they stand in the queue, end the chat and rate it, or leave a
// message for the team. A customer only ever sees their own conversations and messages (someone
// else's read as missing) and never an internal note.
import { RATE_LIMITS } from '../../core/abuse/limits';
import type { Availability, ConversationSummary, ConversationView, LeftMessage } from '../../core/api';
import { AppError } from '../../core/envelope';
import { sessionSchemas } from '../../core/schemas/session.schema';
import { db } from '../_shared/cloud';
import { first, newId, updated } from '../_shared/db';
import { agentName, agentStates, tell } from '../_shared/conversations/assign';
import { contentOf } from '../_shared/conversations/content';
import { leftMessages, leftMessagesOf, leftMessageView, type LeftMessageDoc } from '../_shared/conversations/left-messages';
import {
  conversations,
  conversationsOf,
  findConversation,
  groupFor,
  listGroups,
  listMessages,
  markSeen,
  messageView,
  openConversationOf,
  categoryOf,
  recordEvent,
  type ConversationDoc,
} from '../_shared/conversations/conversation.repo';
import { botLine, closeConversation, customerMessage, handoff } from '../_shared/conversations/flows';
import { availability, standing } from '../_shared/conversations/queue';
import { ERRORS, TEXTS } from '../_shared/conversations/texts';
import { conversationSummary, ratingView } from '../_shared/conversations/views';
import { action, type CallContext } from '../_shared/handler';
import { requireDataKeys, seal, sealFields } from '../_shared/seal';
import { checkCustomerText } from '../_shared/seccheck';
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

async function callerDoc(ctx: CallContext): Promise<UserDoc | null> {
  return ctx.user ?? (await first<UserDoc>(db.collection('users').where({ _id: ctx.openid })));
}

export const sessionActions = {
  start: action({
    access: 'anyone',
    input: sessionSchemas.start,
    rate: RATE_LIMITS['session.start'],
    async run(ctx, input) {
      // WeChat's content check before anything is written: a risky first message starts nothing.
      const secReview = await checkCustomerText(ctx.openid, [input.text]);
      // One open conversation per customer: starting again continues it.
      let conv = await openConversationOf(ctx.openid);
      if (!conv) {
        // The greeting is sealed after the conversation is created: without a key, create nothing at all.
        requireDataKeys('start a conversation');
        const groups = await listGroups();
        const user = await callerDoc(ctx);
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
          customerSeenAt: ctx.now,
          awayNotified: false,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        };
        const _id = newId();
        await conversations().add({ data: { _id, ...doc } });
        conv = { ...doc, _id };
        // The denominator of volume and bot self-service: every conversation, handed over or not.
        await recordEvent({ type: 'conversation_started', conversationId: conv._id, groupId: conv.groupId, at: ctx.now, ...categoryOf(conv) });
        await botLine(conv, TEXTS.botGreeting);
      } else {
        await markSeen(conv._id, ctx.now);
      }
      if (input.text) conv = await customerMessage(conv, { text: input.text }, ctx.now, { secReview });
      const now = (await findConversation(conv._id)) ?? conv;
      return { conversationId: now._id, status: now.status };
    },
  }),

  send: action({
    access: 'anyone',
    input: sessionSchemas.send,
    rate: RATE_LIMITS['session.send'],
    async run(ctx, input) {
      const conv = await own(ctx, input.conversationId);
      const content = contentOf(input, ctx.openid);
      const secReview = await checkCustomerText(ctx.openid, [content.text]);
      await customerMessage(conv, content, ctx.now, { secReview });
      return { status: ((await findConversation(conv._id)) ?? conv).status };
    },
  }),

  history: action({
    access: 'anyone',
    input: sessionSchemas.history,
    async run(ctx, input): Promise<ConversationView> {
      const conv = await own(ctx, input.conversationId);
      // Reading the conversation is looking at it: replies from now on need no notification.
      await markSeen(conv._id, ctx.now);
      const messages = (await listMessages(conv._id, false)).map(messageView);
      return {
        conversationId: conv._id,
        status: conv.status,
        messages,
        ...(await queueInfo(conv, ctx.now)),
        ...(conv.status === 'assigned' && conv.agentId ? { agentName: await agentName(conv.agentId) } : {}),
        ...(conv.rating ? { rating: ratingView(conv) } : {}),
        mayRate: conv.status === 'closed' && !conv.rated,
        availability: await availability(conv.groupId, ctx.now),
      };
    },
  }),

  handoff: action({
    access: 'anyone',
    input: sessionSchemas.handoff,
    rate: RATE_LIMITS['session.handoff'],
    async run(ctx, input) {
      const { conv, offHours } = await handoff(await own(ctx, input.conversationId), ctx.now);
      if (offHours) return { status: conv.status, offHours: true };
      return { status: conv.status, ...(await queueInfo(conv, ctx.now)) };
    },
  }),

  rate: action({
    access: 'anyone',
    input: sessionSchemas.rate,
    rate: RATE_LIMITS['session.rate'],
    async run(ctx, input) {
      const secReview = await checkCustomerText(ctx.openid, [input.comment]);
      const rating = { score: input.score, comment: seal(input.comment ?? '', 'conversations.rating.comment'), tags: [...new Set(input.tags ?? [])], at: ctx.now, ...(secReview ? { secReview: true } : {}) };
      // Once: a conditional update from "closed and not rated", so two taps rate once.
      const n = await updated(conversations().where({ _id: input.conversationId, customer: ctx.openid, status: 'closed', rated: false }).update({ data: { rated: true, rating, updatedAt: ctx.now } }));
      if (n !== 1) {
        const conv = await own(ctx, input.conversationId);
        throw new AppError('CONFLICT', conv.status !== 'closed' ? ERRORS.notClosed : ERRORS.alreadyRated);
      }
      const conv = await own(ctx, input.conversationId);
      await recordEvent({ type: 'rated', conversationId: conv._id, groupId: conv.groupId, ...(conv.agentId ? { agentId: conv.agentId } : {}), at: ctx.now, score: input.score, ...categoryOf(conv) });
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
      return (await conversationsOf(ctx.openid)).map(conversationSummary);
    },
  }),

  availability: action({
    access: 'anyone',
    input: sessionSchemas.availability,
    async run(ctx, input): Promise<Availability> {
      return availability(groupFor(await listGroups(), input.category), ctx.now);
    },
  }),

  leaveMessage: action({
    access: 'anyone',
    input: sessionSchemas.leaveMessage,
    rate: RATE_LIMITS['session.leaveMessage'],
    async run(ctx, input): Promise<LeftMessage> {
      let groupId = groupFor(await listGroups(), undefined);
      // Leaving a message ends the wait: the conversation leaves the queue, so nobody behind is stuck.
      // Checked again inside the close's transaction, in case an agent took it meanwhile.
      const guard = (c: ConversationDoc) => {
        if (c.customer !== ctx.openid) throw new AppError('NOT_FOUND', ERRORS.conversationNotFound);
        if (c.status === 'assigned') throw new AppError('CONFLICT', ERRORS.leaveWhileAssigned);
        if (c.status === 'closed') throw new AppError('CONFLICT', ERRORS.closed);
      };
      const conv = input.conversationId ? await own(ctx, input.conversationId) : null;
      if (conv) guard(conv);
      // The content check before anything is written: a risky message neither closes the conversation nor is stored.
      const secReview = await checkCustomerText(ctx.openid, [input.text]);
      if (conv) {
        groupId = conv.groupId;
        await closeConversation(conv._id, { kind: 'customer', resolved: null, reason: TEXTS.closedByLeftMessage }, ctx.now, guard);
      }
      const user = await callerDoc(ctx);
      const doc: Omit<LeftMessageDoc, '_id'> = {
        customer: ctx.openid,
        customerName: user?.name ?? '',
        text: input.text,
        phone: input.phone ?? '',
        status: 'open',
        createdAt: ctx.now,
        ...(input.conversationId ? { conversationId: input.conversationId } : {}),
        groupId,
        ...(secReview ? { secReview: true as const } : {}),
      };
      const _id = newId();
      await leftMessages().add({ data: sealFields('left_messages', { _id, ...doc }) });
      await tell([ctx.openid, ...(await agentStates(groupId)).map((a) => a.id)], 'messages');
      return leftMessageView({ ...doc, _id }, false);
    },
  }),

  myMessages: action({
    access: 'anyone',
    input: sessionSchemas.myMessages,
    async run(ctx): Promise<LeftMessage[]> {
      return (await leftMessagesOf(ctx.openid)).map((m) => leftMessageView(m, false));
    },
  }),
};

