// How stored conversations are shown: the one mapping per view, shared by `session` (the customer's
// list), `desk` (inbox, the customer panel) and `routing` (the supervisors' live list). Staff views
// mask personal data in what customers wrote (core/privacy/mask.ts); the customer sees it as written.
import type { ChatMessage, ConversationSummary, InboxItem } from '../../../core/api';
import { maskPersonal, maskedText } from '../../../core/privacy/mask';
import { replyOverdue } from '../../../core/routing';
import { open } from '../seal';
import { lastTextOf, messageView, type ConversationDoc, type MessageDoc } from './conversation.repo';

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

/** A customer's earlier conversation in the desk's customer panel: the last line masked. */
export function staffSummary(c: ConversationDoc): ConversationSummary {
  return { ...conversationSummary(c), lastText: maskPersonal(lastTextOf(c)) };
}

/**
 * A message as staff see it: a customer's text with personal data masked and flagged `masked` (the desk
 * offers 查看, `desk.reveal`). Staff-written lines (replies, notes) and the bot's are shown as written.
 */
export function deskMessageView(m: MessageDoc): ChatMessage {
  const view = messageView(m);
  if (m.from !== 'customer' || !view.text) return view;
  const { text, masked } = maskedText(view.text);
  return masked ? { ...view, text, masked: true } : view;
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
    // Staff only (desk inbox, supervisors' live list): the last line may be the customer's.
    lastText: maskPersonal(lastTextOf(conv)),
    unread: conv.unread ?? 0,
    waitingSeconds,
    overdue,
    ...(conv.assignedAt ? { assignedAt: iso(conv.assignedAt) } : {}),
    ...(conv.queuedAt ? { queuedAt: iso(conv.queuedAt) } : {}),
    ...(position !== undefined ? { position } : {}),
  };
}

/** The rating as shown (tags `[]` when none were chosen); undefined while not rated. Staff see the comment masked. */
export function ratingView(c: Pick<ConversationDoc, 'rating'>, forStaff = false): { score: number; comment: string; tags: string[] } | undefined {
  if (!c.rating) return undefined;
  const comment = open(c.rating.comment ?? '', 'conversations.rating.comment');
  return { score: c.rating.score, comment: forStaff ? maskPersonal(comment) : comment, tags: Array.isArray(c.rating.tags) ? c.rating.tags.map(String) : [] };
}
