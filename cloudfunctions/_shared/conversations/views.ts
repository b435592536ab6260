// How stored conversations are shown: the one mapping per view, shared by `session` (the customer's
// list), `desk` (inbox, the customer panel) and `routing` (the supervisors' live list).
import type { ConversationSummary, InboxItem } from '../../../core/api';
import { replyOverdue } from '../../../core/routing';
import { open } from '../seal';
import { lastTextOf, type ConversationDoc } from './conversation.repo';

export const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : undefined);

/** A line of a list of conversations (the customer's own, or a customer's earlier ones at the desk). */
export function conversationSummary(c: ConversationDoc): ConversationSummary {
  return {
    conversationId: c._id,
    status: c.status,
    groupId: c.groupId,
    lastText: lastTextOf(c),
    createdAt: iso(c.createdAt) ?? '',
    updatedAt: iso(c.updatedAt) ?? '',
    ...(c.closedAt ? { closedAt: iso(c.closedAt) } : {}),
    ...(c.rating ? { rating: c.rating.score } : {}),
  };
}

/** A line of the desk: unread count, how long the customer has waited, overdue after the reply timeout. */
export function inboxItem(conv: ConversationDoc, now: Date, timeoutSec: number, position?: number): InboxItem {
  const lastCustomer = conv.lastCustomerAt ? new Date(conv.lastCustomerAt).getTime() : 0;
  const lastAgent = conv.lastAgentAt ? new Date(conv.lastAgentAt).getTime() : 0;
  const waitingSince = conv.status === 'queued' ? new Date(conv.queuedAt ?? conv.createdAt).getTime() : lastCustomer > lastAgent ? lastCustomer : 0;
  const waitingSeconds = waitingSince ? Math.max(0, Math.round((now.getTime() - waitingSince) / 1000)) : 0;
  const overdue =
    conv.status === 'assigned' &&
    (replyOverdue({ assignedAt: new Date(conv.assignedAt ?? now).getTime(), repliedSinceAssign: conv.repliedSinceAssign }, now.getTime(), timeoutSec) || waitingSeconds >= timeoutSec);
  return {
    conversationId: conv._id,
    customerName: conv.customerName,
    vip: conv.vip,
    groupId: conv.groupId,
    status: conv.status,
    priority: conv.priority,
    lastText: lastTextOf(conv),
    unread: conv.unread ?? 0,
    waitingSeconds,
    overdue,
    ...(conv.assignedAt ? { assignedAt: iso(conv.assignedAt) } : {}),
    ...(conv.queuedAt ? { queuedAt: iso(conv.queuedAt) } : {}),
    ...(position !== undefined ? { position } : {}),
  };
}

/** The rating as shown (tags `[]` when none were chosen); undefined while not rated. */
export function ratingView(c: Pick<ConversationDoc, 'rating'>): { score: number; comment: string; tags: string[] } | undefined {
  if (!c.rating) return undefined;
  return { score: c.rating.score, comment: open(c.rating.comment ?? '', 'conversations.rating.comment'), tags: Array.isArray(c.rating.tags) ? c.rating.tags.map(String) : [] };
}
