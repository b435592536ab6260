import type { UserConfigExport } from '@tarojs/cli';

// Only what differs from config/index.ts for `taro build` (NODE_ENV=production): Taro minifies by default.
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
