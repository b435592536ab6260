// Erlang C: the M/M/c queue (Poisson arrivals, exponential handling times, c agents of capacity 1,
// first come first served, nobody gives up). Used to check the routing benchmark against theory and
// for staffing advice ("how many agents to answer 80% within 20 s").
//
// Rates are per unit of time and times are in that same unit: with λ in customers per second and μ in
// conversations per second per agent (1 / mean handling seconds), waits come out in seconds.
// The offered load a = λ/μ is in Erlangs; the queue is stable only while a < c.
//
// Numerically stable for large c: Erlang B comes from the recursion B(0) = 1,
// B(k) = a·B(k−1) / (k + a·B(k−1)), whose terms stay in [0, 1], instead of a^c / c! (which overflows
// doubles past c ≈ 170), and Erlang C from B without any factorial.

function assertRates(lambda: number, mu: number): void {
  if (!Number.isFinite(lambda) || lambda < 0) throw new RangeError(`arrival rate must be a finite number ≥ 0, got ${lambda}`);
  if (!Number.isFinite(mu) || mu <= 0) throw new RangeError(`service rate must be a finite number > 0, got ${mu}`);
}

function assertServers(c: number): void {
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`agents must be an integer ≥ 0, got ${c}`);
}

/** One step of the Erlang B recursion: B(k) from B(k−1). */
const nextErlangB = (k: number, offered: number, previous: number): number => (offered * previous) / (k + offered * previous);

/** Erlang C from Erlang B of the same c and a (requires a < c). */
const erlangCFromB = (c: number, offered: number, b: number): number => (c * b) / (c - offered * (1 - b));

/** Erlang B: the share of customers blocked with c servers, no waiting room, offered load a Erlangs. */
export function erlangB(c: number, offered: number): number {
  assertServers(c);
  if (!Number.isFinite(offered) || offered < 0) throw new RangeError(`offered load must be a finite number ≥ 0, got ${offered}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = nextErlangB(k, offered, b);
  return b;
}

/**
 * Erlang C: the probability that a customer has to wait (all c agents busy on arrival), offered load
 * a Erlangs. 1 when a ≥ c: the queue grows without bound and (in the long run) everyone waits.
 */
export function erlangC(c: number, offered: number): number {
  assertServers(c);
  if (!Number.isFinite(offered) || offered < 0) throw new RangeError(`offered load must be a finite number ≥ 0, got ${offered}`);
  if (offered === 0) return 0;
  if (offered >= c) return 1;
  return erlangCFromB(c, offered, erlangB(c, offered));
}

/** P(wait > 0) for arrival rate λ, service rate μ per agent, c agents. */
export function waitProbability(lambda: number, mu: number, c: number): number {
  assertRates(lambda, mu);
  return erlangC(c, lambda / mu);
}

/** Mean wait in the queue Wq = C(c, a) / (cμ − λ), over all customers (those served at once count 0). Infinity when λ ≥ cμ. */
export function meanWait(lambda: number, mu: number, c: number): number {
  assertRates(lambda, mu);
  assertServers(c);
  if (lambda === 0) return 0;
  if (lambda >= c * mu) return Infinity;
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** P(wait ≤ t): the service level for a target answer time t, 1 − C(c, a)·e^{−(cμ−λ)t}. 0 when unstable. */
export function serviceLevel(lambda: number, mu: number, c: number, targetTime: number): number {
  assertRates(lambda, mu);
  assertServers(c);
  if (!Number.isFinite(targetTime) || targetTime < 0) throw new RangeError(`target time must be a finite number ≥ 0, got ${targetTime}`);
  if (lambda === 0) return 1;
  if (lambda >= c * mu) return 0;
  return 1 - erlangC(c, lambda / mu) * Math.exp(-(c * mu - lambda) * targetTime);
}

/** Beyond this many agents the answer is treated as a configuration mistake rather than searched for. */
export const MAX_AGENTS = 100_000;

/**
 * The fewest agents (capacity 1 each) for which at least `level` (0 < level < 1, e.g. 0.8) of customers
 * wait at most `targetTime` (e.g. 20 s), at arrival rate λ and service rate μ per agent. 0 when nobody
 * arrives. One pass of the Erlang B recursion: B is carried from c to c + 1 instead of recomputed.
 */
export function agentsNeeded(lambda: number, mu: number, targetTime: number, level: number): number {
  assertRates(lambda, mu);
  if (!Number.isFinite(targetTime) || targetTime < 0) throw new RangeError(`target time must be a finite number ≥ 0, got ${targetTime}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`service level must be strictly between 0 and 1, got ${level}`);
  if (lambda === 0) return 0;
  const offered = lambda / mu;
  let b = 1;
  for (let c = 1; c <= MAX_AGENTS; c++) {
    b = nextErlangB(c, offered, b);
    // Below the load the queue is unstable: no service level is met.
    if (offered >= c) continue;
    const met = 1 - erlangCFromB(c, offered, b) * Math.exp(-(c * mu - lambda) * targetTime);
    if (met >= level) return c;
  }
  throw new RangeError(`more than ${MAX_AGENTS} agents would be needed (offered load ${offered} Erlangs)`);
}
