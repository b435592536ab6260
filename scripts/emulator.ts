// A bare emulator in a process of its own: the built functions, the database in `--data-dir`, dev
// login on, no H5 build and no rebuild (the caller builds the functions first). For tests that kill
// it (test/integration/crash.test.ts) and benches that keep it off their own event loop.
//   tsx scripts/emulator.ts [--port 0] [--data-dir DIR] [--no-timers]
// Prints `listening <url>` on stdout once it accepts calls; SIGTERM/SIGINT close it cleanly.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string', default: '.data' },
      'no-timers': { type: 'boolean', default: false },
    },
  });
  const dataDir = values['data-dir'] === ':memory:' ? ':memory:' : path.resolve(values['data-dir']!);
  const emulator = await startEmulator({ port: Number(values.port), dataDir, dev: true, timers: !values['no-timers'], log: (line) => console.error(line) });
  console.log(`listening ${emulator.url}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
