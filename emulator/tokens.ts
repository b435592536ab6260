// Gateway session tokens for the H5 build: `base64url(payload).base64url(hmac)`.
// The token carries only the OPENID; the role is read from the database on every call.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const MAX_AGE_MS = 30 * 24 * 3600_000;

export interface TokenSigner {
  sign(openid: string, now?: number): string;
  /** The OPENID of a valid, unexpired token; null otherwise. */
  verify(token: string, now?: number): string | null;
}

export function createSigner(secret: Buffer): TokenSigner {
  const mac = (data: string) => createHmac('sha256', secret).update(data).digest();
  return {
    sign(openid, now = Date.now()) {
      const payload = Buffer.from(JSON.stringify({ sub: openid, iat: now })).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(token, now = Date.now()) {
      const [payload, sig] = token.split('.');
      if (!payload || !sig) return null;
      const expected = mac(payload);
      const given = Buffer.from(sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const body = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: unknown; iat?: unknown };
        if (typeof body.sub !== 'string' || typeof body.iat !== 'number' || now - body.iat > MAX_AGE_MS) return null;
        return body.sub;
      } catch {
        return null;
      }
    },
  };
}

/** A secret kept beside the data, so tokens survive a restart; a fresh one for in-memory data. */
export function loadSecret(dataDir: string | null): Buffer {
  if (!dataDir) return randomBytes(32);
  const file = path.join(dataDir, 'gateway.secret');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  const secret = randomBytes(32);
  fs.writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}
