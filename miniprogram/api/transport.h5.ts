// h5: cloud functions through the local gateway (`POST /api/fn/:name`), same origin as the page.
import type { ErrorCode } from '../../core/envelope';
import { clearToken, ensureToken, reloginSameRole } from './dev-session';
import { ApiCallError } from './errors';
import type { FunctionEvent, Transport } from './types';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'INVALID_INPUT',
  429: 'RATE_LIMITED',
};

const STATUS_MESSAGES: Partial<Record<ErrorCode, string>> = {
  INVALID_INPUT: '请求内容有误',
  UNAUTHENTICATED: '登录已失效，请刷新页面',
  NOT_FOUND: '服务暂未部署',
};

async function post(name: string, event: FunctionEvent, token: string): Promise<Response> {
  try {
    return await fetch('/api/fn/' + name, {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
    });
  } catch {
    throw new ApiCallError('UNAVAILABLE', '网络异常，请稍后重试');
  }
}

export const invoke: Transport = async (name, event) => {
  let response = await post(name, event, await ensureToken());
  if (response.status === 401) {
    // The gateway forgot the token (data folder reset, restart): log in again once with the same role.
    clearToken();
    response = await post(name, event, await reloginSameRole());
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok || (typeof body === 'object' && body !== null && 'ok' in body)) {
    return body;
  }
  const code = STATUS_CODES[response.status] ?? 'UNAVAILABLE';
  throw new ApiCallError(code, STATUS_MESSAGES[code] ?? '服务暂时不可用，请稍后重试');
};
