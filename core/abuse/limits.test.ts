import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, parseRateOverrides, rateLimitedMessage, rateWindow, retryAfterSec } from './limits';

describe('rate windows', () => {
  it('puts calls of the same window on one counter and the next window on another', () => {
    const limit = { max: 20, windowSec: 10 };
    const a = rateWindow('u1', 'session.send', limit, 1_000_000_000);
    const b = rateWindow('u1', 'session.send', limit, 1_000_009_999);
    const c = rateWindow('u1', 'session.send', limit, 1_000_010_000);
    expect(a.id).toBe(b.id);
    expect(c.id).not.toBe(a.id);
    expect(a.endsAt).toBe(1_000_010_000);
    expect(rateWindow('u2', 'session.send', limit, 1_000_000_000).id).not.toBe(a.id);
    expect(rateWindow('u1', 'faq.ask', limit, 1_000_000_000).id).not.toBe(a.id);
  });

  it('says when to retry, in whole seconds, at least 1', () => {
    expect(retryAfterSec(10_000, 2_001)).toBe(8);
    expect(retryAfterSec(10_000, 9_999)).toBe(1);
    expect(retryAfterSec(10_000, 10_000)).toBe(1);
    expect(rateLimitedMessage(8)).toBe('操作太频繁，请 8 秒后再试');
  });

  it('limits messages to 20 per 10 s and codes strictly', () => {
    expect(RATE_LIMITS['session.send']).toEqual({ max: 20, windowSec: 10 });
    expect(RATE_LIMITS['admin.acceptInvite'].max).toBeLessThanOrEqual(10);
  });
});

describe('operator overrides', () => {
  it('reads limits and switches, and refuses anything malformed as a whole', () => {
    expect(parseRateOverrides(undefined)).toEqual({});
    expect(parseRateOverrides('{"faq.search":{"max":3,"windowSec":2},"session.send":null}')).toEqual({ 'faq.search': { max: 3, windowSec: 2 }, 'session.send': null });
    expect(parseRateOverrides('not json')).toBeNull();
    expect(parseRateOverrides('[1]')).toBeNull();
    expect(parseRateOverrides('{"faq.search":{"max":0,"windowSec":2}}')).toBeNull();
    expect(parseRateOverrides('{"faq.search":{"max":3}}')).toBeNull();
  });
});
