import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangB, erlangC, meanWait, serviceLevel, waitProbability } from './erlang';

// An independent reference: the textbook sums a^k / k!, evaluated in log space (log-sum-exp) so it
// does not overflow either; agreeing with it checks the recursion, not just its own algebra.
function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}
function logSumExp(xs: number[]): number {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
}
function referenceErlangB(c: number, a: number): number {
  const terms = Array.from({ length: c + 1 }, (_, k) => k * Math.log(a) - logFactorial(k));
  return Math.exp(terms[c]! - logSumExp(terms));
}
function referenceErlangC(c: number, a: number): number {
  const below = Array.from({ length: c }, (_, k) => k * Math.log(a) - logFactorial(k));
  const top = c * Math.log(a) - logFactorial(c) + Math.log(c / (c - a));
  return Math.exp(top - logSumExp([...below, top]));
}

describe('Erlang B and C', () => {
  it('matches closed forms for small systems', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(1, 2)).toBeCloseTo(2 / 3, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    // M/M/1: P(wait) = ρ; M/M/2: 2ρ² / (1 + ρ).
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 15);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
    expect(erlangC(2, 1.6)).toBeCloseTo((2 * 0.8 ** 2) / 1.8, 15);
  });

  it('matches the published Erlang B table (10 lines, 10 Erlangs: 21.46% blocked)', () => {
    expect(erlangB(10, 10)).toBeCloseTo(0.2146, 4);
  });

  it('agrees with the log-space textbook formula up to 200 agents, where a^c / c! overflows doubles', () => {
    expect(160 ** 200).toBe(Infinity);
    for (const [c, a] of [
      [5, 4],
      [10, 8],
      [50, 45],
      [171, 150],
      [200, 160],
      [200, 199.5],
    ] as const) {
      expect(erlangB(c, a)).toBeCloseTo(referenceErlangB(c, a), 12);
      const C = erlangC(c, a);
      expect(Number.isFinite(C)).toBe(true);
      expect(Math.abs(C - referenceErlangC(c, a)) / referenceErlangC(c, a)).toBeLessThan(1e-10);
    }
  });

  it('everyone waits when the load reaches the agents; nobody when there is no load', () => {
    expect(erlangC(5, 5)).toBe(1);
    expect(erlangC(5, 7)).toBe(1);
    expect(erlangC(5, 0)).toBe(0);
    expect(meanWait(5, 1, 5)).toBe(Infinity);
    expect(serviceLevel(6, 1, 5, 20)).toBe(0);
    expect(meanWait(0, 1, 3)).toBe(0);
  });

  it('rejects meaningless inputs', () => {
    expect(() => erlangB(-1, 1)).toThrow(RangeError);
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangC(2, Number.NaN)).toThrow(RangeError);
    expect(() => meanWait(1, 0, 2)).toThrow(RangeError);
    expect(() => waitProbability(-1, 1, 2)).toThrow(RangeError);
    expect(() => serviceLevel(1, 1, 2, -5)).toThrow(RangeError);
  });
});

describe('M/M/c waits', () => {
  it('mean wait: M/M/1 gives ρ / (μ − λ); M/M/c gives C / (cμ − λ)', () => {
    expect(meanWait(0.8, 1, 1)).toBeCloseTo(4, 12);
    // c = 5, ρ = 0.8, mean handling 300 s.
    const mu = 1 / 300;
    const lambda = 0.8 * 5 * mu;
    expect(waitProbability(lambda, mu, 5)).toBeCloseTo(erlangC(5, 4), 15);
    expect(meanWait(lambda, mu, 5)).toBeCloseTo(erlangC(5, 4) / (5 * mu - lambda), 9);
    expect(meanWait(lambda, mu, 5)).toBeCloseTo(0.5541 * 300, 0);
  });

  it('more agents never make the wait longer nor the service level lower', () => {
    let wait = Infinity;
    let level = 0;
    for (let c = 11; c <= 25; c++) {
      const w = meanWait(10, 1, c);
      const sl = serviceLevel(10, 1, c, 0.1);
      expect(w).toBeLessThan(wait);
      expect(sl).toBeGreaterThan(level);
      wait = w;
      level = sl;
    }
  });

  it('service level: P(wait ≤ 0) = 1 − C, and it tends to 1 for long targets', () => {
    expect(serviceLevel(4, 1, 5, 0)).toBeCloseTo(1 - erlangC(5, 4), 15);
    expect(serviceLevel(4, 1, 5, 1e6)).toBeCloseTo(1, 12);
  });
});

describe('agentsNeeded', () => {
  it('is the fewest agents that meet the target', () => {
    // 200 chats an hour, 3 minutes each (10 Erlangs), 80% answered within 20 s.
    const lambda = 200 / 3600;
    const mu = 1 / 180;
    const c = agentsNeeded(lambda, mu, 20, 0.8);
    expect(c).toBe(14);
    expect(serviceLevel(lambda, mu, c, 20)).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel(lambda, mu, c - 1, 20)).toBeLessThan(0.8);
  });

  it('always staffs above the offered load, even for a lax target', () => {
    expect(agentsNeeded(4, 1, 1000, 0.01)).toBe(5);
    expect(agentsNeeded(4.5, 1, 0, 0.01)).toBe(5);
  });

  it('handles large centres (offered load 180 Erlangs) and no arrivals', () => {
    const c = agentsNeeded(180, 1, 0.05, 0.9);
    expect(c).toBeGreaterThan(180);
    expect(c).toBeLessThan(220);
    expect(serviceLevel(180, 1, c, 0.05)).toBeGreaterThanOrEqual(0.9);
    expect(serviceLevel(180, 1, c - 1, 0.05)).toBeLessThan(0.9);
    expect(agentsNeeded(0, 1, 20, 0.8)).toBe(0);
  });

  it('rejects a service level outside (0, 1)', () => {
    expect(() => agentsNeeded(1, 1, 20, 1)).toThrow(RangeError);
    expect(() => agentsNeeded(1, 1, 20, 0)).toThrow(RangeError);
    expect(() => agentsNeeded(1, 1, Number.NaN, 0.8)).toThrow(RangeError);
  });
});
