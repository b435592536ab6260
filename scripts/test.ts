// `npm test`: static checks, the builds the tests exercise, then every vitest project in one run
// (unit, ui, integration against the emulator, e2e in Chromium). Stops at the first failure.
import { spawnSync } from 'node:child_process';

const steps: Array<[string, string[]]> = [
  ['lint', ['run', '--silent', 'lint']],
  ['typecheck', ['run', '--silent', 'typecheck']],
  ['layering', ['run', '--silent', 'layering']],
  ['build:functions', ['run', '--silent', 'build:functions']],
  ['build:h5', ['run', '--silent', 'build:h5']],
  ['build:weapp', ['run', '--silent', 'build:weapp']],
  ['vitest', ['exec', '--', 'vitest', 'run']],
];

const only = process.argv.slice(2);
const timings: string[] = [];
for (const [name, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n── ${name} ──`);
  const res = spawnSync('npm', args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', NODE_ENV: name.startsWith('build:') && name !== 'build:functions' ? 'production' : process.env.NODE_ENV ?? 'test' } });
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (res.status !== 0) {
    console.error(`\n✗ ${name} failed (${timings.join(', ')})`);
    process.exit(res.status ?? 1);
  }
}
console.log(`\n✓ all checks passed (${timings.join(', ')})`);
