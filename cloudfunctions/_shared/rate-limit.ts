// Rate limits across every instance of a function: one fixed-window counter document per
// `openid|function.action|window` in `rate_limits`, taken with a conditional update (one round trip in
// the common case). A new window is an insert with that _id; losing the insert race means someone else
// created it, so the increment is tried once more. Expired counters are purged by `admin/housekeeping`.
import { parseRateOverrides, rateWindow, retryAfterSec, type RateLimit } from '../../core/abuse/limits';
import { db, _ } from './cloud';
import { isDuplicateKey, updated } from './db';
import { logError, logWarn } from './log';

const counters = () => db.collection('rate_limits');

let overrides: Record<string, RateLimit | null> | undefined;

/** The limit in force for `key`: the action's own, unless `KEFU_RATE_LIMITS` changes or switches it off. */
export function effectiveLimit(key: string, declared: RateLimit | undefined): RateLimit | null {
  if (overrides === undefined) {
    const parsed = parseRateOverrides(process.env.KEFU_RATE_LIMITS);
    if (parsed === null) logWarn('[rate-limit] KEFU_RATE_LIMITS is not valid JSON of {max, windowSec} by action; ignored');
    overrides = parsed ?? {};
  }
  const override = overrides[key];
  return override === undefined ? (declared ?? null) : override;
}

/** Take one call from the caller's window: null when allowed, else the seconds until it may retry. */
export async function takeRate(openid: string, key: string, limit: RateLimit, nowMs = Date.now()): Promise<number | null> {
  const win = rateWindow(openid, key, limit, nowMs);
  const inc = () => updated(counters().where({ _id: win.id, count: _.lt(limit.max) }).update({ data: { count: _.inc(1) } }));
  try {
    if ((await inc()) === 1) return null;
    try {
      await counters().add({ data: { _id: win.id, openid, key, count: 1, expiresAt: new Date(win.endsAt) } });
      return null;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // It exists: full, or created by a concurrent call a moment ago.
    if ((await inc()) === 1) return null;
    return retryAfterSec(win.endsAt, Date.now());
  } catch (err) {
    // A broken counter store must not take the service down: fail open, loudly.
    logError(`[rate-limit] ${key} not checked`, err);
    return null;
  }
}

/** Hourly (admin/housekeeping): counters whose window is over. */
export async function purgeRateLimits(now: Date): Promise<{ rateLimitsPurged: number }> {
  const res = (await counters().where({ expiresAt: _.lte(now) }).remove()) as { stats?: { removed?: number } };
  return { rateLimitsPurged: res.stats?.removed ?? 0 };
}
