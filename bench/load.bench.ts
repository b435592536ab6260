// `npm run bench:load [-- --customers 200 --agents 20 --seconds 60]`: customers and agents chatting
// through the gateway of an in-process emulator (bench/load-driver.ts runLoad): customers start a
// chat, hand over, write every 3–8 s and read their history; agents go online, beat, poll their inbox,
// reply and close after three replies (the customer then starts again); a supervisor polls the
// overview. Prints calls, error rate (by code), p50/p95/p99 per action, throughput, the wait for an
// agent, and the invariants (capacity on every commit, one claim per conversation, nobody lost,
// every acknowledged message stored). Exits 1 when an invariant breaks or an unexpected error occurs.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildStaleFunctions } from '../scripts/build-functions';
import { percentile, runLoad, type LoadResult } from './load-driver';

const fixed = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function print(r: LoadResult): void {
  const o = r.options;
  const seconds = r.wallMs / 1000;
  const errors = Object.values(r.errors).reduce((n, codes) => n + Object.values(codes).reduce((m, k) => m + k, 0), 0);
  console.log(`\n${o.customers} customers, ${o.agents} agents (capacity ${r.capacity}), ${o.seconds} s through the gateway (measured ${fixed(seconds)} s)`);
  console.log(`   calls: ${r.calls} → ${fixed(r.calls / seconds)} calls/s; errors answered: ${errors} (${pct(errors / Math.max(1, r.calls))})`);
  console.log(`   conversations: ${r.conversations} started, ${r.closedByAgents} closed by agents; at the end ${Object.entries(r.states).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`   wait for an agent (hand-off → first assignment, from events): p50 ${fixed(percentile(r.waits, 50), 0)} s, p95 ${fixed(percentile(r.waits, 95), 0)} s, max ${fixed(r.waits.at(-1) ?? NaN, 0)} s (${r.waits.length} assigned)`);
  console.log('   latency through the gateway (ms):');
  console.log(`     ${'action'.padEnd(22)}${'calls'.padStart(7)}${'errors'.padStart(8)}${'rate'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}  errors by code`);
  for (const [label, l] of Object.entries(r.latency)) {
    const codes = r.errors[label] ?? {};
    const n = Object.values(codes).reduce((m, k) => m + k, 0);
    const byCode = Object.entries(codes).map(([c, k]) => `${c}×${k}`).join(' ');
    console.log(`     ${label.padEnd(22)}${String(l.count).padStart(7)}${String(n).padStart(8)}${pct(n / l.count).padStart(8)}${fixed(l.p50).padStart(8)}${fixed(l.p95).padStart(8)}${fixed(l.p99).padStart(8)}${fixed(l.max).padStart(8)}  ${byCode}`);
  }
  const maxHeld = Math.max(0, ...Object.values(r.maxActive));
  console.log(`   invariants: capacity checked after ${r.commitsChecked} commits and ${r.inboxChecked} inbox reads (most held by one agent: ${maxHeld}); ${r.claims} claims; ${r.acked} acknowledged messages checked in their histories`);
  if (r.violationCount === 0) console.log('     ✓ nobody above capacity, agent_load = conversations held, one claim per conversation, nobody lost, every acknowledged message stored once');
  for (const v of r.violations) console.log(`     ✗ ${v}`);
  if (r.violationCount > r.violations.length) console.log(`     … ${r.violationCount - r.violations.length} more`);
  if (r.unexpected.length > 0) console.log(`   unexpected errors: ${r.unexpected.join('; ')}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '200' },
      agents: { type: 'string', default: '20' },
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: '7' },
    },
  });
  console.log(`Kefu Desk load benchmark — ${os.cpus().length} cores, Node ${process.version}`);
  await buildStaleFunctions();
  const started = performance.now();
  const result = await runLoad({ customers: Number(values.customers), agents: Number(values.agents), seconds: Number(values.seconds), seed: Number(values.seed) });
  print(result);
  console.log(`\n(the whole run, with set-up and checks: ${fixed((performance.now() - started) / 1000)} s)`);
  if (result.violationCount > 0 || result.unexpected.length > 0) {
    console.log('\nFAILED');
    process.exitCode = 1;
  } else {
    console.log('\nAll checks passed.');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
