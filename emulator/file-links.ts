// Signed, expiring links for cloud storage, as CloudBase's temporary URLs and COS upload URLs are:
// `?e=<expiry ms>&sign=<hmac>` over what the link may do (`get` or `put`) and the file's path.
// Whoever holds a link may use it until it expires; nothing else opens a file through it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkUse = 'get' | 'put';

export interface LinkSigner {
  /** `e=…&sign=…` for `use` of `filePath` until `expiresAt` (ms). */
  query(use: LinkUse, filePath: string, expiresAt: number): string;
  /** Whether `e`/`sign` from a request allow `use` of `filePath` now. */
  verify(use: LinkUse, filePath: string, e: string | null, sign: string | null, now?: number): boolean;
}

/** Keyed by a key derived from the gateway secret, so a session token can never pass for a link. */
export function createLinkSigner(secret: Buffer): LinkSigner {
  const key = createHmac('sha256', secret).update('kefu file links').digest();
  const mac = (use: LinkUse, filePath: string, expiresAt: number) => createHmac('sha256', key).update(`${use}\n${expiresAt}\n${filePath}`).digest();
  return {
    query(use, filePath, expiresAt) {
      return `e=${expiresAt}&sign=${mac(use, filePath, expiresAt).toString('base64url')}`;
    },
    verify(use, filePath, e, sign, now = Date.now()) {
      if (!e || !sign || !/^\d{1,15}$/.test(e)) return false;
      const expiresAt = Number(e);
      if (expiresAt < now) return false;
      const expected = mac(use, filePath, expiresAt);
      const given = Buffer.from(sign, 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
