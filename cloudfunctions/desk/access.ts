// Who works the desk, shared by the desk's action files.
import { DESK_STAFF, MANAGERS, type Role } from '../../core/roles';
import type { CallContext } from '../_shared/handler';

/** Who works the desk (core/roles.ts). */
export const DESK: readonly Role[] = DESK_STAFF;

/** Supervisors and admins: act on any conversation, keep the team's quick replies. */
export const isManager = (ctx: CallContext) => MANAGERS.includes(ctx.role);
