// Dev login (local only): who a role logs in as, and creating users for new OPENIDs.
import { z } from 'zod';
import { ROLES, type Role } from '../core/roles';
import type { Database } from './db';

export const devLoginInput = z.object({
  role: z.enum(ROLES),
  name: z.string().trim().min(1).max(20).optional(),
  openid: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'openid: letters, digits, _ and - only')
    .optional(),
});
export type DevLogin = z.infer<typeof devLoginInput>;

const DEFAULT_CAPACITY = 5;
const ROLE_NAMES: Record<Role, string> = { customer: '体验用户', agent: '客服', qa: '质检', supervisor: '主管', admin: '管理员' };

function defaultGroup(db: Database): string | null {
  const found = db.find('skill_groups', { isDefault: true }, { limit: 1 })[0];
  return found ? String(found._id) : null;
}

/** The user a dev login resolves to, created when new. */
export function devLoginUser(db: Database, input: DevLogin): { openid: string; role: Role } {
  if (!input.openid) {
    const first = db.find('users', { role: input.role }, { sort: { createdAt: 1, _id: 1 }, limit: 1 })[0];
    if (first) return { openid: String(first._id), role: input.role };
  }
  const openid = input.openid ?? `dev-${input.role}-${Date.now().toString(36)}`;
  const existing = db.get('users', openid);
  if (existing) {
    if (existing.role !== input.role) db.update('users', openid, { role: input.role, updatedAt: new Date() });
    return { openid, role: input.role };
  }
  const staff = input.role !== 'customer';
  const group = staff ? defaultGroup(db) : null;
  const now = new Date();
  db.insert('users', [
    {
      _id: openid,
      role: input.role,
      name: input.name ?? `${ROLE_NAMES[input.role]}${openid.slice(-4)}`,
      groups: group ? [group] : [],
      capacity: input.role === 'agent' || input.role === 'supervisor' ? DEFAULT_CAPACITY : 0,
      status: 'offline',
      vip: false,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  return { openid, role: input.role };
}
