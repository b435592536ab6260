import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../core/envelope';
import {
  DATA_KEYS_ENV,
  UNREADABLE,
  generateKeySpec,
  keyring,
  open,
  openFields,
  openJson,
  openWith,
  parseKeyring,
  seal,
  sealFields,
  sealJson,
  sealWith,
  sealedKeyId,
} from './seal';

const k1 = generateKeySpec('k1');
const k2 = generateKeySpec('k2');

describe('sealing with a keyring', () => {
  const ring = parseKeyring(k1);

  it('round-trips text, including Chinese and emoji, with a fresh IV each time', () => {
    const text = '我的电话是 13812345678 😀';
    const a = sealWith(ring, text, 'messages.text');
    const b = sealWith(ring, text, 'messages.text');
    expect(a).toMatch(/^kd1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('138');
    expect(openWith(ring, a, 'messages.text')).toEqual({ ok: true, value: text });
    expect(sealedKeyId(a)).toBe('k1');
  });

  it('detects a tampered ciphertext, IV or tag', () => {
    const sealed = sealWith(ring, 'hello', 'messages.text');
    const [p, id, iv, body] = sealed.split('.') as [string, string, string, string];
    const flip = (s: string, i: number) => {
      const buf = Buffer.from(s, 'base64url');
      buf[i] = buf[i]! ^ 1;
      return buf.toString('base64url');
    };
    for (const bad of [`${p}.${id}.${iv}.${flip(body, 0)}`, `${p}.${id}.${flip(iv, 3)}.${body}`, `${p}.${id}.${iv}.${flip(body, Buffer.from(body, 'base64url').length - 1)}`]) {
      expect(openWith(ring, bad, 'messages.text').ok).toBe(false);
    }
    expect(openWith(ring, `${p}.${id}.${iv}`, 'messages.text').ok).toBe(false);
  });

  it('refuses a value moved to another field (the field is the AAD)', () => {
    const sealed = sealWith(ring, '13812345678', 'appointments.phone');
    expect(openWith(ring, sealed, 'appointments.note')).toEqual({ ok: false, reason: 'authentication failed (key k1)' });
  });

  it('names an unknown key id', () => {
    const other = parseKeyring(k2);
    expect(openWith(other, sealWith(ring, 'x', 'messages.text'), 'messages.text')).toEqual({ ok: false, reason: 'unknown key id k1' });
  });

  it('passes plain values (written before encryption) through', () => {
    expect(openWith(ring, '旧的明文消息', 'messages.text')).toEqual({ ok: true, value: '旧的明文消息' });
    expect(openWith(null, '旧的明文消息', 'messages.text')).toEqual({ ok: true, value: '旧的明文消息' });
    expect(sealedKeyId('旧的明文消息')).toBeNull();
  });

  it('reads values of an older key after rotation and seals with the new first key', () => {
    const old = sealWith(ring, '老钥匙写的', 'messages.text');
    const rotated = parseKeyring(`${k2},${k1}`);
    expect(rotated.current.id).toBe('k2');
    expect(openWith(rotated, old, 'messages.text')).toEqual({ ok: true, value: '老钥匙写的' });
    expect(sealedKeyId(sealWith(rotated, 'new', 'messages.text'))).toBe('k2');
  });

  it('rejects malformed key lists without echoing key material', () => {
    expect(() => parseKeyring('')).toThrow(/empty/);
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/not 32 bytes/);
    expect(() => parseKeyring('bad.id:' + Buffer.alloc(32).toString('base64'))).toThrow(/key id/);
    expect(() => parseKeyring(`${k1},${k1}`)).toThrow(/twice/);
    try {
      parseKeyring('k1:c2hvcnQ=');
    } catch (err) {
      expect(String(err)).not.toContain('c2hvcnQ');
    }
  });

  it('keeps the empty string empty (nothing to protect)', () => {
    expect(sealWith(ring, '', 'messages.text')).toBe('');
  });
});

describe('sealing from the environment', () => {
  const saved = process.env[DATA_KEYS_ENV];
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[DATA_KEYS_ENV];
    else process.env[DATA_KEYS_ENV] = saved;
    vi.restoreAllMocks();
  });

  it('fails closed without a key: UNAVAILABLE in Chinese, a server log naming KEFU_DATA_KEYS, never plaintext', () => {
    delete process.env[DATA_KEYS_ENV];
    expect(keyring()).toBeNull();
    let thrown: unknown;
    try {
      seal('13812345678', 'messages.text');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('UNAVAILABLE');
    expect((thrown as AppError).message).toMatch(/密钥/);
    const logged = vi.mocked(console.error).mock.calls.flat().join(' ');
    expect(logged).toContain('KEFU_DATA_KEYS');
    expect(logged).not.toContain('13812345678');
  });

  it('shows a placeholder for what cannot be opened, and logs without the value', () => {
    process.env[DATA_KEYS_ENV] = k1;
    const sealed = seal('机密内容', 'messages.text');
    process.env[DATA_KEYS_ENV] = k2;
    expect(open(sealed, 'messages.text')).toBe(UNREADABLE);
    const logged = vi.mocked(console.error).mock.calls.flat().join(' ');
    expect(logged).toContain('unknown key id k1');
    expect(logged).not.toContain(sealed);
    process.env[DATA_KEYS_ENV] = `${k2},${k1}`;
    expect(open(sealed, 'messages.text')).toBe('机密内容');
  });

  it('seals and opens the protected fields of a document, nested ones too, without touching the others', () => {
    process.env[DATA_KEYS_ENV] = k1;
    const doc = { _id: 'c1', lastText: '最后一句', rating: { score: 5, comment: '很好' }, customerName: '张三' };
    const sealed = sealFields('conversations', doc);
    expect(sealed.lastText).toMatch(/^kd1\.k1\./);
    expect(sealed.rating.comment).toMatch(/^kd1\.k1\./);
    expect(sealed.rating.score).toBe(5);
    expect(sealed.customerName).toBe('张三');
    expect(doc.lastText).toBe('最后一句');
    expect(openFields('conversations', sealed)).toEqual(doc);
    // A sealed lastText does not open as a rating comment.
    expect(open(sealed.lastText, 'conversations.rating.comment')).toBe(UNREADABLE);
  });

  it('seals a JSON value as one string', () => {
    process.env[DATA_KEYS_ENV] = k1;
    const data = { thing1: { value: '张三' } };
    const sealed = sealJson(data, 'notifications.data');
    expect(sealed).not.toContain('张三');
    expect(openJson(sealed, 'notifications.data', {})).toEqual(data);
    expect(openJson(data, 'notifications.data', {})).toEqual(data);
  });
});
