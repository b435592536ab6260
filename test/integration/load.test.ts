// The load bench (`npm run bench:load`, bench/load-driver.ts) in small: 20 customers and 4 agents
// chatting through the gateway for 8 s at a quick but human pace. No timing is asserted (speed is the
// bench's business); what must hold under any speed: no INTERNAL error and no error other than the
// expected ones, nobody above capacity at any commit, one claim per conversation, nobody lost, every
// acknowledged message in its history exactly once.
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load-driver';

describe('chat load (short)', () => {
  it('20 customers and 4 agents for 8 s: no unexpected error, every invariant holds', { timeout: 120_000 }, async () => {
    const r = await runLoad({ customers: 20, agents: 4, seconds: 8, seed: 11, paceMs: [800, 2000], pollMs: 500, heartbeatMs: 2000, closeAfterReplies: 1, prefix: 'short' });
    expect(Object.values(r.errors).filter((codes) => codes.INTERNAL)).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.violations).toEqual([]);
    // The load did happen (how much depends on the machine's speed, so only that it did).
    expect(r.claims).toBeGreaterThan(0);
    expect(r.acked).toBeGreaterThan(0);
    expect(r.latency['desk.inbox']?.count).toBeGreaterThan(0);
    expect(r.commitsChecked).toBeGreaterThan(0);
  });
});
