// h5 only (imported from `*.h5.ts` files): the gateway's dev login stands in for WeChat identity.
// The token lives in storage under `kefu.token`; the role it was issued for under `kefu.devRole`.
import Taro from '@tarojs/taro';
import { ROLES, type Role } from '../../core/roles';
import { ApiCallError } from './errors';

export const TOKEN_KEY = 'kefu.token';
const ROLE_KEY = 'kefu.devRole';

export interface DevLoginResult {
  token: string;
  openid: string;
  role: Role;
}

function readString(key: string): string {
  const value: unknown = Taro.getStorageSync(key);
  return typeof value === 'string' ? value : '';
}

export function readToken(): string {
  return readString(TOKEN_KEY);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
}

function storedRole(): Role {
  const role = readString(ROLE_KEY);
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : 'customer';
}

function isLoginResult(value: unknown): value is DevLoginResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' && typeof v.openid === 'string' && typeof v.role === 'string';
}

/** `POST /api/dev/login`; stores the token. Refused (403) unless the gateway runs in dev mode. */
export async function devLogin(role: Role): Promise<DevLoginResult> {
  let response: Response;
  try {
    response = await fetch('/api/dev/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role }),
    });
  } catch {
    throw new ApiCallError('UNAVAILABLE', '网络异常，请稍后重试');
  }
  if (response.status === 403) {
    throw new ApiCallError('FORBIDDEN', '当前环境未开启开发者登录');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || !isLoginResult(body)) {
    throw new ApiCallError('UNAVAILABLE', '登录服务暂不可用');
  }
  Taro.setStorageSync(TOKEN_KEY, body.token);
  Taro.setStorageSync(ROLE_KEY, role);
  return body;
}

// Calls made together at start share one login instead of creating several users' sessions.
let pendingLogin: Promise<string> | null = null;

/** Logs in again with the role of the last dev login (customer the first time). */
export function reloginSameRole(): Promise<string> {
  pendingLogin ??= devLogin(storedRole())
    .then((result) => result.token)
    .finally(() => {
      pendingLogin = null;
    });
  return pendingLogin;
}

/** The stored token, or a fresh customer login when there is none. */
export function ensureToken(): Promise<string> {
  const token = readToken();
  return token !== '' ? Promise.resolve(token) : reloginSameRole();
}
