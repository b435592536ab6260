import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RATE_LIMITS } from '../../core/abuse/limits';
import type { AuditEntry, InviteView, ModerationSettings, RetentionSettingsView, StaffMember, WhoAmI } from '../../core/api';
import { SYSTEM_ACTORS } from '../../core/audit';
import { AppError } from '../../core/envelope';
import { MODERATION_ID, cleanWords } from '../../core/abuse/moderation';
import { inviteCodeFromBytes, invitePath, inviteStatus, normalizeInviteCode } from '../../core/invites';
import { ADMINS, MANAGERS, type Role, type StaffRole } from '../../core/roles';
import { adminSchemas } from '../../core/schemas/admin.schema';
import { audit, readAudit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { first, rows, updated } from '../_shared/db';
import { touchLock, transact, txGet } from '../_shared/tx';
import { action, type CallContext } from '../_shared/handler';
import { loadModeration } from '../_shared/moderation';
import { readRetention, saveRetention } from './retention';
import { DEFAULT_CAPACITY, countAdmins, ensureUser, findUser, listStaff, type UserDoc } from '../_shared/users.repo';
import { saveSettingsDoc } from '../_shared/settings';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function isClaimed(): Promise<boolean> {
  const deployment = await first<{ claimedBy?: string }>(db.collection('deployment').where({ _id: 'main' }));
  if (deployment?.claimedBy) return true;
  return (await countAdmins()) > 0;
}

function whoamiOf(user: UserDoc, unclaimed: boolean): WhoAmI {
  return { openid: user._id, role: user.role, name: user.name, unclaimed };
}

function staffView(u: UserDoc, groupNames: Map<string, string>): StaffMember {
  return { openid: u._id, name: u.name, role: u.role, groups: u.groups, groupNames: u.groups.map((g) => groupNames.get(g) ?? g), capacity: u.capacity, status: u.status };
}

async function skillGroupNames(): Promise<Map<string, string>> {
  const groups = await rows<{ _id: string; name: string }>(db.collection('skill_groups').field({ _id: true, name: true }).limit(1000));
  return new Map(groups.map((g) => [g._id, g.name]));
}

async function defaultGroupId(): Promise<string | null> {
  const group = await first<{ _id: string }>(db.collection('skill_groups').where({ isDefault: true }));
  return group ? group._id : null;
}

/** Fields a user gets on becoming `role`; staff join the default skill group with the default capacity. */
async function roleFields(user: UserDoc | null, role: Role): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = { role, updatedAt: new Date() };
  if (role === 'customer') return fields;
  if (!user || user.groups.length === 0) {
    const group = await defaultGroupId();
    if (group) fields.groups = [group];
  }
  if ((role === 'agent' || role === 'supervisor') && (!user || user.capacity === 0)) fields.capacity = DEFAULT_CAPACITY;
  return fields;
}

function newUserDoc(name: string): Omit<UserDoc, '_id'> {
  const now = new Date();
  return { role: 'customer', name, groups: [], capacity: 0, status: 'offline', createdAt: now, updatedAt: now };
}

type StoredInvite = { _id: string; role: StaffRole; name: string; status: 'open' | 'used' | 'revoked' | 'expired'; expiresAt: Date; usedBy?: string };

function inviteView(inv: StoredInvite, now: Date, code?: string): InviteView {
  return {
    id: inv._id,
    role: inv.role,
    name: inv.name,
    ...(code ? { code, path: invitePath(code) } : {}),
    expiresAt: inv.expiresAt.toISOString(),
    status: inviteStatus(inv, now),
    ...(inv.usedBy ? { usedBy: inv.usedBy } : {}),
  };
}

/**
 * Set a user's role atomically with the checks that protect the deployment. One transaction writes the
 * user and `settings/roles` (a document every role change writes), so role changes are serialized: two
 * admins demoting each other (or themselves) at the same moment cannot both commit — the second one
 * conflicts, runs again, and then sees the first one's change (the caller no longer an admin, or the
 * target the last admin). `byAdmin`: the change is an admin's (`setRole`), who must still be one.
 */
