// The function host behaves as CloudBase does: identity in the WX context, warm instances,
// one invocation per instance, callFunction between functions, timers, timeouts, crashes,
// subscribe messages into the outbox, signals over SSE.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const fixtures = path.join(ROOT, 'test/fixtures/functions');

describe('function host', () => {
  let emu: TestEmulator;
  const lines: string[] = [];
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: fixtures, maxInstances: 2, log: (l) => lines.push(l) });
  });
  afterAll(() => emu.close());

  it('passes identity through the WX context, with SOURCE wx_client, and keeps warm module state', async () => {
    const token = await emu.login('customer', { openid: 'ctx-user' });
    const first = (await emu.call(token, 'probe', { action: 'hello' })).body as { calls: number; openid: string; source: string; env: string; event: { userInfo: unknown } };
    expect(first).toMatchObject({ openid: 'ctx-user', source: 'wx_client', env: 'kefu-local' });
    expect(first.event.userInfo).toEqual({ appId: 'wx-demo-appid', openId: 'ctx-user' });
    const second = (await emu.call(token, 'probe', { action: 'hello' })).body as { calls: number };
    expect(second.calls).toBe(first.calls + 1);
    expect(lines.some((l) => /probe\.hello .*\(cold\)/.test(l))).toBe(true);
  });

  it('runs one invocation per instance and scales to the instance limit', async () => {
    const token = await emu.login('customer', { openid: 'load-user' });
    const results = await Promise.all(Array.from({ length: 6 }, () => emu.call(token, 'probe', { action: 'hello' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(emu.host.instanceCount('probe')).toBeLessThanOrEqual(2);
  });

  it('callFunction reaches the other function with the caller identity and SOURCE …,scf', async () => {
    const token = await emu.login('customer', { openid: 'chain-user' });
    const res = (await emu.call(token, 'caller', {})).body as { callee: { openid: string; source: string } };
    expect(res.callee).toMatchObject({ openid: 'chain-user', source: 'wx_client,scf' });
  });

  it('a function that throws, crashes or times out gets an error envelope; the host stays up', async () => {
    const token = await emu.login('customer', { openid: 'bad-user' });
    const thrown = await emu.call(token, 'probe', { action: 'throw' });
    expect(thrown.status).toBe(500);
    expect(thrown.body).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(thrown.body)).not.toContain('thrown on purpose');
    const slow = await emu.call(token, 'slow', {});
    expect(slow.status).toBe(504);
    expect(slow.body).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await emu.call(token, 'probe', { action: 'crash' });
    // The instance dies just after answering; wait until the host has retired it.
    const deadline = Date.now() + 5000;
    while (!lines.some((l) => l.includes('probe instance crashed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(lines.some((l) => l.includes('probe instance crashed'))).toBe(true);
    const after = await emu.call(token, 'probe', { action: 'hello' });
    expect(after.status).toBe(200);
  });

  it('the log masks personal data in what a caller sent (the error of a function, the action name)', async () => {
    const token = await emu.login('customer', { openid: 'log-user' });
    const thrown = await emu.call(token, 'probe', { action: 'throwWith', text: '手机 13812348000 邮箱 li@qq.com' });
    expect(thrown.body).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await emu.call(token, 'probe', { action: 'call-13900001111' });
    const logged = lines.join('\n');
    expect(logged).toContain('failed for 手机 138****8000 邮箱 l***@qq.com');
    expect(logged).toContain('probe.call-139****1111');
    expect(logged).not.toMatch(/13812348000|li@qq\.com|13900001111/);
  });

  it('subscribeMessage.send lands in the outbox exactly as WeChat would receive it', async () => {
    const token = await emu.login('customer', { openid: 'notify-user' });
    // WeChat refuses a send without a subscription (43101): subscribe first, as the h5 build does.
    const sub = await emu.raw('/api/dev/subscribe', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ accepted: ['tmpl-1'] }) });
    expect(sub.status).toBe(200);
    const sent = (await emu.call(token, 'probe', { action: 'notify' })).body as { errCode: number; msgid: unknown };
    expect(sent.errCode).toBe(0);
    expect(sent.msgid).toBeDefined();
    const outbox = (await (await emu.raw('/api/dev/outbox')).json()) as { data: Array<Record<string, unknown>> };
    expect(outbox.data[0]).toMatchObject({
      touser: 'notify-user',
      template_id: 'tmpl-1',
      page: 'pages/index/index',
      miniprogram_state: 'developer',
      data: { thing1: { value: '您的预约已确认' } },
    });
  });

  it('relays a signal document to the owner over SSE, and only to the owner', async () => {
    const token = await emu.login('customer', { openid: 'sse-user' });
    const other = await emu.login('customer', { openid: 'sse-other' });
    const ctrl = new AbortController();
    const otherCtrl = new AbortController();
    const res = await fetch(`${emu.url}/api/realtime?token=${token}`, { signal: ctrl.signal });
    const otherRes = await fetch(`${emu.url}/api/realtime?token=${other}`, { signal: otherCtrl.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const otherReader = otherRes.body!.getReader();
    const seen: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      while (!seen.join('').includes('event: signal')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen.push(decoder.decode(value));
      }
    })();
    await emu.call(token, 'probe', { action: 'signal' });
    await reading;
    expect(seen.join('')).toMatch(/event: signal\ndata: \{"seq":1,"kinds":\["test"\]/);
    const otherChunk = await otherReader.read();
    expect(new TextDecoder().decode(otherChunk.value)).not.toContain('event: signal');
    ctrl.abort();
    otherCtrl.abort();
    expect((await fetch(`${emu.url}/api/realtime?token=forged.token`)).status).toBe(401);
  });
});

describe('timer triggers', () => {
  it('fire on schedule with SOURCE wx_trigger and no OPENID', async () => {
    const lines: string[] = [];
    const emu = await startTestEmulator({ functionsDir: fixtures, timers: true, log: (l) => lines.push(l) });
    try {
      const deadline = Date.now() + 5000;
      while (!lines.some((l) => l.startsWith('timer probe/tick')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(lines.find((l) => l.startsWith('timer probe/tick'))).toMatch(/ok$/);
      const fired = await emu.raw('/api/dev/trigger/probe', { method: 'POST', body: '{}' });
      const body = (await fired.json()) as { data: { result: { openid: string; source: string; event: { Type: string; TriggerName: string } } } };
      expect(body.data.result).toMatchObject({ openid: '', source: 'wx_trigger', event: { Type: 'Timer', TriggerName: 'tick' } });
    } finally {
      await emu.close();
    }
  });
});
