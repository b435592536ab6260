// Fallback for targets other than weapp and h5 (Taro prefers `transport.<TARO_ENV>.ts`).
// Unit tests mock this module; the builds never include it.
import { ApiCallError } from './errors';
import type { Transport } from './types';

export const invoke: Transport = async () => {
  throw new ApiCallError('UNAVAILABLE', '当前平台不支持调用服务');
};
