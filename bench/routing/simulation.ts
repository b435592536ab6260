// Discrete-event simulation of one skill group under the REAL routing policy (core/routing: who is
// eligible, who is chosen, queue order), on a virtual clock, checked against Erlang C.
//
// M/M/c: Poisson arrivals, exponential handling, c agents of capacity 1. Like the server
// (cloudfunctions/_shared/conversations/assign.ts), assignment runs on every event that can make one
// possible — an arrival (hand-off) and a completion (close) — and takes the queue in queueOrder() while
// chooseAgent() finds someone: work-conserving. Any policy bug that leaves an agent idle while a
// customer waits shows up as idle time while waiting, and as a mean wait above the prediction.
import { chooseAgent, queueOrder, type AgentState, type QueueItem, type SelectionMode } from '../../core/routing';
import { erlangC, meanWait } from '../../core/queueing/erlang';

export interface Scenario {
  agents: number;
  /** Utilisation ρ = λ / (cμ). */
  load: number;
  /** Customers measured, after the warm-up ones. */
  customers: number;
  /** Customers served first and not measured, so the empty start does not bias the mean. */
  warmup: number;
  meanHandleSec: number;
  mode: SelectionMode;
  seed: number;
}

export interface SimulationResult {
  scenario: Scenario;
  lambdaPerSec: number;
  muPerSec: number;
  meanWaitSec: number;
  /** Half width of a 95% interval from 20 batch means (waits of neighbours are correlated). */
  ci95Sec: number;
  predictedWaitSec: number;
  /** (measured − predicted) / predicted. */
  relativeDiff: number;
  waitedShare: number;
  predictedWaitedShare: number;
  /** Σ over time of free agent places while the queue is not empty (agent-seconds). Must be 0. */
  idleWhileWaitingSec: number;
  maxQueue: number;
  /** Agent utilisation measured: busy agent-seconds ÷ (c × simulated seconds). */
  utilisation: number;
  simulatedHours: number;
  events: number;
  wallMs: number;
}

/** mulberry32: small, fast, and the same sequence on every run for a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exponential variate with the given rate (1 − u is in (0, 1], so the log is finite). */
const exponential = (random: () => number, rate: number): number => -Math.log(1 - random()) / rate;

const GROUP = 'grp-sim';
/** Virtual epoch: the policy compares epoch milliseconds (lastAssignedAt 0 means "never"). */
const T0 = Date.UTC(2026, 0, 1);
const BATCHES = 20;
/** Student t, 19 degrees of freedom, two-sided 95%. */
const T_19 = 2.093;

interface Waiting extends QueueItem {
  /** Arrival index: the first `warmup` ones are not measured. */
  n: number;
}

export function simulate(s: Scenario): SimulationResult {
  const started = performance.now();
  const random = rng(s.seed);
  const mu = 1 / s.meanHandleSec;
  const lambda = s.load * s.agents * mu;
  const total = s.warmup + s.customers;

  const agents: AgentState[] = Array.from({ length: s.agents }, (_, i) => ({
    id: `agent-${String(i).padStart(3, '0')}`,
    status: 'online',
    groups: [GROUP],
    capacity: 1,
    active: 0,
    lastAssignedAt: 0,
  }));
  // Conversations in service: when each ends and whose place it frees. At most c × capacity entries.
  const inService: Array<{ end: number; agent: AgentState }> = [];
  let queue: Waiting[] = [];

  let now = T0;
  let arrived = 0;
  let nextArrival = T0 + exponential(random, lambda) * 1000;
  let events = 0;
  let maxQueue = 0;
  let idleWhileWaitingMs = 0;
  let busyMs = 0;
  let measured = 0;
  let waitSumMs = 0;
  let waited = 0;
  const batchSums = new Array<number>(BATCHES).fill(0);
  const batchSize = Math.ceil(s.customers / BATCHES);

  // The server's assignQueued(), in one process: head of the queue to the chosen agent while both exist.
  const assign = () => {
    while (queue.length > 0) {
      const agent = chooseAgent(agents, GROUP, s.mode);
      if (!agent) return;
      const ordered = queueOrder(queue, now);
      const head = ordered[0]!;
      queue = ordered.slice(1);
      agent.active++;
      agent.lastAssignedAt = now;
      inService.push({ end: now + exponential(random, mu) * 1000, agent });
      if (head.n >= s.warmup) {
        const w = now - head.queuedAt;
        measured++;
        waitSumMs += w;
        if (w > 0) waited++;
        batchSums[Math.floor((head.n - s.warmup) / batchSize)]! += w;
      }
    }
  };

  while (arrived < total || inService.length > 0 || queue.length > 0) {
    let soonest = -1;
    for (let i = 0; i < inService.length; i++) if (soonest < 0 || inService[i]!.end < inService[soonest]!.end) soonest = i;
    const completionAt = soonest >= 0 ? inService[soonest]!.end : Infinity;
    const arrivalAt = arrived < total ? nextArrival : Infinity;
    const at = Math.min(completionAt, arrivalAt);

    // Between events nothing changes: free places while someone waits stay free until `at`.
    if (queue.length > 0) {
      const free = agents.reduce((sum, a) => sum + (a.status === 'online' ? Math.max(0, a.capacity - a.active) : 0), 0);
      idleWhileWaitingMs += free * (at - now);
    }
    busyMs += inService.length * (at - now);
    now = at;
    events++;

    if (completionAt <= arrivalAt) {
      const [done] = inService.splice(soonest, 1);
      done!.agent.active--;
    } else {
      queue.push({ id: `c${String(arrived).padStart(8, '0')}`, priority: 0, queuedAt: now, n: arrived });
      arrived++;
      nextArrival = now + exponential(random, lambda) * 1000;
    }
    assign();
    maxQueue = Math.max(maxQueue, queue.length);
  }

  const meanWaitSec = waitSumMs / measured / 1000;
  const batchMeans = batchSums.map((sum, i) => sum / Math.min(batchSize, s.customers - i * batchSize) / 1000);
  const sd = Math.sqrt(batchMeans.reduce((acc, m) => acc + (m - meanWaitSec) ** 2, 0) / (BATCHES - 1));
  const predictedWaitSec = meanWait(lambda, mu, s.agents);
  const simulatedMs = now - T0;
  return {
    scenario: s,
    lambdaPerSec: lambda,
    muPerSec: mu,
    meanWaitSec,
    ci95Sec: (T_19 * sd) / Math.sqrt(BATCHES),
    predictedWaitSec,
    relativeDiff: (meanWaitSec - predictedWaitSec) / predictedWaitSec,
    waitedShare: waited / measured,
    predictedWaitedShare: erlangC(s.agents, lambda / mu),
    idleWhileWaitingSec: idleWhileWaitingMs / 1000,
    maxQueue,
    utilisation: busyMs / (s.agents * simulatedMs),
    simulatedHours: simulatedMs / 3_600_000,
    events,
    wallMs: performance.now() - started,
  };
}
