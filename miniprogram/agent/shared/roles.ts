import type { Role } from '../../../core/roles';

/** Who works conversations at the desk (the desk functions allow the same roles; QA only reviews). */
export const DESK_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
