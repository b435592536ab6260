import type { ErrorCode } from '../../core/envelope';

/** Thrown by `call` when a function answers `{ok:false}` or cannot be reached. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

/** Words for a user when the function gave none. */
const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '登录已失效，请重新进入',
  FORBIDDEN: '没有权限进行此操作',
  INVALID_INPUT: '填写的内容有误，请检查后重试',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '操作冲突，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNAVAILABLE: '网络异常，请稍后重试',
  INTERNAL: '服务出了点问题，请稍后重试',
};

export function defaultMessage(code: ErrorCode): string {
  return DEFAULT_MESSAGES[code];
}

/** The sentence to show for any failure: the function's own message, else one per code. */
export function errorText(error: unknown): string {
  if (error instanceof ApiCallError) {
    return error.message.trim() !== '' ? error.message : DEFAULT_MESSAGES[error.code];
  }
  return DEFAULT_MESSAGES.UNAVAILABLE;
}
