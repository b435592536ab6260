// Who works the desk, shared by the desk's action files.
import { MANAGERS, type Role } from '../../core/roles';
import type { ConversationDoc } from '../_shared/conversations/conversation.repo';
import type { CallContext } from '../_shared/handler';

/** Who works the desk. QA reviews conversations afterwards; it does not take them. */
export const DESK: readonly Role[] = ['agent', 'supervisor', 'admin'];

/** Supervisors and admins: act on any conversation, keep the team's quick replies. */
export const isManager = (ctx: CallContext) => MANAGERS.includes(ctx.role);

/**
 * May read the conversation at the desk: its agent, managers, or staff of its group while it waits.
 * `agentId` is kept when a conversation closes, so the agent who handled it can still read it after.
 * The same rule opens a masked message (`reveal`).
 */
export function mayView(ctx: CallContext, conv: ConversationDoc): boolean {
  return conv.agentId === ctx.openid || isManager(ctx) || (conv.status === 'queued' && (ctx.user?.groups ?? []).includes(conv.groupId));
}
