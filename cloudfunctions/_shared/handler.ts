// The one wrapper every cloud function goes through: identity from the cloud context,
// role from the database, zod validation, dispatch, and the error envelope of design.md.
import { z } from 'zod';
import { REQUEST_MAX_BYTES, REQUEST_TOO_LARGE, rateLimitedMessage, type RateLimit } from '../../core/abuse/limits';
import { AppError, fail, ok, type Envelope } from '../../core/envelope';
import { mayCall, type Access, type Role } from '../../core/roles';
import { eventProblem, formatZodError } from '../../core/validation';
import { callSource, cloud } from './cloud';
import { effectiveLimit, takeRate } from './rate-limit';
import { logError } from './log';
import { findUser, type UserDoc } from './users.repo';

export interface CallContext {
  /** From cloud.getWXContext(), never from the event. */
  openid: string;
  role: Role;
  /** Null until the user's first `admin.whoami` (customers) — staff always have one. */
  user: UserDoc | null;
  /** `wx_client`, `wx_client,scf` (called by another function), `wx_trigger`. */
  source: string;
  now: Date;
}

export interface ActionDef<S extends z.ZodType, R> {
  access: Access;
  input: S;
  /** Calls per user and window (core/abuse/limits.ts), checked after validation and before `run`. */
  rate?: RateLimit;
  run(ctx: CallContext, input: z.output<S>): Promise<R>;
}

/** Declare an action; the generic keeps the input type tied to its schema. */
export function action<S extends z.ZodType, R>(def: ActionDef<S, R>): ActionDef<S, R> {
  return def;
}

export interface TimerContext {
  trigger: string;
  now: Date;
}

export interface FunctionOptions {
  /** Timer triggers by name (the `name` in config.json). */
  timers?: Record<string, (ctx: TimerContext) => Promise<unknown>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogenous action table; each entry is typed by action()
type AnyAction = ActionDef<any, unknown>;

const eventShape = z.object({ action: z.string().min(1).max(64) });

export function defineFunction(name: string, actions: Record<string, AnyAction>, options: FunctionOptions = {}) {
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const started = Date.now();
    try {
      // weapp calls functions directly (no gateway), so the wrapper enforces the gateway's size limit too.
      if (eventBytes(event) > REQUEST_MAX_BYTES) return fail('INVALID_INPUT', REQUEST_TOO_LARGE);
      const wx = cloud.getWXContext();
      const openid = typeof wx.OPENID === 'string' ? wx.OPENID : '';
      const source = callSource();

      if (isTimerEvent(event) && !openid) {
        const timer = options.timers?.[event.TriggerName];
        if (!timer) return fail('NOT_FOUND', `没有名为 ${event.TriggerName} 的定时任务`);
        return ok(await timer({ trigger: event.TriggerName, now: new Date() }));
      }
      if (!openid) return fail('UNAUTHENTICATED', '请先登录');

      const head = eventShape.safeParse(event);
      if (!head.success) return fail('INVALID_INPUT', '请求格式不正确：缺少 action');
      const def = Object.prototype.hasOwnProperty.call(actions, head.data.action) ? actions[head.data.action] : undefined;
      if (!def) return fail('INVALID_INPUT', `未知的操作：${head.data.action}`);

      const user = await findUser(openid);
      const role: Role = user?.role ?? 'customer';
      if (!mayCall(role, def.access)) return fail('FORBIDDEN', '没有权限执行此操作');

      const input = stripEnvelopeFields(event as Record<string, unknown>);
      const problem = eventProblem(input);
      if (problem) return fail('INVALID_INPUT', problem);
      const parsed = def.input.safeParse(input);
      if (!parsed.success) return fail('INVALID_INPUT', formatZodError(parsed.error));

      const limit = effectiveLimit(`${name}.${head.data.action}`, def.rate);
      if (limit) {
        const retryAfter = await takeRate(openid, `${name}.${head.data.action}`, limit);
        if (retryAfter !== null) return fail('RATE_LIMITED', rateLimitedMessage(retryAfter));
      }

      return ok(await def.run({ openid, role, user, source, now: new Date(started) }, parsed.data));
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message);
      // Server log only, personal data masked (log.ts); the caller never sees a stack trace.
      logError(`[${name}] unexpected error`, err);
      return fail('INTERNAL', '服务暂时出了点问题，请稍后再试');
    }
  };
}

/** UTF-8 bytes of the event as JSON (what the client sent); unserializable counts as too large. */
function eventBytes(event: unknown): number {
  try {
    const json = JSON.stringify(event);
    return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** `action` selects the handler; `userInfo` is what CloudBase adds to client events and is never trusted. */
function stripEnvelopeFields(event: Record<string, unknown>): Record<string, unknown> {
  const { action: _action, userInfo: _userInfo, ...rest } = event;
  return rest;
}

function isTimerEvent(event: unknown): event is { Type: 'Timer'; TriggerName: string } {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && typeof (event as { TriggerName?: unknown }).TriggerName === 'string';
}