async function applyRole(ctx: CallContext, openid: string, role: Role, name?: string, byAdmin = false): Promise<UserDoc> {
  const before = await transact(async (t) => {
    // The lock is touched first: a role change committed after this point makes this transaction conflict
    // (and retry), so the admin count below never misses one that committed in between.
    await touchLock(t, ROLES_LOCK, ctx.openid, new Date());
    if (byAdmin) {
      const granter = await txGet<UserDoc>(t, 'users', ctx.openid);
      if (granter?.role !== 'admin') throw new AppError('FORBIDDEN', '没有权限执行此操作');
    }
    const current = await txGet<UserDoc>(t, 'users', openid);
    if (current?.role === 'admin' && role !== 'admin' && (await countAdmins()) <= 1) {
      throw new AppError('CONFLICT', '至少需要保留一名管理员');
    }
    const fields = await roleFields(current, role);
    if (name) fields.name = name;
    if (current) await t.collection('users').doc(openid).update({ data: fields });
    else await t.collection('users').add({ data: { _id: openid, ...newUserDoc(name ?? ''), ...fields } });
    return current;
  });
  const after = await findUser(openid);
  if (!after) throw new AppError('INTERNAL', '保存失败');
  await audit(ctx.openid, 'role.set', `users/${openid}`, before ? { role: before.role } : null, { role: after.role });
  return after;
}

/** The document every role change writes (see applyRole). */
const ROLES_LOCK = 'roles';

