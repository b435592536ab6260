import type { Role } from '../../../core/roles';

/** Who works conversations at the desk (the desk functions allow the same roles; QA only reviews). */
export const DESK_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

/** Who reviews conversations (质检): they open the desk home to reach it, but QA takes no conversations. */
export const QA_REVIEWERS: readonly Role[] = ['qa', 'supervisor', 'admin'];
