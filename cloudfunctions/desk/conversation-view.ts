// A conversation as the desk shows it: history with internal notes, group, agent, the customer beside
// it, the close and the rating. Shared by the desk's `conversation` and quality review's `qaReview`;
// the caller has been authorized already. What the customer wrote is shown with personal data masked
// (deskMessageView); `desk.reveal` opens one message, logged.
import type { DeskConversation } from '../../core/api';
import { agentName } from '../_shared/conversations/assign';
import { listGroups, listMessages, type ConversationDoc } from '../_shared/conversations/conversation.repo';
import { deskMessageView, ratingView } from '../_shared/conversations/views';
import type { CallContext } from '../_shared/handler';
import { customerInfo } from './customer-info';

export async function deskConversationView(ctx: CallContext, conv: ConversationDoc): Promise<DeskConversation> {
  const [messages, groups, customer, agent] = await Promise.all([
    listMessages(conv._id, true),
    listGroups(),
    customerInfo(conv, ctx.now),
    conv.agentId ? agentName(conv.agentId) : undefined,
  ]);
  const rating = ratingView(conv, true);
  return {
    conversationId: conv._id,
    status: conv.status,
    customerName: conv.customerName,
    vip: conv.vip,
    groupId: conv.groupId,
    groupName: groups.find((g) => g._id === conv.groupId)?.name ?? '',
    ...(conv.agentId ? { agentId: conv.agentId, agentName: agent } : {}),
    mine: conv.status === 'assigned' && conv.agentId === ctx.openid,
    messages: messages.map((m) => (m.secReview ? { ...deskMessageView(m), secReview: true as const } : deskMessageView(m))),
    customer,
    ...(conv.status === 'closed' ? { resolved: conv.resolved ?? null, ...(conv.closeReason ? { closeReason: conv.closeReason } : {}) } : {}),
    ...(rating ? { rating } : {}),
  };
}
