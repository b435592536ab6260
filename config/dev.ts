import type { UserConfigExport } from '@tarojs/cli';

// Only what differs from config/index.ts when building with `--watch` (NODE_ENV=development).
export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
