// Per FAQ category numbers (stats.categories), pure: a period's conversation events in, one row per
// category out. A conversation's category is the one it was started with, else that of the FAQ entry
// the bot first answered it with, else any its events carry; without one it is uncategorised (null).
import type { StatEvent } from './aggregate';

/** The event types the per-category report reads. */
export const CATEGORY_EVENT_TYPES = ['conversation_started', 'bot_answered', 'handoff', 'bot_not_helpful'] as const;

export interface CategoryCounts {
  categoryId: string | null;
  conversations: number;
  botAnswered: number;
  handoffs: number;
  /** Conversations started in the period with no hand-off and no "not helpful" in it. */
  selfServed: number;
  notHelpful: number;
}

const ms = (at: StatEvent['at']) => new Date(at).getTime();

/** Each conversation's category, from its events (see the file comment). */
export function conversationCategories(events: readonly StatEvent[]): Map<string, string> {
  const sorted = [...events].sort((a, b) => ms(a.at) - ms(b.at));
  const started = new Map<string, string>();
  const answered = new Map<string, string>();
  const any = new Map<string, string>();
  for (const e of sorted) {
    if (!e.conversationId || !e.categoryId) continue;
    if (e.type === 'conversation_started' && !started.has(e.conversationId)) started.set(e.conversationId, e.categoryId);
    if (e.type === 'bot_answered' && e.outcome === 'answered' && !answered.has(e.conversationId)) answered.set(e.conversationId, e.categoryId);
    if (!any.has(e.conversationId)) any.set(e.conversationId, e.categoryId);
  }
  const out = new Map(any);
  for (const [id, c] of answered) out.set(id, c);
  for (const [id, c] of started) out.set(id, c);
  return out;
}

/**
 * Counts per category, sorted by conversations (most first), then by id; the uncategorised row (null)
 * only when it has something. `botAnswered`: bot replies that answered with an FAQ entry.
 */
export function categoryCounts(events: readonly StatEvent[]): CategoryCounts[] {
  const categories = conversationCategories(events);
  const escalated = new Set<string>();
  for (const e of events) if ((e.type === 'handoff' || e.type === 'bot_not_helpful') && e.conversationId) escalated.add(e.conversationId);
  const rows = new Map<string | null, CategoryCounts>();
  const row = (id: string | null) => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { categoryId: id, conversations: 0, botAnswered: 0, handoffs: 0, selfServed: 0, notHelpful: 0 }));
    return r;
  };
  for (const e of events) {
    const id = (e.conversationId ? categories.get(e.conversationId) : undefined) ?? e.categoryId ?? null;
    switch (e.type) {
      case 'conversation_started': {
        const r = row(id);
        r.conversations += 1;
        if (!e.conversationId || !escalated.has(e.conversationId)) r.selfServed += 1;
        break;
      }
      case 'bot_answered':
        if (e.outcome === 'answered') row(id).botAnswered += 1;
        break;
      case 'handoff':
        row(id).handoffs += 1;
        break;
      case 'bot_not_helpful':
        row(id).notHelpful += 1;
        break;
    }
  }
  return [...rows.values()].sort((a, b) => b.conversations - a.conversations || (a.categoryId === null ? 1 : b.categoryId === null ? -1 : a.categoryId < b.categoryId ? -1 : 1));
}
