// Reliability: generated bad payloads across every action of every function (test/helpers/fuzz.ts),
// each through the gateway as a caller the role check lets through (customers for customer actions,
// an admin for staff ones), so validation is what answers. For every call: the emulator still answers
// `/api/healthz`, the answer is `ok:false` with INVALID_INPUT and a plain message (no stack trace, no
// file path), and the database is unchanged — no committed write at all, and the same hash of every
// collection. Reproduce a run with FUZZ_SEED=<the printed seed>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/envelope';
import { loadActions, type RegisteredAction } from '../helpers/action-tables';
import { snapshotHash, watchWrites } from '../helpers/db-snapshot';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { actionVariants, eventVariants, isInvalid, prng, type Variant } from '../helpers/fuzz';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MIN_PAYLOADS = 1000;
/** Variants per action in the default (sampled) run. */
const PER_ACTION = 13;
/** A stack frame, a source or bundle path, a Node error name: none may reach a caller. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|\.(ts|js):\d+|node_modules|\/work\/|cloudfunctions\/|TypeError|ReferenceError|SyntaxError/;

let emu: TestEmulator;
let actions: RegisteredAction[];
let customer: string;
let admin: string;

beforeAll(async () => {
  [emu, actions] = await Promise.all([startTestEmulator(), loadActions()]);
  customer = await emu.login('customer', { openid: 'fuzz-customer', name: '模糊测试' });
  admin = await emu.login('admin');
});
afterAll(async () => {
  await emu?.close();
});

interface Outcome {
  status: number;
  text: string;
}

async function post(fn: string, token: string | null, body: string, contentType = 'application/json'): Promise<Outcome> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await emu.raw(`/api/fn/${fn}`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

/** Why an answer to a bad payload is wrong, or null when it is right. */
function problemWith(out: Outcome, expectedStatus = 200): string | null {
  // The gateway's own refusals (nesting over 64 levels) are answered 400 with the same envelope.
  if (out.status !== expectedStatus && !(out.status === 400 && expectedStatus === 200)) return `HTTP ${out.status} (expected ${expectedStatus}): ${out.text.slice(0, 200)}`;
  if (LEAK.test(out.text)) return `leaks internals: ${out.text.slice(0, 300)}`;
  let body: { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(out.text) as typeof body;
  } catch {
    return `not JSON: ${out.text.slice(0, 200)}`;
  }
  if (body.ok !== false) return `accepted: ${out.text.slice(0, 300)}`;
  const code = body.error?.code;
  if (!ERROR_CODES.includes(code as (typeof ERROR_CODES)[number])) return `no error code: ${out.text.slice(0, 200)}`;
  if (code !== 'INVALID_INPUT') return `code ${String(code)} (expected INVALID_INPUT): ${out.text.slice(0, 200)}`;
  if (typeof body.error?.message !== 'string' || body.error.message.trim() === '') return `empty message: ${out.text}`;
  return null;
}

