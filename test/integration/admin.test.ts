// Staff onboarding end to end: claim, invite, accept, roles, audit — through the gateway,
// the real function bundles, wx-server-sdk and the emulator's SQLite store.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('admin: roles and invitations (demo data)', () => {
  let emu: TestEmulator;
  let admin: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    admin = await emu.login('admin');
  });
  afterAll(() => emu.close());

  it('whoami tells each role and that the demo deployment is claimed', async () => {
    const me = data<{ role: string; name: string; unclaimed: boolean }>(await emu.call(admin, 'admin', { action: 'whoami' }));
    expect(me).toMatchObject({ role: 'admin', unclaimed: false });
    expect(me.name.length).toBeGreaterThan(0);
  });

  it('only managers list staff; only admins invite, set roles and read the audit log', async () => {
    const customer = await emu.login('customer');
    const agent = await emu.login('agent');
    const supervisor = await emu.login('supervisor');
    for (const token of [customer, agent]) expect(errorCode(await emu.call(token, 'admin', { action: 'staff' }))).toBe('FORBIDDEN');
    const staff = data<Array<{ role: string; groups: string[]; groupNames: string[] }>>(await emu.call(supervisor, 'admin', { action: 'staff' }));
    expect(staff.filter((s) => s.role === 'agent')).toHaveLength(4);
    const member = staff.find((s) => s.role === 'agent')!;
    expect(member.groupNames).toEqual(member.groups.map((g) => emu.db.get('skill_groups', g)!.name));
    expect(staff.some((s) => s.role === 'customer')).toBe(false);
    for (const token of [customer, agent, supervisor]) {
      expect(errorCode(await emu.call(token, 'admin', { action: 'invite', role: 'admin' }))).toBe('FORBIDDEN');
      expect(errorCode(await emu.call(token, 'admin', { action: 'setRole', openid: 'demo-agent-1', role: 'admin' }))).toBe('FORBIDDEN');
      expect(errorCode(await emu.call(token, 'admin', { action: 'audit' }))).toBe('FORBIDDEN');
    }
  });

  it('an invitation binds the opener to its role exactly once', async () => {
    const invite = data<{ id: string; code: string; path: string; role: string; status: string }>(
      await emu.call(admin, 'admin', { action: 'invite', role: 'agent', name: '小新', ttlHours: 2 }),
    );
    expect(invite).toMatchObject({ role: 'agent', status: 'open' });
    expect(invite.code).toMatch(/^[A-Z2-9]{10}$/);
    expect(invite.path).toBe(`pages/join/index?code=${invite.code}`);
    // Only a hash of the code is stored.
    const stored = emu.db.get('invites', invite.id)!;
    expect(JSON.stringify(stored)).not.toContain(invite.code);

    const opener = await emu.login('customer', { openid: 'opener-1' });
    const typed = `${invite.code.slice(0, 5).toLowerCase()}-${invite.code.slice(5)}`;
    const joined = data<{ role: string; name: string }>(await emu.call(opener, 'admin', { action: 'acceptInvite', code: typed }));
    expect(joined).toMatchObject({ role: 'agent', name: '小新' });
    expect(emu.db.get('users', 'opener-1')).toMatchObject({ role: 'agent', groups: ['grp-aftersales'], capacity: 5 });

    const another = await emu.login('customer', { openid: 'opener-2' });
    expect(errorCode(await emu.call(another, 'admin', { action: 'acceptInvite', code: invite.code }))).toBe('CONFLICT');
    expect(emu.db.get('users', 'opener-2')!.role).toBe('customer');
    expect(errorCode(await emu.call(another, 'admin', { action: 'acceptInvite', code: 'WRONGCODE2' }))).toBe('NOT_FOUND');

    const list = data<Array<{ id: string; status: string; usedBy?: string }>>(await emu.call(admin, 'admin', { action: 'invites' }));
    expect(list.find((i) => i.id === invite.id)).toMatchObject({ status: 'used', usedBy: 'opener-1' });
  });

  it('two people racing for one code: exactly one wins', async () => {
    const invite = data<{ code: string }>(await emu.call(admin, 'admin', { action: 'invite', role: 'qa' }));
    const tokens = await Promise.all([1, 2, 3, 4].map((i) => emu.login('customer', { openid: `racer-${i}` })));
    const results = await Promise.all(tokens.map((t) => emu.call(t, 'admin', { action: 'acceptInvite', code: invite.code })));
    expect(results.filter((r) => r.body.ok === true)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(3);
    expect(emu.db.find('users', { _id: { $in: [1, 2, 3, 4].map((i) => `racer-${i}`) }, role: 'qa' })).toHaveLength(1);
  });

  it('revoked and expired codes are refused; the hourly timer marks expired ones', async () => {
    const revoked = data<{ id: string; code: string }>(await emu.call(admin, 'admin', { action: 'invite', role: 'agent' }));
    expect(data<{ status: string }>(await emu.call(admin, 'admin', { action: 'revokeInvite', id: revoked.id })).status).toBe('revoked');
    expect(errorCode(await emu.call(admin, 'admin', { action: 'revokeInvite', id: revoked.id }))).toBe('CONFLICT');
    const someone = await emu.login('customer', { openid: 'late-1' });
    expect(errorCode(await emu.call(someone, 'admin', { action: 'acceptInvite', code: revoked.code }))).toBe('CONFLICT');

    emu.db.insert('invites', [
      { _id: 'old-invite', codeHash: sha256('EXPIREDAB2'), role: 'agent', name: '', status: 'open', expiresAt: new Date(Date.now() - 60_000), createdBy: 'demo-admin', createdAt: new Date() },
    ]);
    const res = await emu.call(someone, 'admin', { action: 'acceptInvite', code: 'EXPIREDAB2' });
    expect(errorCode(res)).toBe('CONFLICT');
    expect((res.body.error as { message: string }).message).toContain('过期');

    const fired = await emu.raw('/api/dev/trigger/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"trigger":"housekeeping"}' });
    expect(fired.status).toBe(200);
    expect(((await fired.json()) as { data: { result: { ok: boolean; data: { expired: number } } } }).data.result).toEqual({ ok: true, data: { expired: 1, rateLimitsPurged: 0 } });
    expect(emu.db.get('invites', 'old-invite')!.status).toBe('expired');
  });

  it('admins change and revoke roles; the last admin stays', async () => {
    const changed = data<{ role: string }>(await emu.call(admin, 'admin', { action: 'setRole', openid: 'demo-agent-1', role: 'supervisor' }));
    expect(changed.role).toBe('supervisor');
    const revoked = data<{ role: string }>(await emu.call(admin, 'admin', { action: 'setRole', openid: 'demo-agent-1', role: 'customer' }));
    expect(revoked.role).toBe('customer');
    expect(errorCode(await emu.call(admin, 'admin', { action: 'setRole', openid: 'nobody-here', role: 'agent' }))).toBe('NOT_FOUND');
    const res = await emu.call(admin, 'admin', { action: 'setRole', openid: 'demo-admin', role: 'agent' });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(emu.db.get('users', 'demo-admin')!.role).toBe('admin');
  });

  it('every change is in the audit log, newest first, with before and after', async () => {
    const log = data<Array<{ action: string; actor: string; target: string; before: unknown; after: unknown }>>(await emu.call(admin, 'admin', { action: 'audit', limit: 100 }));
    const roleChanges = log.filter((e) => e.action === 'role.set' && e.target === 'users/demo-agent-1');
    expect(roleChanges[0]).toMatchObject({ actor: 'demo-admin', before: { role: 'supervisor' }, after: { role: 'customer' } });
    expect(log.some((e) => e.action === 'invite.create')).toBe(true);
    expect(log.some((e) => e.action === 'invite.revoke')).toBe(true);
  });
});

