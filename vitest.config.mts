import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Four projects: `unit` (pure code, node), `ui` (Taro components in jsdom),
// `integration` (functions through wx-server-sdk against the emulator), `e2e` (H5 build in Chromium).
const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['core/**/*.test.ts', 'emulator/**/*.test.ts', 'cloudfunctions/**/*.test.ts', 'scripts/**/*.test.ts', 'test/unit/**/*.test.ts'],
          env: { TZ: 'UTC' },
        },
      },
      {
        // Taro components in jsdom: the React implementation of @tarojs/components (what h5 uses) and a
        // small stand-in for @tarojs/taro. Exact-match aliases, so `@tarojs/components/lib/…` still resolves.
        resolve: {
          alias: [
            { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
            { find: /^@tarojs\/taro$/, replacement: path.join(root, 'test/ui/taro-shim.ts') },
          ],
          // Resolve `./transport` to `transport.h5.ts` first, as Taro's h5 build does.
          extensions: ['.h5.tsx', '.h5.ts', '.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx', '.json'],
        },
        define: {
          DEPRECATED_ADAPTER_COMPONENT: 'false',
          'process.env.TARO_ENV': '"h5"',
          'process.env.TARO_PLATFORM': '"web"',
        },
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['miniprogram/**/*.test.{ts,tsx}', 'test/ui/**/*.test.{ts,tsx}'],
          setupFiles: [path.join(root, 'test/ui/setup.ts')],
          env: { TZ: 'UTC' },
          // NutUI ships ES modules with CSS imports: let Vite transform them instead of Node loading them.
          server: { deps: { inline: [/@nutui\//, /@tarojs\/components-react/] } },
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          globalSetup: ['test/helpers/functions.setup.ts'],
          include: ['test/integration/**/*.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          globalSetup: ['test/helpers/functions.setup.ts'],
          include: ['test/e2e/**/*.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
