// Agent presence: the desk beats while an agent is online or away; routing trusts an agent only while
// the last beat is recent (the routing setting `presenceTimeoutSec`, default 120 s).

/** How often the desk beats at most (WeChat pages stay cheap: one tiny call each half minute). */
export const HEARTBEAT_EVERY_MS = 30_000;

/** Heard from within the timeout (`lastSeenMs` 0 = never). */
export function isPresent(lastSeenMs: number, nowMs: number, timeoutSec: number): boolean {
  return nowMs - lastSeenMs < timeoutSec * 1000;
}

/** The beat period for a timeout: 30 s, or a third of a shorter timeout so two beats may be missed (never under 1 s). */
export function heartbeatEveryMs(timeoutSec: number): number {
  return Math.max(1000, Math.min(HEARTBEAT_EVERY_MS, Math.floor((timeoutSec * 1000) / 3)));
}
