// `npm run bench:emulator`: the emulator's database and function host, measured.
// Part 1: operations per second of the database, through the same wire actions wx-server-sdk sends
//   (the emulator's own cost), on a SQLite file with WAL — at 10,000 and 100,000 documents.
// Part 2: the same operations through the real wx-server-sdk over HTTP (what a function pays).
// Part 3: a cloud function's cold and warm invocation through the gateway.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { EJSON } from 'bson';
import { openDatabase, type Database } from '../emulator/db';
import { startEmulator } from '../emulator/server';
import { buildStaleFunctions } from '../scripts/build-functions';
import { startDbHarness } from '../test/helpers/db-harness';
import { applySdkEnv } from '../test/helpers/sdk-env';

const wire = (v: unknown): string => EJSON.stringify(v as never, { relaxed: false });
const SIZES = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const rows: string[][] = [];

function opsPerSecond(runs: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(runs, 50); i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn(i);
  return runs / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function opsPerSecondAsync(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn(i);
  return runs / (Number(process.hrtime.bigint() - start) / 1e9);
}

function fill(db: Database, n: number): number {
  const started = Date.now();
  for (let i = 0; i < n; i += 1000) {
    const docs = [];
    for (let j = i; j < Math.min(i + 1000, n); j++) {
      docs.push({ _id: `u${j}`, role: j % 50 === 0 ? 'agent' : 'customer', status: j % 3 === 0 ? 'online' : 'offline', name: `用户${j}`, n: j, createdAt: new Date(j * 1000) });
    }
    db.insert('users', docs);
  }
  return Date.now() - started;
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function measureDatabase(n: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-'));
  const db = openDatabase({ file: path.join(dir, 'bench.sqlite') });
  const fillMs = fill(db, n);
  const handle = (body: Record<string, unknown>) => db.handle(body);
  let next = n;
  const insert = opsPerSecond(2000, () =>
    handle({ action: 'database.insertDocument', collectionName: 'users', data: [wire({ _id: `x${next++}`, role: 'customer', status: 'offline', n: next })] }),
  );
  const getById = opsPerSecond(20000, (i) => handle({ action: 'database.getDocument', collectionName: 'users', queryType: 'DOC', query: wire({ _id: `u${(i * 7919) % n}` }), limit: 1 }));
  const indexed = opsPerSecond(2000, (i) =>
    handle({ action: 'database.getDocument', collectionName: 'users', queryType: 'WHERE', query: wire({ role: 'agent', status: i % 2 ? 'online' : 'offline' }), limit: 20 }),
  );
  // The atomic-claim pattern: update where {_id, status} and check `updated`.
  const conditional = opsPerSecond(2000, (i) =>
    handle({
      action: 'database.modifyDocument',
      collectionName: 'users',
      queryType: 'WHERE',
      query: wire({ _id: `u${(i * 31) % n}`, status: i % 2 ? 'online' : 'offline' }),
      data: wire({ $set: { status: i % 2 ? 'offline' : 'online' } }),
      multi: false,
      merge: true,
    }),
  );
  const explain = db.explain('users', { role: 'agent' });
  rows.push([`${fmt(n)} docs`, `${fillMs} ms`, fmt(insert), fmt(getById), fmt(indexed), fmt(conditional), `${explain.examined}/${n}`]);

  if (n === SIZES[0]) {
    const harness = await startDbHarness({ db });
    applySdkEnv(harness.url, 'bench');
    const cloud = createRequire(__filename)('wx-server-sdk') as typeof import('wx-server-sdk');
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    const sdk = cloud.database();
    const users = sdk.collection('users');
    const sdkRows = [
      ['add()', await opsPerSecondAsync(500, (i) => users.add({ data: { _id: `s${i}-${Date.now()}`, role: 'customer' } }) as Promise<unknown>)],
      ['doc().get()', await opsPerSecondAsync(500, (i) => users.doc(`u${(i * 7919) % n}`).get() as Promise<unknown>)],
      ["where({role:'agent'}).limit(20).get()", await opsPerSecondAsync(500, () => users.where({ role: 'agent' }).limit(20).get() as Promise<unknown>)],
      ["where({_id, status}).update()", await opsPerSecondAsync(500, (i) => users.where({ _id: `u${i % n}`, status: 'online' }).update({ data: { status: 'online' } }) as Promise<unknown>)],
    ] as const;
    console.log(`\nThrough wx-server-sdk over HTTP (${fmt(n)} docs), one call at a time:`);
    for (const [label, ops] of sdkRows) console.log(`  ${label.padEnd(40)} ${fmt(ops).padStart(7)} ops/s  (${(1000 / ops).toFixed(2)} ms/call)`);
    await harness.close();
  }
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function measureFunctions(): Promise<void> {
  await buildStaleFunctions();
  const emu = await startEmulator({ port: 0, dataDir: ':memory:', timers: false, log: () => {} });
  const login = (await (await fetch(`${emu.url}/api/dev/login`, { method: 'POST', body: '{"role":"customer"}' })).json()) as { token: string };
  const call = async (fn: string, event: unknown) => {
    const started = process.hrtime.bigint();
    const res = await fetch(`${emu.url}/api/fn/${fn}`, { method: 'POST', headers: { authorization: `Bearer ${login.token}` }, body: JSON.stringify(event) });
    await res.json();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const cold = await call('faq', { action: 'categories' });
  const warm: number[] = [];
  for (let i = 0; i < 200; i++) warm.push(await call('faq', { action: 'categories' }));
  const whoami: number[] = [];
  for (let i = 0; i < 200; i++) whoami.push(await call('admin', { action: 'whoami' }));
  warm.sort((a, b) => a - b);
  whoami.sort((a, b) => a - b);
  const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!.toFixed(1);
  console.log('\nCloud functions through the gateway (HTTP → host → worker → wx-server-sdk → database):');
  console.log(`  faq.categories  cold ${cold.toFixed(0)} ms;  warm p50 ${p(warm, 0.5)} ms, p99 ${p(warm, 0.99)} ms  (2 DB calls: query + aggregate)`);
  console.log(`  admin.whoami    warm p50 ${p(whoami, 0.5)} ms, p99 ${p(whoami, 0.99)} ms  (3 DB calls)`);
  await emu.close();
}

async function main(): Promise<void> {
  console.log(`Kefu Desk emulator benchmark — ${os.cpus().length} cores, Node ${process.version}\n`);
  for (const n of SIZES) await measureDatabase(n);
  console.log('\nDatabase, wire actions handled in-process (ops/s; SQLite file, WAL, one transaction per write):');
  const header = ['size', 'fill', 'insert', 'get by id', 'indexed query', 'cond. update', 'examined (indexed)'];
  console.log(`  ${header.map((h) => h.padStart(20)).join('')}`);
  for (const r of rows) console.log(`  ${r.map((c) => c.padStart(20)).join('')}`);
  await measureFunctions();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
