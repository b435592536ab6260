// The agent desk: status, inbox (my conversations + the queue), reply, notes, close, transfer, claim.
// Only the assigned agent replies; supervisors and admins may also close, transfer and note any
// conversation. Every change is atomic (see _shared/conversations/assign.ts) and followed at once by
// an assignment attempt where it frees or adds capacity.
import { RATE_LIMITS } from '../../core/abuse/limits';
import type { DeskConversation, Inbox, InboxItem } from '../../core/api';
import { AppError } from '../../core/envelope';
import { businessSeconds } from '../../core/stats/business';
import { deskSchemas } from '../../core/schemas/desk.schema';
import { db, _ } from '../_shared/cloud';
import { first, updated } from '../_shared/db';
import { afterAssigned, agentName, assignQueued, claimFor, reassign, requeue, tell } from '../_shared/conversations/assign';
import {
  addMessage,
  assignedTo,
  conversations,
  findConversation,
  listGroups,
  orderedQueue,
  recordEvent,
  routingSettings,
  seconds,
  sealedLastText,
  type ConversationDoc,
} from '../_shared/conversations/conversation.repo';
import { afterCapacityFreed, closeConversation, ensureLoad, stamp, systemLine } from '../_shared/conversations/flows';
import { contentOf, previewOf, storedContent } from '../_shared/conversations/content';
import { noticeAgentReplied, noticeRateRequest } from '../_shared/conversations/notices';
import { returnConversationsOf, stampPresence } from '../_shared/conversations/presence';
import { ERRORS, TEXTS } from '../_shared/conversations/texts';
import { inboxItem } from '../_shared/conversations/views';
import { action, type CallContext } from '../_shared/handler';
import { assertNoForbiddenWords } from '../_shared/moderation';
import type { UserDoc } from '../_shared/users.repo';
import { DESK, isManager } from './access';
import { groupLoads } from '../_shared/conversations/loads';
import { deskConversationView } from './conversation-view';
import { deskConversation } from '../_shared/conversations/desk-access';
import { leftMessageActions } from './left-messages.actions';
import { qaActions } from './qa.actions';
import { quickReplyActions } from './quick-replies.actions';
import { revealActions } from './reveal.actions';

/** The assigned agent, or a manager (acting for whoever holds it). */
function mayHandle(ctx: CallContext, conv: ConversationDoc): boolean {
  return (conv.status === 'assigned' && conv.agentId === ctx.openid) || isManager(ctx);
}

/** A message written by the calling agent: a reply (`text` or `image`) or an internal note (`note`). */
function addAgentMessage(ctx: CallContext, conversationId: string, text: string, kind: 'text' | 'note' | 'image', createdAt: Date, image?: string) {
  return addMessage({ conversationId, from: 'agent', author: ctx.openid, authorName: ctx.user?.name || '客服', text, kind, createdAt, ...(image ? { image } : {}) });
}

