import { describe, expect, it } from 'vitest';
import { hotScore, rankHot } from './hot';

describe('hot questions', () => {
  it('weighs a helpful vote above a view and lets not-helpful votes pull an entry down', () => {
    expect(hotScore({ id: 'a', views: 10, helpful: 2, notHelpful: 1 })).toBe(10 + 10 - 3);
    expect(hotScore({ id: 'b' })).toBe(0);
  });

  it('ranks by the blend, then views, then id; limited', () => {
    const ranked = rankHot(
      [
        { id: 'viewed', views: 100, helpful: 0, notHelpful: 10 }, // 70
        { id: 'helpful', views: 40, helpful: 10, notHelpful: 0 }, // 90
        { id: 'tie-b', views: 50, helpful: 0 }, // 50
        { id: 'tie-a', views: 50, helpful: 0 }, // 50
        { id: 'quiet', views: 1 },
      ],
      4,
    );
    expect(ranked.map((e) => e.id)).toEqual(['helpful', 'viewed', 'tie-a', 'tie-b']);
  });
});
