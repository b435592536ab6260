// Queue priority: VIP customers and urgency words raise it at hand-off; waiting time raises it as it
// grows (aging), so a low-priority customer is never starved. The order is total and deterministic.

export interface PriorityRules {
  /** Added for VIP customers. */
  vipBoost: number;
  /** Words in the customer's messages that mark the conversation urgent (staff-configurable). */
  urgencyWords: readonly string[];
  /** Added once when any urgency word appears. */
  urgencyBoost: number;
  /** Added per full minute of waiting. */
  agingPerMinute: number;
  /** Cap of the aging bonus (so aging alone never beats a much older VIP forever). */
  maxAging: number;
}

export const DEFAULT_URGENCY_WORDS: readonly string[] = ['投诉', '生气', '太慢', '差评', '退款', '紧急', '马上', '骗'];

export const DEFAULT_PRIORITY_RULES: PriorityRules = {
  vipBoost: 20,
  urgencyWords: DEFAULT_URGENCY_WORDS,
  urgencyBoost: 10,
  agingPerMinute: 1,
  maxAging: 60,
};

/** True when the text contains one of the urgency words. */
export function isUrgent(text: string, words: readonly string[]): boolean {
  return words.some((w) => w.length > 0 && text.includes(w));
}

/** Priority fixed at hand-off from who the customer is and what they wrote. */
export function basePriority(input: { vip: boolean; texts: readonly string[] }, rules: PriorityRules = DEFAULT_PRIORITY_RULES): number {
  let p = 0;
  if (input.vip) p += rules.vipBoost;
  if (input.texts.some((t) => isUrgent(t, rules.urgencyWords))) p += rules.urgencyBoost;
  return p;
}

/** Base priority plus the aging bonus after waiting since `queuedAt` (epoch ms). */
export function effectivePriority(base: number, queuedAt: number, now: number, rules: PriorityRules = DEFAULT_PRIORITY_RULES): number {
  const minutes = Math.max(0, Math.floor((now - queuedAt) / 60_000));
  return base + Math.min(rules.maxAging, minutes * rules.agingPerMinute);
}

/** A queued conversation as the queue order sees it. */
export interface QueueItem {
  id: string;
  /** Base priority (basePriority at hand-off). */
  priority: number;
  /** Epoch ms it entered the queue (the hand-off; kept when it comes back to the queue). */
  queuedAt: number;
  /** Came back from an agent who went offline: served before everyone else. */
  front?: boolean;
}

/**
 * The queue order: returned-to-front first, then higher effective priority, then earlier queuedAt,
 * then id — a total order, so every run and every reader agree on positions.
 */
export function queueOrder<T extends QueueItem>(items: readonly T[], now: number, rules: PriorityRules = DEFAULT_PRIORITY_RULES): T[] {
  const key = new Map(items.map((i) => [i.id, effectivePriority(i.priority, i.queuedAt, now, rules)]));
  return [...items].sort(
    (a, b) =>
      Number(b.front === true) - Number(a.front === true) ||
      (key.get(b.id) ?? 0) - (key.get(a.id) ?? 0) ||
      a.queuedAt - b.queuedAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
