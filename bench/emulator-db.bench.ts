// Emulator database costs: `npx tsx bench/emulator-db.bench.ts [docs]` (default 10 000 documents).
// Part 1 times db.handle() directly (the emulator's own cost); part 2 goes through wx-server-sdk over
// HTTP, as cloud functions do, to compare with the SDK's own ~2 ms per call.
import { createRequire } from 'node:module';
import { EJSON } from 'bson';
import { openDatabase } from '../emulator/db';
import { startDbHarness } from '../test/helpers/db-harness';
import { applySdkEnv } from '../test/helpers/sdk-env';

const N = Number(process.argv[2] ?? 10_000);
const wire = (v: unknown): string => EJSON.stringify(v as never, { relaxed: false });

function time(label: string, runs: number, fn: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(runs, 20); i++) fn(i); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn(i);
  const micros = Number(process.hrtime.bigint() - start) / 1000 / runs;
  console.log(`${label.padEnd(48)} ${micros.toFixed(1).padStart(9)} µs/op`);
}

async function timeAsync(label: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 10; i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label.padEnd(48)} ${ms.toFixed(2).padStart(9)} ms/op`);
}

async function main(): Promise<void> {
  const db = openDatabase({ file: ':memory:' });
  const statuses = ['online', 'away', 'offline'];
  const t0 = Date.now();
  for (let i = 0; i < N; i += 500) {
    const docs = [];
    for (let j = i; j < Math.min(i + 500, N); j++) {
      docs.push(wire({ _id: `u${j}`, role: j % 10 === 0 ? 'agent' : 'customer', status: statuses[j % 3], n: j, name: `user ${j}`, createdAt: new Date(j) }));
    }
    db.handle({ action: 'database.insertDocument', collectionName: 'users', data: docs });
  }
  console.log(`inserted ${N} documents in ${Date.now() - t0} ms\n`);

  const handle = (body: Record<string, unknown>) => db.handle(body);
  time('getDocument by _id (DOC)', 5000, (i) =>
    handle({ action: 'database.getDocument', collectionName: 'users', queryType: 'DOC', query: wire({ _id: `u${i % N}` }), limit: 100 }),
  );
  time('getDocument role=agent (indexed), limit 20', 1000, () =>
    handle({ action: 'database.getDocument', collectionName: 'users', queryType: 'WHERE', query: wire({ role: 'agent' }), limit: 20 }),
  );
  time('getDocument role=agent, order createdAt desc', 200, () =>
    handle({ action: 'database.getDocument', collectionName: 'users', query: wire({ role: 'agent' }), order: wire({ createdAt: -1 }), limit: 20 }),
  );
  time('getDocument n>=N-10 (full scan)', 100, () =>
    handle({ action: 'database.getDocument', collectionName: 'users', query: wire({ n: { $gte: N - 10 } }), limit: 20 }),
  );
  time('calculateDocument status=online (indexed)', 500, () =>
    handle({ action: 'database.calculateDocument', collectionName: 'users', query: wire({ status: 'online' }) }),
  );
  time('modifyDocument by _id ($inc) + commit', 2000, (i) =>
    handle({ action: 'database.modifyDocument', collectionName: 'users', queryType: 'DOC', query: wire({ _id: `u${i % N}` }), data: wire({ $inc: { n: 1 } }), merge: true }),
  );
  time('transaction: start, get, update, commit', 1000, (i) => {
    const { transactionId } = handle({ action: 'database.startTransaction' }) as { transactionId: string };
    const query = wire({ _id: `u${i % N}` });
    handle({ action: 'database.getDocument', collectionName: 'users', queryType: 'DOC', query, transactionId });
    handle({ action: 'database.modifyDocument', collectionName: 'users', queryType: 'DOC', query, data: wire({ $set: { seen: true } }), merge: true, transactionId });
    handle({ action: 'database.commitTransaction', transactionId });
  });

  console.log('\nthrough wx-server-sdk over HTTP:');
  const harness = await startDbHarness({ db });
  applySdkEnv(harness.url, 'bench');
  const cloud = createRequire(__filename)('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  const sdk = cloud.database();
  await timeAsync('doc().get()', 300, (i) => sdk.collection('users').doc(`u${i % N}`).get() as Promise<unknown>);
  await timeAsync("where({role:'agent'}).limit(20).get()", 300, () => sdk.collection('users').where({ role: 'agent' }).limit(20).get() as Promise<unknown>);
  await timeAsync('doc().update()', 300, (i) => sdk.collection('users').doc(`u${i % N}`).update({ data: { touched: true } }) as Promise<unknown>);
  await harness.close();
  db.close();
}

void main();