export const deskActions = {
  ...quickReplyActions,
  ...leftMessageActions,
  ...qaActions,
  ...revealActions,

  setStatus: action({
    access: DESK,
    input: deskSchemas.setStatus,
    async run(ctx, input) {
      // Changing status is a sign of life too (presence, see _shared/conversations/presence.ts).
      await db.collection('users').doc(ctx.openid).update({ data: { status: input.status, lastSeenAt: ctx.now, updatedAt: ctx.now } });
      // Online time (utilization, staffing) is measured from these.
      await recordEvent({ type: 'agent_status', agentId: ctx.openid, status: input.status, capacity: ctx.user?.capacity ?? 0, at: ctx.now });
      let assigned = 0;
      let returned = 0;
      if (input.status === 'online') {
        await ensureLoad(ctx.openid, ctx.now);
        assigned = await assignQueued(ctx.user?.groups ?? [], ctx.now);
      } else if (input.status === 'offline') {
        // Their open conversations go back to the FRONT of their queues, and to someone else at once.
        returned = await returnConversationsOf(ctx.openid, ctx.now);
      }
      await tell([ctx.openid], 'desk');
      return { status: input.status, assigned, returned };
    },
  }),

  /** The desk is open (every 30 s while online or away): cheap, one write to the caller's own document. */
  heartbeat: action({
    access: DESK,
    input: deskSchemas.heartbeat,
    async run(ctx) {
      const { presenceTimeoutSec } = await routingSettings();
      await stampPresence(ctx.user, ctx.openid, ctx.now, { always: true, timeoutSec: presenceTimeoutSec });
      return { status: ctx.user?.status ?? ('offline' as const), presenceTimeoutSec };
    },
  }),

  inbox: action({
    access: DESK,
    input: deskSchemas.inbox,
    async run(ctx): Promise<Inbox> {
      const settings = await routingSettings();
      // Reading the inbox means the desk is open; throttled, since the desk re-reads it on every signal.
      await stampPresence(ctx.user, ctx.openid, ctx.now, { always: false, timeoutSec: settings.presenceTimeoutSec });
      const mine = await assignedTo(ctx.openid);
      mine.sort((a, b) => new Date(a.assignedAt ?? 0).getTime() - new Date(b.assignedAt ?? 0).getTime());
      // Managers without groups watch every group's queue.
      const groupIds = ctx.user?.groups?.length ? ctx.user.groups : isManager(ctx) ? (await listGroups()).map((g) => g._id) : [];
      const queue: InboxItem[] = [];
      for (const groupId of groupIds) {
        (await orderedQueue(groupId, ctx.now, settings)).forEach((c, i) => queue.push(inboxItem(c, ctx.now, settings.replyTimeoutSec, i + 1)));
      }
      return {
        status: ctx.user?.status ?? 'offline',
        capacity: ctx.user?.capacity ?? 0,
        assigned: mine.map((c) => inboxItem(c, ctx.now, settings.replyTimeoutSec)),
        queue,
      };
    },
  }),

  conversation: action({
    access: DESK,
    input: deskSchemas.conversation,
    async run(ctx, input): Promise<DeskConversation> {
      return deskConversationView(ctx, await deskConversation(ctx, input.conversationId));
    },
  }),

  reply: action({
    access: DESK,
    input: deskSchemas.reply,
    rate: RATE_LIMITS['desk.reply'],
    async run(ctx, input) {
      const conv = await deskConversation(ctx, input.conversationId);
      // 话术审核 before anything is written: a refused reply changes nothing.
      await assertNoForbiddenWords([input.text]);
      if (conv.status === 'closed') throw new AppError('CONFLICT', ERRORS.closed);
      const content = contentOf(input, ctx.openid);
      const at = stamp();
      // Guarded by the assignment itself, so a reply racing a transfer or a timeout re-route is refused.
      const n = await updated(
        conversations()
          .where({ _id: conv._id, status: 'assigned', agentId: ctx.openid })
          .update({ data: { lastAgentAt: at, repliedSinceAssign: true, unread: 0, lastText: sealedLastText(previewOf(content)), updatedAt: ctx.now } }),
      );
      if (n !== 1) throw new AppError('FORBIDDEN', ERRORS.notAssignedToYou);
      const stored = storedContent(content);
      const messageId = await addAgentMessage(ctx, conv._id, stored.text, stored.kind, at, stored.image);
      // FRT = first human reply − hand-off; recorded once (conditional on no first response yet).
      const first = await updated(conversations().where({ _id: conv._id, firstResponseAt: null }).update({ data: { firstResponseAt: at } }));
      await recordEvent({ type: 'reply', conversationId: conv._id, groupId: conv.groupId, agentId: ctx.openid, at });
      if (first === 1) {
        // Beside it, the same wait counted in business hours only (routing settings).
        const businessSec = conv.handoffAt ? businessSeconds(new Date(conv.handoffAt).getTime(), at.getTime(), (await routingSettings()).businessHours) : 0;
        await recordEvent({ type: 'first_response', conversationId: conv._id, groupId: conv.groupId, agentId: ctx.openid, at, durationSec: seconds(conv.handoffAt, at) ?? 0, businessSec });
      }
      await tell([conv.customer], 'conversation');
      await noticeAgentReplied(conv, ctx.user?.name || '客服', previewOf(content), ctx.now);
      return { messageId };
    },
  }),

  note: action({
    access: DESK,
    input: deskSchemas.note,
    rate: RATE_LIMITS['desk.note'],
    async run(ctx, input) {
      const conv = await deskConversation(ctx, input.conversationId);
      const messageId = await addAgentMessage(ctx, conv._id, input.text, 'note', stamp());
      // Only staff hear about a note: the customer never sees it.
      await tell([conv.agentId !== ctx.openid ? conv.agentId : null], 'conversation');
      return { messageId };
    },
  }),

  close: action({
    access: DESK,
    input: deskSchemas.close,
    async run(ctx, input) {
      const conv = await deskConversation(ctx, input.conversationId);
      if (conv.status === 'closed') throw new AppError('CONFLICT', ERRORS.closed);
      if (!mayHandle(ctx, conv)) throw new AppError('FORBIDDEN', ERRORS.notAssignedToYou);
      const closed = await closeConversation(conv._id, { kind: 'staff', resolved: input.resolved, ...(input.reason ? { reason: input.reason } : {}) }, ctx.now, (c) => {
        if (!mayHandle(ctx, c)) throw new AppError('FORBIDDEN', ERRORS.notAssignedToYou);
      });
      await noticeRateRequest(closed, ctx.now);
      return { status: 'closed' as const };
    },
  }),

  transfer: action({
    access: DESK,
    input: deskSchemas.transfer,
    async run(ctx, input) {
      const conv = await deskConversation(ctx, input.conversationId);
      if (conv.status === 'closed') throw new AppError('CONFLICT', ERRORS.closed);
      if (conv.status !== 'assigned' || !conv.agentId) throw new AppError('CONFLICT', ERRORS.notYetAssigned);
      if (!mayHandle(ctx, conv)) throw new AppError('FORBIDDEN', ERRORS.notYoursToTransfer);
      const from = conv.agentId;

      if (input.toAgentId) {
        if (input.toAgentId === from) throw new AppError('CONFLICT', ERRORS.sameAgent);
        const target = await first<UserDoc>(db.collection('users').where({ _id: input.toAgentId, role: _.in([...DESK]) }));
        if (!target) throw new AppError('NOT_FOUND', ERRORS.agentNotFound);
        const res = await reassign(conv._id, from, target._id, ctx.now, true);
        if (res.outcome === 'gone' || !res.conv) throw new AppError('CONFLICT', ERRORS.notAssignedToYou);
        if (res.outcome !== 'claimed') throw new AppError('CONFLICT', ERRORS.agentUnavailable);
        if (input.note) await addAgentMessage(ctx, conv._id, input.note, 'note', stamp());
        await recordEvent({ type: 'transferred', conversationId: conv._id, groupId: conv.groupId, agentId: target._id, fromAgentId: from, at: ctx.now });
        await afterAssigned(res.conv, target._id, ctx.now, target.name || (await agentName(target._id)));
        await afterCapacityFreed(from, ctx.now);
        return { status: 'assigned' as const, agentId: target._id, groupId: conv.groupId };
      }

      const groupId = input.toGroupId ?? conv.groupId;
      if (!(await listGroups()).some((g) => g._id === groupId)) throw new AppError('NOT_FOUND', ERRORS.groupNotFound);
      const back = await requeue(conv._id, from, { front: false, groupId }, ctx.now);
      if (!back) throw new AppError('CONFLICT', ERRORS.notAssignedToYou);
      if (input.note) await addAgentMessage(ctx, conv._id, input.note, 'note', stamp());
      await recordEvent({ type: 'transferred', conversationId: conv._id, groupId, fromAgentId: from, at: ctx.now });
      await systemLine(conv._id, TEXTS.transferredToGroup);
      await tell([conv.customer, from], 'conversation');
      await assignQueued([groupId], ctx.now);
      await afterCapacityFreed(from, ctx.now);
      const after = (await findConversation(conv._id)) ?? back;
      return { status: after.status, ...(after.agentId ? { agentId: after.agentId } : {}), groupId };
    },
  }),

  /** Colleagues and skill groups to transfer to, with their load and queue (as the supervisor sees them). */
  transferTargets: action({
    access: DESK,
    input: deskSchemas.transferTargets,
    async run(ctx) {
      return groupLoads(ctx.now);
    },
  }),

  claim: action({
    access: DESK,
    input: deskSchemas.claim,
    async run(ctx, input) {
      const conv = await deskConversation(ctx, input.conversationId);
      if (conv.status !== 'queued') throw new AppError('CONFLICT', ERRORS.notQueued);
      await ensureLoad(ctx.openid, ctx.now);
      await claimFor(conv._id, ctx.openid, ctx.now);
      return { status: 'assigned' as const };
    },
  }),
};

