// Who works the desk, shared by the desk's action files.
import { MANAGERS, type Role } from '../../core/roles';
import type { CallContext } from '../_shared/handler';

/** Who works the desk. QA reviews conversations afterwards; it does not take them. */
export const DESK: readonly Role[] = ['agent', 'supervisor', 'admin'];

/** Supervisors and admins: act on any conversation, keep the team's quick replies. */
export const isManager = (ctx: CallContext) => MANAGERS.includes(ctx.role);