export const adminActions = {
  whoami: action({
    access: 'anyone',
    input: adminSchemas.whoami,
    async run(ctx) {
      const user = ctx.user ?? (await ensureUser(ctx.openid));
      return whoamiOf(user, !(await isClaimed()));
    },
  }),

  claim: action({
    access: 'anyone',
    input: adminSchemas.claim,
    rate: RATE_LIMITS['admin.claim'],
    async run(ctx, input) {
      const expected = process.env.KEFU_SETUP_CODE;
      if (!expected) throw new AppError('UNAVAILABLE', '此部署没有配置初始化码（KEFU_SETUP_CODE），请联系部署人员');
      const given = Buffer.from(sha256(input.setupCode.trim()), 'hex');
      if (!timingSafeEqual(given, Buffer.from(sha256(expected), 'hex'))) throw new AppError('FORBIDDEN', '初始化码不正确');
      if (await isClaimed()) throw new AppError('CONFLICT', '此部署已有管理员，请向管理员索取邀请码');
      try {
        // The insert of `deployment/main` is the lock: only one claim can create it.
        await db.collection('deployment').add({ data: { _id: 'main', claimedBy: ctx.openid, claimedAt: new Date() } });
      } catch {
        throw new AppError('CONFLICT', '此部署已有管理员，请向管理员索取邀请码');
      }
      const user = await applyRole(ctx, ctx.openid, 'admin', input.name);
      return whoamiOf(user, false);
    },
  }),

  invite: action({
    access: ADMINS,
    input: adminSchemas.invite,
    async run(ctx, input) {
      const code = inviteCodeFromBytes(randomBytes(16));
      const inv: StoredInvite & { codeHash: string; createdBy: string; createdAt: Date } = {
        _id: randomBytes(12).toString('hex'),
        codeHash: sha256(code),
        role: input.role,
        name: input.name ?? '',
        status: 'open',
        expiresAt: new Date(ctx.now.getTime() + input.ttlHours * 3600_000),
        createdBy: ctx.openid,
        createdAt: ctx.now,
      };
      await db.collection('invites').add({ data: inv });
      await audit(ctx.openid, 'invite.create', `invites/${inv._id}`, null, { role: inv.role, name: inv.name, expiresAt: inv.expiresAt });
      return inviteView(inv, ctx.now, code);
    },
  }),

  invites: action({
    access: ADMINS,
    input: adminSchemas.invites,
    async run(ctx) {
      const data = await rows<StoredInvite>(db.collection('invites').orderBy('createdAt', 'desc').limit(100));
      return data.map((inv) => inviteView(inv, ctx.now));
    },
  }),

  revokeInvite: action({
    access: ADMINS,
    input: adminSchemas.revokeInvite,
    async run(ctx, input) {
      const changed = await updated(db.collection('invites').where({ _id: input.id, status: 'open' }).update({ data: { status: 'revoked', revokedBy: ctx.openid } }));
      const inv = await first<StoredInvite>(db.collection('invites').where({ _id: input.id }));
      if (!inv) throw new AppError('NOT_FOUND', '邀请不存在');
      if (changed === 0) throw new AppError('CONFLICT', '该邀请已使用或已撤销');
      await audit(ctx.openid, 'invite.revoke', `invites/${input.id}`, { status: 'open' }, { status: 'revoked' });
      return inviteView(inv, ctx.now);
    },
  }),

  acceptInvite: action({
    access: 'anyone',
    input: adminSchemas.acceptInvite,
    rate: RATE_LIMITS['admin.acceptInvite'],
    async run(ctx, input) {
      const codeHash = sha256(normalizeInviteCode(input.code));
      const inv = await first<StoredInvite>(db.collection('invites').where({ codeHash }));
      if (!inv) throw new AppError('NOT_FOUND', '邀请码无效，请核对后重试');
      const status = inviteStatus(inv, ctx.now);
      if (status === 'expired') throw new AppError('CONFLICT', '邀请码已过期，请联系管理员重新邀请');
      if (status !== 'open') throw new AppError('CONFLICT', '邀请码已被使用或已撤销');
      if (ctx.user && ctx.user.role !== 'customer') throw new AppError('CONFLICT', '您已是团队成员，如需变更角色请联系管理员');
      // Claim the invite first (conditional update): a code binds exactly one OPENID.
      const claimed = await updated(db.collection('invites').where({ _id: inv._id, status: 'open' }).update({ data: { status: 'used', usedBy: ctx.openid, usedAt: ctx.now } }));
      if (claimed !== 1) throw new AppError('CONFLICT', '邀请码已被使用或已撤销');
      const user = await applyRole(ctx, ctx.openid, inv.role, input.name ?? inv.name);
      return whoamiOf(user, false);
    },
  }),

  staff: action({
    access: MANAGERS,
    input: adminSchemas.staff,
    async run() {
      const [staff, names] = await Promise.all([listStaff(), skillGroupNames()]);
      return staff.map((u) => staffView(u, names));
    },
  }),

  setRole: action({
    access: ADMINS,
    input: adminSchemas.setRole,
    async run(ctx, input) {
      if (!(await findUser(input.openid))) throw new AppError('NOT_FOUND', '没有这个用户');
      return staffView(await applyRole(ctx, input.openid, input.role, undefined, true), await skillGroupNames());
    },
  }),

  moderation: action({
    access: MANAGERS,
    input: adminSchemas.moderation,
    async run(): Promise<ModerationSettings> {
      return loadModeration();
    },
  }),

  saveModeration: action({
    access: MANAGERS,
    input: adminSchemas.saveModeration,
    async run(ctx, input): Promise<ModerationSettings> {
      const before = await loadModeration();
      const words = cleanWords(input.words);
      await saveSettingsDoc(ctx, MODERATION_ID, 'moderation.save', { words: before.words }, { words });
      return { words, updatedAt: ctx.now.toISOString() };
    },
  }),

  audit: action({
    access: ADMINS,
    input: adminSchemas.audit,
    async run(_ctx, input): Promise<AuditEntry[]> {
      const data = await readAudit(input);
      const actors = [...new Set(data.map((d) => String(d.actor)))];
      const names = new Map((await rows<{ _id: string; name?: string }>(db.collection('users').where({ _id: _.in(actors) }).field({ _id: true, name: true }).limit(actors.length || 1))).map((u) => [u._id, u.name ?? '']));
      return data.map((d) => ({
        id: String(d._id),
        at: d.at instanceof Date ? d.at.toISOString() : String(d.at),
        actor: String(d.actor),
        actorName: names.get(String(d.actor)) ?? (d.actor === SYSTEM_ACTORS.retention ? '数据保留任务' : ''),
        action: String(d.action),
        target: String(d.target),
        before: d.before,
        after: d.after,
      }));
    },
  }),

  retention: action({
    access: ADMINS,
    input: adminSchemas.retention,
    async run(): Promise<RetentionSettingsView> {
      return readRetention();
    },
  }),

  saveRetention: action({
    access: ADMINS,
    input: adminSchemas.saveRetention,
    async run(ctx, input): Promise<RetentionSettingsView> {
      return saveRetention(ctx, input);
    },
  }),
};


/** Hourly: store `expired` on invites past their expiry, so lists and queries need no clock. */
export async function expireInvites(now: Date): Promise<{ expired: number }> {
  return { expired: await updated(db.collection('invites').where({ status: 'open', expiresAt: _.lte(now) }).update({ data: { status: 'expired' } })) };
}
