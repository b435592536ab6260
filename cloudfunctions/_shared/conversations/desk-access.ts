// Who may see a conversation at the desk (desk actions, appointment.bookFor). Staff who may not see it
// are told it does not exist, in the same words as an unknown id: no answer tells them it exists.
import { AppError } from '../../../core/envelope';
import { MANAGERS } from '../../../core/roles';
import type { CallContext } from '../handler';
import { findConversation, type ConversationDoc } from './conversation.repo';
import { ERRORS } from './texts';

/**
 * Its agent (`agentId` is kept when a conversation closes, so the agent who handled it can still read
 * it after), managers, or staff of its group while it waits in the queue.
 */
export function mayViewAtDesk(ctx: CallContext, conv: Pick<ConversationDoc, 'agentId' | 'status' | 'groupId'>): boolean {
  return conv.agentId === ctx.openid || MANAGERS.includes(ctx.role) || (conv.status === 'queued' && (ctx.user?.groups ?? []).includes(conv.groupId));
}

/** The conversation, when it exists and the caller may see it at the desk; NOT_FOUND otherwise. */
export async function deskConversation(ctx: CallContext, id: string): Promise<ConversationDoc> {
  const conv = await findConversation(id);
  if (!conv || !mayViewAtDesk(ctx, conv)) throw new AppError('NOT_FOUND', ERRORS.deskConversationNotFound);
  return conv;
}
