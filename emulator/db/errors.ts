// Errors in CloudBase's shape: the reply `{code, message}` (HTTP 200) that makes the SDK throw.

export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_COLLECTION_ALREADY_EXIST';

export interface ErrorReply {
  code: DbErrorCode;
  message: string;
  requestId?: string;
}

/** Thrown inside the database, turned into an {@link ErrorReply} at the `handle` boundary. */
export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export const invalidParam = (message: string): DbError => new DbError('INVALID_PARAM', message);
export const requestFailed = (message: string): DbError => new DbError('DATABASE_REQUEST_FAILED', message);

/** Any thrown value → the reply the SDK understands. Unknown errors become DATABASE_REQUEST_FAILED. */
export function toErrorReply(err: unknown): ErrorReply {
  if (err instanceof DbError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'DATABASE_REQUEST_FAILED', message: message || 'database request failed' };
}