describe('fuzz: bad payloads change nothing and are answered INVALID_INPUT', () => {
  it(`sends at least ${MIN_PAYLOADS} generated invalid payloads across every action`, async () => {
    console.log(`[fuzz] seed ${SEED} (set FUZZ_SEED to reproduce)`);
    const rand = prng(SEED);
    type Case = { fn: string; token: string; variant: Variant };
    const cases: Case[] = [];
    const schemaAccepts: string[] = [];
    const seen = new Set<string>();
    const fns = [...new Set(actions.map((a) => a.fn))];
    for (const fn of fns) for (const variant of eventVariants(rand)) cases.push({ fn, token: customer, variant: { ...variant, label: `${fn}: ${variant.label}` } });
    for (const a of actions) {
      const token = a.access === 'anyone' ? customer : admin;
      for (const variant of actionVariants(a.name, a.input, rand)) {
        const key = `${a.fn}\u0000${variant.body}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // A variant the schema accepts is not a bad payload: it does not count and is not sent.
        if (!isInvalid(a.input, variant.body)) schemaAccepts.push(`${a.fn}.${a.name} ${variant.label}`);
        else cases.push({ fn: a.fn, token, variant: { ...variant, label: `${a.fn}.${a.name} ${variant.label}` } });
      }
    }
    // Shuffled by the seed: a call that leaves state behind would then show up on a different later call.
    for (let i = cases.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [cases[i], cases[j]] = [cases[j]!, cases[i]!];
    }
    // Every variant with FUZZ_ALL=1 (~5,000, a minute and a half); by default a seeded sample of each
    // action's variants, still well over the minimum, so the test stays quick.
    if (!process.env.FUZZ_ALL) {
      const perAction = new Map<string, number>();
      const keep = cases.filter((c) => {
        const key = c.variant.label.split(' ')[0]!;
        const n = (perAction.get(key) ?? 0) + 1;
        perAction.set(key, n);
        return !key.includes('.') || n <= PER_ACTION;
      });
      cases.splice(0, cases.length, ...keep);
    }
    if (schemaAccepts.length > 0) console.log(`[fuzz] ${schemaAccepts.length} generated variants are valid inputs (not counted):\n  ${schemaAccepts.join('\n  ')}`);
    expect(cases.length).toBeGreaterThanOrEqual(MIN_PAYLOADS);
    const covered = new Set(cases.map((c) => c.variant.label.split(' ')[0]));
    for (const a of actions) expect(covered, `${a.fn}.${a.name} has no bad payload`).toContain(`${a.fn}.${a.name}`);

    const writes = watchWrites(emu.db);
    const failures: string[] = [];
    let hash = snapshotHash(emu.db);
    const started = Date.now();
    for (const c of cases) {
      writes.reset();
      const out = await post(c.fn, c.token, c.variant.body);
      const health = await emu.raw('/api/healthz');
      const problems = [problemWith(out)];
      if (health.status !== 200 || ((await health.json()) as { ok?: unknown }).ok !== true) problems.push('healthz failed');
      if (writes.writes.length > 0) problems.push(`wrote ${writes.writes.map((w) => `${w.collection}/${w.id}`).join(', ')}`);
      const after = snapshotHash(emu.db);
      if (after !== hash) problems.push('database hash changed');
      hash = after;
      const found = problems.filter((p): p is string => p !== null);
      if (found.length > 0) failures.push(`${c.variant.label} → ${found.join('; ')}\n    body: ${c.variant.body.slice(0, 160)}`);
    }
    writes.stop();
    if (process.env.FUZZ_REPORT) (await import('node:fs')).writeFileSync(process.env.FUZZ_REPORT, failures.join('\n'));
    console.log(`[fuzz] ${cases.length} bad payloads over ${actions.length} actions of ${fns.length} functions in ${Date.now() - started} ms; ${failures.length} failures`);
    expect(failures.slice(0, 25), `${failures.length} of ${cases.length} bad payloads were mishandled`).toEqual([]);
  }, 240_000);

  it('gateway garbage: malformed JSON 400, over 64 KiB 413, wrong content types 400, nothing written', async () => {
    const writes = watchWrites(emu.db);
    const before = snapshotHash(emu.db);
    const cases: Array<{ label: string; fn: string; body: string; type?: string; status: number }> = [
      { label: 'truncated JSON', fn: 'session', body: '{"action":"start"', status: 400 },
      { label: 'trailing garbage', fn: 'session', body: '{"action":"start"} x', status: 400 },
      { label: 'single quotes', fn: 'faq', body: "{'action':'ask'}", status: 400 },
      { label: 'NaN literal', fn: 'faq', body: '{"action":"hot","limit":NaN}', status: 400 },
      { label: 'binary', fn: 'faq', body: '\u0000\u0001\u0002\u00ff', status: 400 },
      { label: 'form body', fn: 'session', body: 'action=start&text=hi', type: 'application/x-www-form-urlencoded', status: 400 },
      { label: 'text/plain garbage', fn: 'admin', body: 'whoami', type: 'text/plain', status: 400 },
      { label: 'multipart garbage', fn: 'admin', body: '--x\r\nContent-Disposition: form-data; name="action"\r\n\r\nwhoami\r\n--x--', type: 'multipart/form-data; boundary=x', status: 400 },
      { label: 'over 64 KiB', fn: 'session', body: JSON.stringify({ action: 'start', text: 'x'.repeat(70 * 1024) }), status: 413 },
      { label: 'over 64 KiB of garbage', fn: 'faq', body: '['.repeat(65 * 1024 + 1), status: 413 },
      { label: 'deep JSON array', fn: 'faq', body: `{"action":"hot","limit":${'['.repeat(5000)}${']'.repeat(5000)}}`, status: 400 },
      { label: 'deepest JSON that fits', fn: 'faq', body: `${'['.repeat(32_000)}${']'.repeat(32_000)}`, status: 400 },
    ];
    const failures: string[] = [];
    for (const c of cases) {
      const out = await post(c.fn, customer, c.body, c.type);
      const problem = problemWith(out, c.status);
      if (problem) failures.push(`${c.label}: ${problem}`);
      const health = await emu.raw('/api/healthz');
      if (health.status !== 200) failures.push(`${c.label}: healthz ${health.status}`);
    }
    // Without a valid token nothing is even parsed: 401 UNAUTHENTICATED.
    for (const token of [null, 'garbage', `${customer}x`]) {
      const out = await post('session', token, '{"action":"start"}');
      if (out.status !== 401 || !out.text.includes('UNAUTHENTICATED')) failures.push(`token ${String(token).slice(0, 12)}: ${out.status} ${out.text}`);
    }
    // Behind the gateway: an event the function host cannot even pass to an instance fails that one
    // call at once (it used to hold the instance until the 20 s timeout), and the next call is served.
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const direct = await emu.host.invoke('faq', { action: 'hot', limit: deep }, { openid: 'fuzz-customer', appid: 'wx0000000000000000', source: 'wx_client', clientIp: '127.0.0.1' });
    if (direct.ok || direct.ms > 5000) failures.push(`host with a 20,000-level event: ${JSON.stringify({ ok: direct.ok, ms: direct.ms })}`);
    const after = await post('faq', customer, '{"action":"hot"}');
    if (after.status !== 200 || !after.text.includes('"ok":true')) failures.push(`after the deep event: ${after.status} ${after.text.slice(0, 100)}`);
    const wrongMethod = await emu.raw('/api/fn/session', { method: 'GET' });
    if (wrongMethod.status !== 405) failures.push(`GET /api/fn: ${wrongMethod.status}`);
    const unknownFn = await post('nope', customer, '{"action":"start"}');
    if (unknownFn.status !== 404) failures.push(`unknown function: ${unknownFn.status}`);
    writes.stop();
    expect(failures).toEqual([]);
    expect(writes.writes).toEqual([]);
    expect(snapshotHash(emu.db)).toBe(before);
  });
});
