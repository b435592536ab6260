import Taro from '@tarojs/taro';

/**
 * `Taro.cloud.init` once at launch. The environment id is the build-time setting TARO_APP_CLOUD_ENV
 * (see config/index.ts); when it is empty the SDK uses the mini-program's default environment.
 */
export function initCloud(): void {
  const env = process.env.TARO_APP_CLOUD_ENV ?? '';
  Taro.cloud.init(env !== '' ? { env, traceUser: true } : { traceUser: true });
}
