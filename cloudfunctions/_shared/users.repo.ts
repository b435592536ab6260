import type { Role, StaffRole } from '../../core/roles';
import { ROLES } from '../../core/roles';
import { db, _ } from './cloud';
import { first, rows, total } from './db';

export type AgentStatus = 'online' | 'away' | 'offline';

/** A user: anyone with an OPENID who called a function, plus staff data for staff. `_id` is the OPENID. */
export interface UserDoc {
  _id: string;
  role: Role;
  name: string;
  /** Skill groups (staff). */
  groups: string[];
  /** Most concurrent conversations (agents); 0 for others. */
  capacity: number;
  status: AgentStatus;
  /** Desk staff: last sign of life from the desk (heartbeat, status change, inbox); presence times out from it. */
  lastSeenAt?: Date;
  vip?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const DEFAULT_CAPACITY = 5;
const users = () => db.collection('users');

function asUser(raw: Record<string, unknown>): UserDoc {
  const role = ROLES.includes(raw.role as Role) ? (raw.role as Role) : 'customer';
  return {
    _id: String(raw._id),
    role,
    name: typeof raw.name === 'string' ? raw.name : '',
    groups: Array.isArray(raw.groups) ? raw.groups.map(String) : [],
    capacity: typeof raw.capacity === 'number' ? raw.capacity : 0,
    status: (['online', 'away', 'offline'] as const).find((s) => s === raw.status) ?? 'offline',
    vip: raw.vip === true,
    ...(raw.lastSeenAt instanceof Date ? { lastSeenAt: raw.lastSeenAt } : {}),
    createdAt: raw.createdAt instanceof Date ? raw.createdAt : new Date(0),
    updatedAt: raw.updatedAt instanceof Date ? raw.updatedAt : new Date(0),
  };
}

/** The last sign of life (epoch ms): the presence stamp, or for staff who never sent one, the last change of their document. */
export function lastSeenMs(user: Pick<UserDoc, 'lastSeenAt' | 'updatedAt'>): number {
  const at = user.lastSeenAt ?? user.updatedAt;
  const ms = at ? new Date(at).getTime() : 0;
  return Number.isFinite(ms) ? ms : 0;
}

export async function findUser(openid: string): Promise<UserDoc | null> {
  const raw = await first<Record<string, unknown>>(users().where({ _id: openid }));
  return raw ? asUser(raw) : null;
}

/** The user's document, created as a customer on first sight. */
export async function ensureUser(openid: string, name?: string): Promise<UserDoc> {
  const existing = await findUser(openid);
  if (existing) return existing;
  const now = new Date();
  const doc = { _id: openid, role: 'customer' as Role, name: name ?? '', groups: [], capacity: 0, status: 'offline' as AgentStatus, createdAt: now, updatedAt: now };
  try {
    await users().add({ data: doc });
  } catch {
    // Two first calls raced: the other one created it.
    const again = await findUser(openid);
    if (again) return again;
    throw new Error('could not create user');
  }
  return asUser(doc);
}

export async function listStaff(): Promise<UserDoc[]> {
  const data = await rows<Record<string, unknown>>(users().where({ role: _.neq('customer') }).orderBy('role', 'asc').orderBy('name', 'asc').limit(1000));
  return data.map(asUser);
}

export async function countAdmins(): Promise<number> {
  return total(users().where({ role: 'admin' }));
}

/** Staff-specific defaults applied when someone becomes staff. */
export function staffDefaults(role: StaffRole, current: UserDoc, defaultGroup: string | null): Partial<UserDoc> {
  const groups = current.groups.length > 0 || !defaultGroup ? current.groups : [defaultGroup];
  return {
    role,
    groups,
    capacity: role === 'agent' || role === 'supervisor' ? current.capacity || DEFAULT_CAPACITY : current.capacity,
  };
}