describe('admin: claiming a fresh deployment', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ seed: false, functionEnv: { KEFU_SETUP_CODE: 'setup-code-123' } });
  });
  afterAll(() => emu.close());

  it('the first admin claims with the setup code, once', async () => {
    const first = await emu.login('customer', { openid: 'owner-1' });
    expect(data<{ unclaimed: boolean }>(await emu.call(first, 'admin', { action: 'whoami' })).unclaimed).toBe(true);
    expect(errorCode(await emu.call(first, 'admin', { action: 'claim', setupCode: 'guess' }))).toBe('FORBIDDEN');
    expect(emu.db.get('users', 'owner-1')!.role).toBe('customer');
    const claimed = data<{ role: string; unclaimed: boolean }>(await emu.call(first, 'admin', { action: 'claim', setupCode: 'setup-code-123', name: '店长' }));
    expect(claimed).toMatchObject({ role: 'admin', unclaimed: false });

    const second = await emu.login('customer', { openid: 'owner-2' });
    expect(errorCode(await emu.call(second, 'admin', { action: 'claim', setupCode: 'setup-code-123' }))).toBe('CONFLICT');
    expect(emu.db.get('users', 'owner-2')!.role).toBe('customer');
  });

  it('without a configured setup code nobody can claim', async () => {
    const bare = await startTestEmulator({ seed: false });
    try {
      const t = await bare.login('customer', { openid: 'x1' });
      expect(errorCode(await bare.call(t, 'admin', { action: 'claim', setupCode: 'anything' }))).toBe('UNAVAILABLE');
    } finally {
      await bare.close();
    }
  });
});
