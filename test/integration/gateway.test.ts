// The gateway's stable answers (design.md, "API: the stable core"), through real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

/** Every document in the store, to prove a refused call wrote nothing. */
function snapshot(): string {
  const names = ['users', 'faq_entries', 'faq_categories', 'invites', 'audit_log', 'signals', 'deployment', 'skill_groups'];
  return JSON.stringify(names.map((n) => emu.db.find(n, {}, { sort: { _id: 1 } })));
}

describe('gateway', () => {
  it('answers healthz', async () => {
    const res = await emu.raw('/api/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('dev login gives the first seeded user of each role, and creates new OPENIDs with their role', async () => {
    for (const role of ['customer', 'agent', 'qa', 'supervisor', 'admin']) {
      const res = await emu.raw('/api/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { token: string; openid: string; role: string };
      expect(body.role).toBe(role);
      expect(body.token).toMatch(/\./);
      const me = data<{ role: string; openid: string }>(await emu.call(body.token, 'admin', { action: 'whoami' }));
      expect(me).toMatchObject({ role, openid: body.openid });
    }
    const token = await emu.login('agent', { openid: 'new-agent-007', name: '新同事' });
    const me = data<{ role: string; name: string }>(await emu.call(token, 'admin', { action: 'whoami' }));
    expect(me).toMatchObject({ role: 'agent', name: '新同事' });
    const stored = emu.db.get('users', 'new-agent-007')!;
    expect(stored.groups).toEqual(['grp-aftersales']); // the default skill group
    expect(stored.capacity).toBe(5);
  });

  it('refuses a bad dev login with 400 and writes nothing', async () => {
    const before = snapshot();
    const res = await emu.raw('/api/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'root' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    expect(snapshot()).toBe(before);
  });

  it('401 without a token, with a forged token, with garbage', async () => {
    expect((await emu.call(null, 'faq', { action: 'categories' })).status).toBe(401);
    const token = await emu.login('customer');
    const [payload, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ sub: 'demo-admin', iat: Date.now() })).toString('base64url')}.${sig}`;
    const res = await emu.call(forged, 'admin', { action: 'staff' });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect((await emu.call(`${payload}.x`, 'faq', { action: 'categories' })).status).toBe(401);
  });

  it('404 for an unknown function, 400 for malformed JSON, 413 over 64 KiB — and stays up', async () => {
    const token = await emu.login('customer');
    const before = snapshot();
    const unknown = await emu.call(token, 'nope', { action: 'x' });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const traversal = await emu.call(token, '..%2Fadmin', { action: 'whoami' });
    expect(traversal.status).toBe(404);

    const bad = await emu.raw('/api/fn/faq', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"action": "categories"' });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(badBody).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(badBody.error.message).not.toMatch(/at .*\(|Error:/);

    const big = await emu.raw('/api/fn/faq', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'search', q: 'x'.repeat(70 * 1024) }) });
    expect(big.status).toBe(413);
    expect(snapshot()).toBe(before);
    expect((await emu.raw('/api/healthz')).status).toBe(200);
  });

  it('unknown actions and wrong types get INVALID_INPUT in plain words, and nothing is written', async () => {
    const token = await emu.login('admin');
    const before = snapshot();
    const cases: unknown[] = [
      { action: 'fly' },
      {},
      [],
      'text',
      null,
      { action: 42 },
      { action: '__proto__' },
      { action: 'constructor' },
      { action: 'get', id: 12 },
      { action: 'get', id: '' },
      { action: 'get', id: { $ne: null } },
      { action: 'list', categoryId: ['cat-order'] },
      { action: 'hot', limit: 'many' },
      { action: 'hot', limit: 1e9 },
    ];
    for (const event of cases) {
      const res = await emu.call(token, 'faq', event);
      expect(res.status, JSON.stringify(event)).toBe(200);
      expect(errorCode(res), JSON.stringify(event)).toBe('INVALID_INPUT');
      const message = (res.body.error as { message: string }).message;
      expect(message.length).toBeGreaterThan(0);
      expect(message).not.toMatch(/\n\s+at /);
    }
    for (const event of [{ action: 'invite', role: 'god' }, { action: 'invite', role: 'agent', ttlHours: 0 }, { action: 'setRole', openid: 'demo-agent-1' }, { action: 'acceptInvite', code: '' }]) {
      expect(errorCode(await emu.call(token, 'admin', event)), JSON.stringify(event)).toBe('INVALID_INPUT');
    }
    expect(snapshot()).toBe(before);
  });

  it('identity comes from the context, never from the event', async () => {
    const token = await emu.login('customer');
    const res = await emu.call(token, 'admin', { action: 'whoami', openid: 'demo-admin', userInfo: { openId: 'demo-admin' } });
    expect(data<{ role: string; openid: string }>(res)).toMatchObject({ role: 'customer' });
    expect(data<{ openid: string }>(res).openid).not.toBe('demo-admin');
    const staff = await emu.call(token, 'admin', { action: 'staff', userInfo: { openId: 'demo-admin' } });
    expect(errorCode(staff)).toBe('FORBIDDEN');
  });

  it('functions whose actions come later answer INVALID_INPUT, not a crash', async () => {
    const token = await emu.login('customer');
    for (const fn of ['session', 'desk', 'routing', 'appointment', 'templates', 'stats']) {
      expect(errorCode(await emu.call(token, fn, { action: 'anything' }))).toBe('INVALID_INPUT');
    }
  });
});

describe('gateway in production mode', () => {
  it('refuses dev login and dev routes with 403', async () => {
    const prod = await startTestEmulator({ dev: false });
    try {
      const login = await prod.raw('/api/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"admin"}' });
      expect(login.status).toBe(403);
      expect((await prod.raw('/api/dev/trigger/admin', { method: 'POST', body: '{}' })).status).toBe(403);
      expect((await prod.raw('/api/dev/outbox')).status).toBe(403);
      expect((await prod.raw('/api/healthz')).status).toBe(200);
    } finally {
      await prod.close();
    }
  });
});
