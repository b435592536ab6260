// Who may do what. Roles live in the database and are checked by the functions on every call.

export const ROLES = ['customer', 'agent', 'qa', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ['agent', 'qa', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who may call an action: a list of roles, or 'anyone' with an OPENID. */
export type Access = 'anyone' | readonly Role[];

export const ANY_STAFF: readonly Role[] = STAFF_ROLES;
export const MANAGERS: readonly Role[] = ['supervisor', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
/** Who works the desk (conversations, left messages). QA reviews conversations afterwards; it does not take them. */
export const DESK_STAFF: readonly Role[] = ['agent', 'supervisor', 'admin'];
/** Who works the appointment schedule (confirm, reschedule, complete): the desk staff; QA reviews, it does not schedule. */
export const SCHEDULERS: readonly Role[] = DESK_STAFF;

export function isStaff(role: Role): boolean {
  return role !== 'customer';
}

export function mayCall(role: Role, access: Access): boolean {
  return access === 'anyone' || access.includes(role);
}

/** Chinese labels shown to users. */
export const ROLE_LABELS: Record<Role, string> = {
  customer: '客户',
  agent: '客服',
  qa: '质检',
  supervisor: '主管',
  admin: '管理员',
};
