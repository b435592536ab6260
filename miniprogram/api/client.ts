// The one typed client: every page calls cloud functions through `call`.
// The platform transport (`transport.weapp.ts` / `transport.h5.ts`) is picked by Taro at build time.
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../core/api';
import { isErrorCode } from '../../core/envelope';
import { ApiCallError, defaultMessage } from './errors';
import { invoke } from './transport';

export { ApiCallError, errorText } from './errors';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns a function's envelope into its data, or throws ApiCallError. */
export function unwrap<T>(result: unknown): T {
  if (isRecord(result) && result.ok === true && 'data' in result) {
    // The function's declared output (core/api.ts) is the contract; it is not re-validated here.
    return result.data as T;
  }
  if (isRecord(result) && result.ok === false && isRecord(result.error)) {
    const { code, message } = result.error;
    const safeCode = isErrorCode(code) ? code : 'INTERNAL';
    throw new ApiCallError(safeCode, typeof message === 'string' && message !== '' ? message : defaultMessage(safeCode));
  }
  throw new ApiCallError('INTERNAL', '服务返回了无法识别的结果');
}

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const event = { action, ...(input as Record<string, unknown>) };
  const result = await invoke(fn, event);
  return unwrap<ActionOutput<F, A>>(result);
}
