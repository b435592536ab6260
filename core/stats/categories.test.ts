import { describe, expect, it } from 'vitest';
import { categoryCounts, conversationCategories } from './categories';
import type { StatEvent } from './aggregate';

const at = (min: number) => new Date(Date.UTC(2026, 11, 1, 2, min));

describe('categoryCounts', () => {
  const events: StatEvent[] = [
    // c1: started in cat-a, answered from a cat-b entry (stays cat-a), handed over.
    { type: 'conversation_started', conversationId: 'c1', categoryId: 'cat-a', at: at(0) },
    { type: 'bot_answered', conversationId: 'c1', outcome: 'answered', categoryId: 'cat-b', at: at(1) },
    { type: 'handoff', conversationId: 'c1', categoryId: 'cat-a', at: at(2) },
    // c2: no category at start; the first answered entry's (cat-b); a suggestion does not count as answered.
    { type: 'conversation_started', conversationId: 'c2', at: at(3) },
    { type: 'bot_answered', conversationId: 'c2', outcome: 'suggested', at: at(4) },
    { type: 'bot_answered', conversationId: 'c2', outcome: 'answered', categoryId: 'cat-b', at: at(5) },
    { type: 'bot_answered', conversationId: 'c2', outcome: 'answered', categoryId: 'cat-a', at: at(6) },
    // c3: nothing known; a "not helpful" without a conversation goes by its own category.
    { type: 'conversation_started', conversationId: 'c3', at: at(7) },
    { type: 'bot_not_helpful', categoryId: 'cat-a', at: at(8) },
  ];

  it("gives each conversation the category it started with, else its first answered entry's", () => {
    expect(Object.fromEntries(conversationCategories(events))).toEqual({ c1: 'cat-a', c2: 'cat-b' });
  });

  it('counts per category, most conversations first, uncategorised last among equals', () => {
    expect(categoryCounts(events)).toEqual([
      { categoryId: 'cat-a', conversations: 1, botAnswered: 1, handoffs: 1, selfServed: 0, notHelpful: 1 },
      { categoryId: 'cat-b', conversations: 1, botAnswered: 2, handoffs: 0, selfServed: 1, notHelpful: 0 },
      { categoryId: null, conversations: 1, botAnswered: 0, handoffs: 0, selfServed: 1, notHelpful: 0 },
    ]);
    expect(categoryCounts([])).toEqual([]);
  });
});
