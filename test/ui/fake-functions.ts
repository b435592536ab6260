// A fake for the one module the UI tests replace: the transport. Tests declare what each
// `function.action` answers; everything the pages send is recorded for assertions.
import type { FunctionName } from '../../core/api';
import type { ApiError } from '../../core/envelope';
import type { FunctionEvent } from '../../miniprogram/api/types';

type Answer = { ok: true; data: unknown } | { ok: false; error: ApiError };
type Handler = (event: FunctionEvent) => Answer | Promise<Answer>;

export interface FakeFunctions {
  /** Every call in order, as `{ name, event }`. */
  calls: { name: FunctionName; event: FunctionEvent }[];
  /** Answers `name.action` with data computed from the event… */
  ok(key: string, data: (event: FunctionEvent) => unknown): FakeFunctions;
  /** …or with fixed data. */
  ok(key: string, data: unknown): FakeFunctions;
  /** Answers `name.action` with `{ok:false}`. */
  fail(key: string, code: ApiError['code'], message: string): FakeFunctions;
  invoke(name: FunctionName, event: FunctionEvent): Promise<unknown>;
}

export function fakeFunctions(): FakeFunctions {
  const handlers = new Map<string, Handler>();
  const fake: FakeFunctions = {
    calls: [],
    ok(key: string, data: unknown) {
      handlers.set(key, (event) => ({ ok: true, data: typeof data === 'function' ? (data as (e: FunctionEvent) => unknown)(event) : data }));
      return fake;
    },
    fail(key, code, message) {
      handlers.set(key, () => ({ ok: false, error: { code, message } }));
      return fake;
    },
    async invoke(name, event) {
      fake.calls.push({ name, event });
      const handler = handlers.get(`${name}.${event.action}`);
      if (!handler) return { ok: false, error: { code: 'NOT_FOUND', message: `no fake for ${name}.${event.action}` } };
      return handler(event);
    },
  };
  return fake;
}
