// Expected wait from the recent handling times and the agents on duty, and the reply-timeout rule.

/** Used until enough conversations were handled to measure (seconds). */
export const DEFAULT_HANDLE_SECONDS = 300;
/** How many recent handling times the mean is taken over. */
export const RECENT_HANDLED = 50;

/** Below this many measured conversations, the default fills the missing ones (a prior). */
export const MIN_SAMPLES = 5;
/** No real conversation is handled faster: shorter ones (mistakes, tests) must not promise "no wait". */
export const MIN_HANDLE_SECONDS = 30;

/**
 * Mean of recent handling times (seconds). With fewer than MIN_SAMPLES measurements the default
 * stands in for the missing ones, so one early quick chat does not swing the estimate; never below
 * MIN_HANDLE_SECONDS.
 */
export function meanHandleSeconds(durations: readonly number[]): number {
  const valid = durations.filter((d) => Number.isFinite(d) && d >= 0);
  const missing = Math.max(0, MIN_SAMPLES - valid.length);
  const mean = (valid.reduce((s, d) => s + d, 0) + missing * DEFAULT_HANDLE_SECONDS) / (valid.length + missing);
  return Math.max(MIN_HANDLE_SECONDS, mean);
}

/**
 * Expected wait in seconds for the customer at 1-based `position`, with `slots` = Σ capacity of the
 * group's online agents: with every slot busy, one frees up every meanHandle / slots seconds on
 * average, so the customer is served after about position × meanHandle / slots.
 * Null when nobody is on duty (the customer is told so instead of a number).
 */
export function expectedWaitSeconds(position: number, slots: number, meanHandle: number): number | null {
  if (slots <= 0) return null;
  if (position <= 0) return 0;
  return Math.round((position * meanHandle) / slots);
}

/** An assigned conversation the agent has not answered since it was assigned, for longer than the timeout. */
export function replyOverdue(conv: { assignedAt: number; repliedSinceAssign: boolean }, now: number, timeoutSec: number): boolean {
  return !conv.repliedSinceAssign && now - conv.assignedAt >= timeoutSec * 1000;
}

/** Keywords that hand a conversation over to a person while the bot answers. */
export const HANDOFF_WORDS: readonly string[] = ['转人工', '人工客服', '人工'];

export function wantsHuman(text: string): boolean {
  return HANDOFF_WORDS.some((w) => text.includes(w));
}
