import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLinkSigner } from './file-links';

describe('file links', () => {
  const links = createLinkSigner(randomBytes(32));
  const parse = (q: string) => new URLSearchParams(q);

  it('verifies its own links until they expire, for the path and use signed only', () => {
    const q = parse(links.query('get', 'exports/abc.csv', 10_000));
    expect(links.verify('get', 'exports/abc.csv', q.get('e'), q.get('sign'), 9_999)).toBe(true);
    expect(links.verify('get', 'exports/abc.csv', q.get('e'), q.get('sign'), 10_001)).toBe(false);
    expect(links.verify('get', 'exports/abd.csv', q.get('e'), q.get('sign'), 0)).toBe(false);
    expect(links.verify('put', 'exports/abc.csv', q.get('e'), q.get('sign'), 0)).toBe(false);
    expect(links.verify('get', 'exports/abc.csv', '20000', q.get('sign'), 0)).toBe(false);
    expect(links.verify('get', 'exports/abc.csv', null, null, 0)).toBe(false);
    expect(createLinkSigner(randomBytes(32)).verify('get', 'exports/abc.csv', q.get('e'), q.get('sign'), 0)).toBe(false);
  });
});
