// `npm run bench:abuse`: what the abuse checks cost a call, through the gateway and the real bundles.
// The same action (`faq.categories`, light, so the check's share shows) with its rate limit switched on
// (a huge limit: every call takes the counter, none is refused) and off (`KEFU_RATE_LIMITS` null), in
// alternating rounds so drift hits both.
import { startEmulator, type Emulator } from '../emulator/server';
import { buildStaleFunctions } from '../scripts/build-functions';

const ROUNDS = 4;
const CALLS = Number(process.argv[2] ?? 250);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function client(emu: Emulator, openid: string) {
  const res = await fetch(`${emu.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ role: 'customer', openid }) });
  const { token } = (await res.json()) as { token: string };
  return async (fn: string, event: unknown): Promise<number> => {
    const started = process.hrtime.bigint();
    const r = await fetch(`${emu.url}/api/fn/${fn}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(event) });
    const body = (await r.json()) as { ok: boolean; error?: { code: string } };
    if (!body.ok) throw new Error(`${fn}: ${JSON.stringify(body.error)}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
}

async function sample(limits: Record<string, unknown>, fn: string, event: (i: number) => unknown): Promise<number[]> {
  const emu = await startEmulator({ port: 0, dataDir: ':memory:', timers: false, log: () => {}, maxInstances: 1, functionEnv: { KEFU_RATE_LIMITS: JSON.stringify(limits) } });
  try {
    const call = await client(emu, `bench-${Date.now()}`);
    for (let i = 0; i < 30; i++) await call(fn, event(i));
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) times.push(await call(fn, event(i)));
    return times;
  } finally {
    await emu.close();
  }
}

function row(label: string, times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `${label.padEnd(34)} mean ${mean.toFixed(2)} ms  p50 ${quantile(s, 0.5).toFixed(2)} ms  p90 ${quantile(s, 0.9).toFixed(2)} ms  p99 ${quantile(s, 0.99).toFixed(2)} ms  (n=${s.length})`;
}

async function main() {
  await buildStaleFunctions();
  const on: number[] = [];
  const off: number[] = [];
  const huge = { max: 100_000, windowSec: 3600 };
  for (let r = 0; r < ROUNDS; r++) {
    on.push(...(await sample({ 'faq.categories': huge }, 'faq', () => ({ action: 'categories' }))));
    off.push(...(await sample({ 'faq.categories': null }, 'faq', () => ({ action: 'categories' }))));
  }
  console.log(row('faq.categories, rate limit on', on));
  console.log(row('faq.categories, rate limit off', off));
  const p50 = (t: number[]) => quantile([...t].sort((a, b) => a - b), 0.5);
  const mean = (t: number[]) => t.reduce((a, b) => a + b, 0) / t.length;
  console.log(`rate-limit check: +${(p50(on) - p50(off)).toFixed(2)} ms at p50, +${(mean(on) - mean(off)).toFixed(2)} ms mean per call`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
