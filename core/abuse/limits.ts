// Abuse limits shared by the function wrapper, the emulator and the docs: how large a request may be,
// and how often one user may repeat an action (a fixed-window counter per user, action and window).

/** Largest event a function accepts (JSON, UTF-8 bytes): the gateway's body limit, also for weapp calls. */
export const REQUEST_MAX_BYTES = 64 * 1024;
export const REQUEST_TOO_LARGE = '请求内容过大';

export interface RateLimit {
  /** Calls allowed per window. */
  max: number;
  windowSec: number;
}

/**
 * The limits of every action a user can repeat cheaply to hurt the service or to guess codes, keyed
 * `function.action`. The action definitions refer to these (`rate: RATE_LIMITS['session.send']`).
 */
export const RATE_LIMITS = {
  'session.start': { max: 10, windowSec: 60 },
  'session.send': { max: 20, windowSec: 10 },
  'session.handoff': { max: 10, windowSec: 60 },
  'session.leaveMessage': { max: 5, windowSec: 600 },
  'session.rate': { max: 10, windowSec: 60 },
  'faq.ask': { max: 20, windowSec: 10 },
  // The search box queries while the customer types (debounced): generous.
  'faq.search': { max: 60, windowSec: 10 },
  'faq.feedback': { max: 30, windowSec: 60 },
  'appointment.book': { max: 10, windowSec: 60 },
  'appointment.cancel': { max: 10, windowSec: 60 },
  'appointment.reschedule': { max: 10, windowSec: 60 },
  'templates.grant': { max: 20, windowSec: 60 },
  'desk.reply': { max: 30, windowSec: 10 },
  'desk.note': { max: 30, windowSec: 10 },
  'desk.answerMessage': { max: 30, windowSec: 60 },
  // Codes: strict, so guessing one is hopeless.
  'admin.claim': { max: 5, windowSec: 600 },
  'admin.acceptInvite': { max: 5, windowSec: 600 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitKey = keyof typeof RATE_LIMITS;

/** The fixed window `now` falls in: its counter id and when it ends (ms since the epoch). */
export function rateWindow(openid: string, key: string, limit: RateLimit, nowMs: number): { id: string; endsAt: number } {
  const size = limit.windowSec * 1000;
  const index = Math.floor(nowMs / size);
  return { id: `${openid}|${key}|${index}`, endsAt: (index + 1) * size };
}

/** Whole seconds until the window ends, at least 1. */
export function retryAfterSec(endsAt: number, nowMs: number): number {
  return Math.max(1, Math.ceil((endsAt - nowMs) / 1000));
}

export function rateLimitedMessage(seconds: number): string {
  return `操作太频繁，请 ${seconds} 秒后再试`;
}

/**
 * Operator overrides (`KEFU_RATE_LIMITS` in a function's environment): JSON keyed `function.action`,
 * `{max, windowSec}` to change a limit, `null` to switch it off. Anything malformed is ignored (null).
 */
export function parseRateOverrides(raw: string | undefined): Record<string, RateLimit | null> | null {
  if (!raw || raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, RateLimit | null> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null) {
      out[key] = null;
      continue;
    }
    const { max, windowSec } = (v ?? {}) as { max?: unknown; windowSec?: unknown };
    const valid = (n: unknown, hi: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= hi;
    if (!valid(max, 100_000) || !valid(windowSec, 86_400)) return null;
    out[key] = { max, windowSec };
  }
  return out;
}
