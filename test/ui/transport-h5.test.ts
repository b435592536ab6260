import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../miniprogram/api/transport.h5';
import { getStorageSync, setStorageSync, taro } from './taro-shim';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A gateway stand-in: answers with the queued responses in order and records the requests. */
function gateway(...responses: Response[]) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      const next = responses.shift();
      if (!next) throw new Error('unexpected request ' + url);
      return next;
    }),
  );
  return sent;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  taro.reset();
});

describe('h5 transport', () => {
  it('logs in as a customer when there is no token, then posts the event with the bearer token', async () => {
    const sent = gateway(json({ token: 'tok-1', openid: 'o1', role: 'customer' }), json({ ok: true, data: [] }));
    await expect(invoke('faq', { action: 'categories' })).resolves.toEqual({ ok: true, data: [] });

    expect(sent[0].url).toBe('/api/dev/login');
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ role: 'customer' });
    expect(sent[1].url).toBe('/api/fn/faq');
    expect(sent[1].init.method).toBe('POST');
    expect(sent[1].init.headers).toEqual({ Authorization: 'Bearer tok-1', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(sent[1].init.body))).toEqual({ action: 'categories' });
    expect(getStorageSync('kefu.token')).toBe('tok-1');
  });

  it('logs in again with the same role once when the gateway answers 401', async () => {
    setStorageSync('kefu.token', 'stale');
    setStorageSync('kefu.devRole', 'agent');
    const sent = gateway(
      json({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'bad token' } }, 401),
      json({ token: 'fresh', openid: 'o2', role: 'agent' }),
      json({ ok: true, data: { role: 'agent' } }),
    );
    await expect(invoke('admin', { action: 'whoami' })).resolves.toEqual({ ok: true, data: { role: 'agent' } });
    expect(JSON.parse(String(sent[1].init.body))).toEqual({ role: 'agent' });
    expect(sent[2].init.headers).toMatchObject({ Authorization: 'Bearer fresh' });
  });

  it('passes a function envelope through even with an error status', async () => {
    setStorageSync('kefu.token', 't');
    gateway(json({ ok: false, error: { code: 'INVALID_INPUT', message: '不能为空' } }, 400));
    await expect(invoke('faq', { action: 'get', id: '' })).resolves.toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '不能为空' },
    });
  });

  it('turns a bare gateway status into ApiCallError', async () => {
    setStorageSync('kefu.token', 't');
    gateway(new Response('Payload Too Large', { status: 413 }));
    await expect(invoke('faq', { action: 'ask', text: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    gateway(new Response('', { status: 502 }));
    await expect(invoke('faq', { action: 'hot' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('reports a refused dev login (not in dev mode) as FORBIDDEN', async () => {
    gateway(new Response('', { status: 403 }));
    await expect(invoke('faq', { action: 'hot' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: '当前环境未开启开发者登录' });
  });
});
