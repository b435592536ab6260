// 热门问题: what customers open most, and what helped them. A vote says more than a view, and an
// answer marked "not helpful" should not be pushed to everyone.

export const HOT_WEIGHTS = { view: 1, helpful: 5, notHelpful: -3 } as const;

export interface HotCounters {
  id: string;
  views?: number;
  helpful?: number;
  notHelpful?: number;
}

export function hotScore(e: HotCounters): number {
  return (e.views ?? 0) * HOT_WEIGHTS.view + (e.helpful ?? 0) * HOT_WEIGHTS.helpful + (e.notHelpful ?? 0) * HOT_WEIGHTS.notHelpful;
}

/** The `limit` hottest, best first; ties by views, then by id, so the order is stable. */
export function rankHot<T extends HotCounters>(entries: readonly T[], limit: number): T[] {
  return [...entries]
    .sort((a, b) => hotScore(b) - hotScore(a) || (b.views ?? 0) - (a.views ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}
