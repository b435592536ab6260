// `npm run bench:routing`: the routing policy, measured two ways.
// Part 1: a discrete-event simulation that drives the real policy (core/routing) through M/M/c at
//   ρ = 0.8 on a virtual clock; the mean wait must be within 10% of Erlang C and no agent may sit idle
//   while someone waits.
// Part 2: a live load through the gateway of an in-process emulator (10 agents, 200 customers handing
//   over at once); latencies, assignments per second and the invariants checked on the database.
// Exits 1 when a check fails. `--sim` or `--live` runs one part only.
import os from 'node:os';
import { DEFAULT_HANDLE_SECONDS } from '../core/routing';
import { buildStaleFunctions } from '../scripts/build-functions';
import { runLive, type LiveResult } from './routing/live';
import { simulate, type SimulationResult } from './routing/simulation';

const MAX_RELATIVE_DIFF = 0.1;
const only = process.argv.includes('--sim') ? 'sim' : process.argv.includes('--live') ? 'live' : null;
const failures: string[] = [];

const fixed = (x: number, digits = 1) => x.toFixed(digits);
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

function printSimulation(results: SimulationResult[]): void {
  console.log('\n1. Simulation: the real policy (chooseAgent + queueOrder) under M/M/c, ρ = 0.8, virtual clock');
  console.log(`   Poisson arrivals, exponential handling (mean ${DEFAULT_HANDLE_SECONDS} s), agents of capacity 1, fixed seed`);
  const header = ['c', 'mode', 'customers', 'Wq sim (s)', '±95%', 'Wq Erlang C', 'diff', 'P(wait) sim', 'Erlang C', 'util', 'max queue', 'idle while waiting', 'wall'];
  const widths = [4, 13, 11, 11, 7, 12, 8, 12, 9, 7, 10, 19, 8];
  console.log(`   ${header.map((h, i) => h.padStart(widths[i]!)).join('')}`);
  for (const r of results) {
    const row = [
      String(r.scenario.agents),
      r.scenario.mode,
      int(r.scenario.customers),
      fixed(r.meanWaitSec),
      fixed(r.ci95Sec),
      fixed(r.predictedWaitSec),
      pct(r.relativeDiff),
      fixed(r.waitedShare, 4),
      fixed(r.predictedWaitedShare, 4),
      fixed(r.utilisation, 3),
      String(r.maxQueue),
      `${fixed(r.idleWhileWaitingSec, 0)} agent-s`,
      `${fixed(r.wallMs / 1000)} s`,
    ];
    console.log(`   ${row.map((c, i) => c.padStart(widths[i]!)).join('')}`);
    const name = `c=${r.scenario.agents} ${r.scenario.mode}`;
    if (!(Math.abs(r.relativeDiff) <= MAX_RELATIVE_DIFF)) failures.push(`${name}: mean wait ${fixed(r.meanWaitSec)} s is ${pct(r.relativeDiff)} off Erlang C (${fixed(r.predictedWaitSec)} s), more than ±10%`);
    if (r.idleWhileWaitingSec !== 0) failures.push(`${name}: agents idle ${fixed(r.idleWhileWaitingSec)} agent-seconds while customers waited`);
  }
  console.log(`   (${int(results[0]!.scenario.warmup)} warm-up customers per run not measured; ±95% from 20 batch means)`);
}

function printLive(r: LiveResult): void {
  console.log(`\n2. Live: ${r.agents.length} agents (capacities ${r.agents.map((a) => a.capacity).join(',')}; ${r.agents.reduce((s, a) => s + a.capacity, 0)} places), ${r.customers} customers handing over at once, through the gateway`);
  console.log(`   assignments: ${r.assigned} in ${fixed(r.lastAssignmentMs / 1000, 2)} s → ${fixed(r.assignmentsPerSec)} assignments/s`);
  console.log(`   total: first hand-off → last close ${fixed(r.totalMs / 1000, 2)} s; wait (hand-off → assignment, from events) p50 ${r.wait.p50} s, p99 ${r.wait.p99} s, max ${r.wait.max} s`);
  console.log('   latency through the gateway (ms):');
  console.log(`     ${'action'.padEnd(18)}${'calls'.padStart(7)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}`);
  for (const [label, l] of Object.entries(r.latency)) {
    console.log(`     ${label.padEnd(18)}${String(l.count).padStart(7)}${fixed(l.p50).padStart(9)}${fixed(l.p99).padStart(9)}${fixed(l.max).padStart(9)}`);
  }
  const errs = Object.entries(r.errors).map(([label, codes]) => `${label} ${Object.entries(codes).map(([c, n]) => `${c}×${n}`).join(' ')}`);
  console.log(`   errors answered: ${errs.length > 0 ? errs.join('; ') : 'none'}; messages sent after the chat was closed (refused, expected): ${r.sendsAfterClose}`);
  console.log(`   served per agent: ${r.agents.map((a) => `${a.served} (cap ${a.capacity}, max held ${a.maxActive})`).join(', ')}`);
  console.log(`   invariants: checked after ${int(r.commitsChecked)} commits and ${int(r.inboxChecked)} inbox reads; ${r.closed}/${r.customers} closed`);
  if (r.violationCount === 0) console.log('     ✓ nobody above capacity, agent_load = conversations held, one claim per conversation, nobody lost');
  for (const v of r.violations) {
    console.log(`     ✗ ${v}`);
  }
  if (r.violationCount > 0) failures.push(`live: ${r.violationCount} invariant violation(s)`);
}

async function main(): Promise<void> {
  console.log(`Kefu Desk routing benchmark — ${os.cpus().length} cores, Node ${process.version}`);
  if (only !== 'live') {
    const results = [5, 10].map((agents) =>
      simulate({ agents, load: 0.8, customers: 500_000, warmup: 20_000, meanHandleSec: DEFAULT_HANDLE_SECONDS, mode: 'least_loaded', seed: 20_261_126 + agents }),
    );
    printSimulation(results);
  }
  if (only !== 'sim') {
    await buildStaleFunctions();
    printLive(await runLive({ agents: 10, customers: 200, capacities: [1, 2, 3, 4, 5], concurrency: 32, messagesPerCustomer: 2, seed: 7 }));
  }
  if (failures.length > 0) {
    console.log('\nFAILED:');
    for (const f of failures) console.log(`  - ${f}`);
    process.exitCode = 1;
  } else {
    console.log('\nAll checks passed.');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
