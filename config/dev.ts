import type { UserConfigExport } from '@tarojs/cli';

// Only what differs from config/index.ts when building with `--watch` (NODE_ENV=development).
// Taro's own h5 dev server (port 10086) forwards the API to the local gateway (`npm start`, PORT 8787).
const gateway = `http://127.0.0.1:${process.env.PORT ?? '8787'}`;

export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {
    devServer: {
      // Compression would buffer the realtime stream (SSE) that comes through the proxy.
      compress: false,
      proxy: [{ context: ['/api'], target: gateway, changeOrigin: false }],
    },
  },
} satisfies UserConfigExport<'webpack5'>;
