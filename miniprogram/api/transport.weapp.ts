// weapp: cloud functions through the CloudBase client; identity is the caller's OPENID.
import Taro from '@tarojs/taro';
import { ApiCallError } from './errors';
import type { Transport } from './types';

export const invoke: Transport = async (name, event) => {
  let response: Taro.cloud.CallFunctionResult;
  try {
    response = await Taro.cloud.callFunction({ name, data: event });
  } catch (err) {
    // callFunction rejects on network failure, missing function or a crash inside it (errMsg says which).
    const errMsg = typeof err === 'object' && err !== null && 'errMsg' in err ? String(err.errMsg) : '';
    const notFound = /FunctionName|not found|-501000/i.test(errMsg);
    throw new ApiCallError(notFound ? 'NOT_FOUND' : 'UNAVAILABLE', notFound ? '服务暂未部署' : '网络异常，请稍后重试');
  }
  return response.result;
};
