// Chat images through the gateway (the h5 stand-in for cloud storage): upload, read back with a token,
// the refusals (401, 413, 400, 404, traversal), and a customer sending the uploaded image in a chat.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_MAX_BYTES } from '../../core/schemas/session.schema';
import { ENV_ID } from '../../emulator/server';
import { createFileStore } from '../../emulator/storage';
import { newChat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake png body')]);
const JPEG = (size: number) => {
  const bytes = Buffer.alloc(size, 0x42);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};
const GIF = Buffer.from('GIF89a tiny');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 data')]);

describe('storage (chat images)', () => {
  let emu: TestEmulator;
  let customer: string;
  let customerId: string;
  const logs: string[] = [];

  const upload = (token: string | null, body: Buffer | string, ext: string | null = 'png', type = 'image/png') => {
    const headers: Record<string, string> = { 'content-type': type };
    if (token) headers.authorization = `Bearer ${token}`;
    return emu.raw(`/api/upload${ext === null ? '' : `?ext=${ext}`}`, { method: 'POST', headers, body });
  };
  const uploaded = async (token: string, body: Buffer, ext = 'png', type = 'image/png') => {
    const res = await upload(token, body, ext, type);
    expect(res.status).toBe(200);
    return ((await res.json()) as { fileID: string }).fileID;
  };
  const pathOf = (fileID: string) => fileID.slice(`cloud://${ENV_ID}/`.length);
  const get = (p: string, token: string | null) => emu.raw(`/api/files/${p}${token ? `?token=${encodeURIComponent(token)}` : ''}`);

  beforeAll(async () => {
    emu = await startTestEmulator({ log: (line) => logs.push(line) });
    customerId = `img-customer-${process.pid}`;
    customer = await emu.login('customer', { openid: customerId });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('uploads an image under the caller’s folder and serves it back to any signed-in user', async () => {
    const fileID = await uploaded(customer, PNG);
    expect(fileID).toMatch(new RegExp(`^cloud://${ENV_ID}/chat/${customerId}/[0-9a-f]{32}\\.png$`));

    const res = await get(pathOf(fileID), customer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);

    // agents see what customers sent them
    const agent = await emu.login('agent');
    expect((await get(pathOf(fileID), agent)).status).toBe(200);
    const head = await emu.raw(`/api/files/${pathOf(fileID)}?token=${encodeURIComponent(agent)}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(PNG.length));
  });

  it('takes every accepted type, with each one’s Content-Type, and images over the 64 KiB function limit', async () => {
    const cases: Array<[Buffer, string, string]> = [
      [JPEG(200 * 1024), 'jpg', 'image/jpeg'],
      [JPEG(1000), 'jpeg', 'image/jpeg'],
      [GIF, 'gif', 'image/gif'],
      [WEBP, 'webp', 'image/webp'],
    ];
    for (const [body, ext, type] of cases) {
      const fileID = await uploaded(customer, body, ext, type);
      const res = await get(pathOf(fileID), customer);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect((await res.arrayBuffer()).byteLength).toBe(body.length);
    }
  });

  it('401 without a valid token, to upload or to read', async () => {
    const fileID = await uploaded(customer, PNG);
    const noToken = await upload(null, PNG);
    expect(noToken.status).toBe(401);
    expect(errorCode({ body: (await noToken.json()) as Record<string, unknown> })).toBe('UNAUTHENTICATED');
    expect((await upload('garbage.token', PNG)).status).toBe(401);
    expect((await get(pathOf(fileID), null)).status).toBe(401);
    const [payload] = customer.split('.');
    expect((await get(pathOf(fileID), `${payload}.forged`)).status).toBe(401);
  });

  it('413 past the image limit', async () => {
    const res = await upload(customer, JPEG(IMAGE_MAX_BYTES + 1), 'jpg', 'image/jpeg');
    expect(res.status).toBe(413);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(body.error.message).toContain('图片过大');
    expect((await emu.raw('/api/healthz')).status).toBe(200);
  });

  it('400 for what is not an image of an accepted type, whatever it claims', async () => {
    const refused: Array<[Buffer | string, string | null, string]> = [
      ['just some text', 'png', 'image/png'], // no image bytes
      [Buffer.alloc(0), 'png', 'image/png'], // empty
      [PNG, 'exe', 'image/png'], // extension not accepted
      [PNG, 'svg', 'image/svg+xml'],
      [PNG, null, 'image/png'], // no extension
      [PNG, 'png', 'text/plain'], // not sent as an image
      [PNG, 'jpg', 'image/jpeg'], // bytes and extension disagree
      ['<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'gif', 'image/gif'],
    ];
    for (const [body, ext, type] of refused) {
      const res = await upload(customer, body, ext, type);
      expect(res.status, `${ext} ${type}`).toBe(400);
      const answer = (await res.json()) as { error: { code: string; message: string } };
      expect(answer.error).toMatchObject({ code: 'INVALID_INPUT', message: '图片格式不支持' });
    }
  });

  it('404 for an unknown file; paths that are not exactly a chat image never reach the store', async () => {
    expect((await get(`chat/${customerId}/${'a'.repeat(32)}.png`, customer)).status).toBe(404);
    const fileID = await uploaded(customer, PNG);
    const p = pathOf(fileID);
    const name = p.split('/').pop()!;
    const attempts = [
      `chat/${customerId}/..%2F..%2Fkefu.sqlite`,
      `chat/${customerId}/%2e%2e/%2e%2e/gateway.secret`,
      `chat/..%2F..%2Fgateway.secret/${name}`,
      `chat%2F${customerId}%2F${name}`,
      `chat/${customerId}//${name}`,
      `chat/${customerId}/${name}/x`,
      `chat/${customerId}/${name}%00.png`,
      `chat/${customerId}/${name.toUpperCase()}`,
      `other/${customerId}/${name}`,
      `${p}.png`,
      'gateway.secret',
      '',
    ];
    for (const attempt of attempts) {
      const res = await get(attempt, customer);
      expect(res.status, attempt).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect((await emu.raw(`/api/files/${p}?token=${encodeURIComponent(customer)}`, { method: 'POST' })).status).toBe(404);
  });

  it('never logs a token', () => {
    expect(logs.some((line) => line.startsWith('upload chat/'))).toBe(true);
    expect(logs.some((line) => line.includes(customer) || line.includes('token='))).toBe(false);
  });

  it('a customer sends an uploaded image in their chat; someone else’s image is refused', async () => {
    const chat = await newChat(emu, { prefix: 'img-chat' });
    const fileID = await uploaded(chat.token, PNG);
    data(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, image: fileID }));
    const history = data<{ messages: Array<{ from: string; kind: string; image?: string; text: string }> }>(
      await emu.call(chat.token, 'session', { action: 'history', conversationId: chat.conversationId }),
    );
    expect(history.messages).toContainEqual(expect.objectContaining({ from: 'customer', kind: 'image', image: fileID }));

    const theirs = await uploaded(customer, PNG);
    expect(errorCode(await emu.call(chat.token, 'session', { action: 'send', conversationId: chat.conversationId, image: theirs }))).toBe('FORBIDDEN');
  });
});

describe('file store on disk', () => {
  it('keeps files under <dataDir>/files and refuses paths outside it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-files-'));
    try {
      const store = createFileStore(dir);
      await store.put('chat/u1/abc.png', PNG);
      expect(fs.readFileSync(path.join(dir, 'files', 'chat', 'u1', 'abc.png')).equals(PNG)).toBe(true);
      expect((await store.get('chat/u1/abc.png'))?.equals(PNG)).toBe(true);
      expect(await store.get('chat/u1/missing.png')).toBeNull();
      await expect(store.get('../outside.png')).rejects.toThrow();
      await expect(store.put('../../outside.png', PNG)).rejects.toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
