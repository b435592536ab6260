import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner } from './tokens';

describe('gateway tokens', () => {
  const signer = createSigner(randomBytes(32));

  it('round-trips the OPENID', () => {
    expect(signer.verify(signer.sign('demo-agent-1'))).toBe('demo-agent-1');
  });

  it('rejects forged, tampered, foreign and expired tokens', () => {
    const token = signer.sign('demo-customer-1');
    const [payload, sig] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'demo-admin', iat: Date.now() })).toString('base64url');
    expect(signer.verify(`${forgedPayload}.${sig}`)).toBeNull();
    expect(signer.verify(`${payload}.${sig!.slice(0, -2)}xx`)).toBeNull();
    expect(signer.verify(createSigner(randomBytes(32)).sign('demo-admin'))).toBeNull();
    expect(signer.verify('not-a-token')).toBeNull();
    expect(signer.verify('')).toBeNull();
    const old = signer.sign('demo-admin', Date.now() - 31 * 24 * 3600_000);
    expect(signer.verify(old)).toBeNull();
  });
});
