// The h5 chat-image client against a stand-in gateway: what it posts, the re-login on 401, the Chinese errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileUrl, uploadChatImage } from '../../miniprogram/api/files.h5';
import { setStorageSync, taro } from './taro-shim';

interface Sent {
  url: string;
  init?: RequestInit;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** The picked blob (first fetch), then the queued gateway answers in order. */
function gateway(picked: Blob, ...responses: Response[]) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      sent.push({ url, init });
      // jsdom's Blob does not survive a real Response: hand the picked blob back as the browser would.
      if (url.startsWith('blob:')) return { ok: true, status: 200, blob: async () => picked } as Response;
      const next = responses.shift();
      if (!next) throw new Error('unexpected request ' + url);
      return next;
    }),
  );
  return sent;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  taro.reset();
});

describe('h5 files', () => {
  it('posts the picked bytes with the bearer token and the extension of their type', async () => {
    setStorageSync('kefu.token', 'tok-1');
    const fileID = 'cloud://kefu-local/chat/o1/0123456789abcdef0123456789abcdef.png';
    const sent = gateway(new Blob([PNG], { type: 'image/png' }), json({ fileID }));
    await expect(uploadChatImage('blob:http://local/1', 'o1')).resolves.toBe(fileID);
    expect(sent[1]!.url).toBe('/api/upload?ext=png');
    expect(sent[1]!.init).toMatchObject({ method: 'POST', headers: { Authorization: 'Bearer tok-1', 'Content-Type': 'image/png' } });
  });

  it('logs in again once on 401', async () => {
    setStorageSync('kefu.token', 'stale');
    setStorageSync('kefu.devRole', 'agent');
    const fileID = 'cloud://kefu-local/chat/o2/0123456789abcdef0123456789abcdef.jpg';
    const sent = gateway(
      new Blob([PNG], { type: 'image/jpeg' }),
      json({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }, 401),
      json({ token: 'fresh', openid: 'o2', role: 'agent' }),
      json({ fileID }),
    );
    await expect(uploadChatImage('blob:http://local/2', 'o2')).resolves.toBe(fileID);
    expect(sent[3]!.init?.headers).toMatchObject({ Authorization: 'Bearer fresh' });
  });

  it('refuses too large or unsupported images in Chinese, before or after the gateway', async () => {
    setStorageSync('kefu.token', 'tok-1');
    gateway(new Blob([new Uint8Array(5 * 1024 * 1024 + 1)], { type: 'image/png' }));
    await expect(uploadChatImage('blob:http://local/3', 'o1')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('图片过大') });
    gateway(new Blob(['<svg/>'], { type: 'image/svg+xml' }));
    await expect(uploadChatImage('blob:http://local/4', 'o1')).rejects.toMatchObject({ message: expect.stringContaining('图片格式不支持') });
    gateway(new Blob([PNG], { type: 'image/png' }), json({ ok: false, error: { code: 'INVALID_INPUT', message: '图片格式不支持' } }, 400));
    await expect(uploadChatImage('blob:http://local/5', 'o1')).rejects.toMatchObject({ message: expect.stringContaining('图片格式不支持') });
    gateway(new Blob([PNG], { type: 'image/png' }), new Response('oops', { status: 500 }));
    await expect(uploadChatImage('blob:http://local/6', 'o1')).rejects.toMatchObject({ code: 'UNAVAILABLE', message: '上传失败，请重试' });
  });

  it('fileUrl: the gateway path with the stored token', () => {
    setStorageSync('kefu.token', 'a.b+c');
    expect(fileUrl('cloud://kefu-local/chat/o1/0123456789abcdef0123456789abcdef.png')).toBe('/api/files/chat/o1/0123456789abcdef0123456789abcdef.png?token=a.b%2Bc');
    expect(fileUrl('https://example.com/x.png')).toBe('https://example.com/x.png');
  });
});
