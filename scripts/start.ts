// `npm start`: build what is missing or stale (functions, H5), start the emulator with demo data,
// print the URL and how to log in. `npm run dev` (--watch) also rebuilds on change.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { FUNCTION_NAMES } from '../core/api';
import type { DataKeys } from '../emulator/data-keys';
import { startEmulator } from '../emulator/server';
import { buildOptions, buildStaleFunctions } from './build-functions';

const root = path.resolve(__dirname, '..');
const watch = process.argv.includes('--watch');

/** Newest modification time of any file below these folders. */
function newest(dirs: string[]): number {
  let t = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else t = Math.max(t, st.mtimeMs);
  };
  for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return t;
}

function mtime(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}


function ensureH5(): void {
  const index = path.join(root, 'dist', 'h5', 'index.html');
  if (mtime(index) >= newest(['miniprogram', 'core', 'config'])) return;
  console.log('building the H5 mini-program (first run takes about a minute)…');
  const res = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (res.status !== 0) throw new Error('H5 build failed');
}

/** Where the data keys come from, never the keys themselves. */
function dataKeysLine(keys: DataKeys): string {
  const ids = keys.spec.split(',').map((k) => k.split(':')[0]).join(', ');
  if (keys.source === 'given') return `from KEFU_DATA_KEYS (${ids})`;
  return `${keys.source === 'generated' ? 'generated and kept in' : 'kept in'} ${keys.file} (${ids}); set KEFU_DATA_KEYS to use your own`;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = path.resolve(root, process.env.KEFU_DATA_DIR ?? '.data');
  const dev = process.env.KEFU_MODE !== 'production';
  // The one-time code that lets the first admin claim a deployment (see docs/deploy.md).
  const setupCode = process.env.KEFU_SETUP_CODE ?? randomBytes(6).toString('hex');

  const rebuilt = await buildStaleFunctions();
  if (rebuilt.length > 0) console.log(`built cloud functions: ${rebuilt.join(', ')}`);
  if (!watch) ensureH5();

  const emulator = await startEmulator({ port, dataDir, dev, history: true, host: process.env.HOST ?? '127.0.0.1', functionEnv: { KEFU_SETUP_CODE: setupCode }, dataKeys: process.env.KEFU_DATA_KEYS });
  emulator.host.prewarm();
  const shown = `http://localhost:${emulator.port}`;
  console.log(`
Kefu Desk is running: ${shown}
  data: ${dataDir}${emulator.seeded ? ' (demo data seeded)' : ''}
  mode: ${dev ? 'dev (dev login on)' : 'production (dev login off)'}
  functions: ${emulator.host.names().join(', ')}
${
  dev
    ? `  log in as any role with the switcher at the bottom right of the page, or:
    curl -s -X POST ${shown}/api/dev/login -H 'content-type: application/json' -d '{"role":"agent"}'
    roles: customer, agent, qa, supervisor, admin`
    : ''
}
  setup code for claiming a fresh deployment: ${setupCode}
  data keys (encryption at rest): ${dataKeysLine(emulator.dataKeys)}
`);

  const children: Array<ReturnType<typeof spawn>> = [];
  if (watch) {
    const contexts = await Promise.all(
      FUNCTION_NAMES.map((name) =>
        esbuild.context({
          ...buildOptions(name),
          plugins: [
            {
              name: 'reload',
              setup: (b) => {
                let first = true;
                b.onEnd((result) => {
                  // The first build only repeats what is running; later ones bring new code.
                  if (first || result.errors.length > 0) return void (first = false);
                  void emulator.host.reload(name).then(() => console.log(`reloaded ${name}`));
                });
              },
            },
          ],
        }),
      ),
    );
    await Promise.all(contexts.map((c) => c.watch()));
    children.push(spawn(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch'], { cwd: root, stdio: 'inherit' }));
  }

  const stop = () => {
    for (const c of children) c.kill();
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
