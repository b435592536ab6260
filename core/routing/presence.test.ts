import { describe, expect, it } from 'vitest';
import { heartbeatEveryMs, isPresent } from './presence';

describe('presence', () => {
  it('an agent is present while the last beat is younger than the timeout', () => {
    expect(isPresent(1_000, 1_000 + 119_999, 120)).toBe(true);
    expect(isPresent(1_000, 1_000 + 120_000, 120)).toBe(false);
    expect(isPresent(0, Date.UTC(2026, 0, 1), 120)).toBe(false);
  });

  it('beats every 30 s, or a third of a shorter timeout (two beats may be missed), never under 1 s', () => {
    expect(heartbeatEveryMs(120)).toBe(30_000);
    expect(heartbeatEveryMs(3600)).toBe(30_000);
    expect(heartbeatEveryMs(60)).toBe(20_000);
    expect(heartbeatEveryMs(5)).toBe(1_666);
    expect(heartbeatEveryMs(1)).toBe(1_000);
  });
});
