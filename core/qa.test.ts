import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QA_RUBRIC,
  firstResponseSec,
  isDay,
  matchesFilter,
  periodBounds,
  qaReport,
  sampleCandidates,
  scoresProblem,
  seededRandom,
  weightedTotal,
  type QaCandidate,
} from './qa';

const rubric = [
  { key: 'greeting', label: '问候礼貌', weight: 1 },
  { key: 'accuracy', label: '答复准确', weight: 3 },
];

const T0 = Date.parse('2026-11-20T02:00:00Z');
const cand = (id: string, over: Partial<QaCandidate> = {}): QaCandidate => ({
  id,
  handoffAt: T0,
  firstResponseAt: T0 + 10_000,
  closedAt: T0 + 600_000,
  resolved: true,
  rating: null,
  ...over,
});

describe('weighted totals', () => {
  it('is the weighted mean scaled to 100', () => {
    expect(weightedTotal(rubric, { greeting: 5, accuracy: 5 })).toBe(100);
    expect(weightedTotal(rubric, { greeting: 0, accuracy: 0 })).toBe(0);
    // (1×5 + 3×3) / (4×5) = 14/20
    expect(weightedTotal(rubric, { greeting: 5, accuracy: 3 })).toBe(70);
    // (1×4 + 3×3) / 20 = 65; one decimal kept
    expect(weightedTotal(rubric, { greeting: 4, accuracy: 3 })).toBe(65);
    expect(weightedTotal([{ key: 'a', label: 'A', weight: 1 }, { key: 'b', label: 'B', weight: 2 }], { a: 1, b: 2 })).toBe(33.3);
  });

  it('the default rubric: four items, equal maxima, weights that sum to something', () => {
    expect(DEFAULT_QA_RUBRIC.map((i) => i.label)).toEqual(['问候礼貌', '答复准确', '语气态度', '问题解决']);
    expect(weightedTotal(DEFAULT_QA_RUBRIC, { greeting: 5, accuracy: 5, tone: 5, resolution: 5 })).toBe(100);
    expect(weightedTotal(DEFAULT_QA_RUBRIC, { greeting: 4, accuracy: 4, tone: 4, resolution: 4 })).toBe(80);
  });

  it('empty rubric or no weights: 0', () => {
    expect(weightedTotal([], {})).toBe(0);
  });

  it('scores must fit the rubric: every item, known keys, whole numbers 0–5', () => {
    expect(scoresProblem(rubric, { greeting: 5, accuracy: 0 })).toBeNull();
    expect(scoresProblem(rubric, { greeting: 5, accuracy: 3, speed: 4 })).toContain('speed');
    expect(scoresProblem(rubric, { greeting: 5 })).toContain('答复准确');
    expect(scoresProblem(rubric, { greeting: 6, accuracy: 3 })).toContain('问候礼貌');
    expect(scoresProblem(rubric, { greeting: -1, accuracy: 3 })).not.toBeNull();
    expect(scoresProblem(rubric, { greeting: 2.5, accuracy: 3 })).not.toBeNull();
  });
});

describe('sampling', () => {
  const many = Array.from({ length: 30 }, (_, i) => cand(`c${String(i).padStart(2, '0')}`));

  it('random: the same seed gives the same sample whatever order the candidates come in', () => {
    const a = sampleCandidates(many, 'random', 5, 'seed-1').map((c) => c.id);
    const b = sampleCandidates([...many].reverse(), 'random', 5, 'seed-1').map((c) => c.id);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    expect(b).toEqual(a);
    const other = sampleCandidates(many, 'random', 5, 'seed-2').map((c) => c.id);
    expect(other).not.toEqual(a);
  });

  it('random covers everything when the size allows, and the generator is deterministic', () => {
    expect(sampleCandidates(many, 'random', 50, 'x').map((c) => c.id).sort()).toEqual(many.map((c) => c.id));
    const r1 = seededRandom('abc');
    const r2 = seededRandom('abc');
    const xs = [r1(), r1(), r1()];
    expect([r2(), r2(), r2()]).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('low rating: rated ≤ 3, lowest first', () => {
    const list = [cand('a', { rating: 5 }), cand('b', { rating: 3 }), cand('c', { rating: 1 }), cand('d'), cand('e', { rating: 4 })];
    expect(sampleCandidates(list, 'low_rating', 10, 's').map((c) => c.id)).toEqual(['c', 'b']);
  });

  it('slow first response: over 60 s (or never answered), slowest first', () => {
    const list = [
      cand('fast', { firstResponseAt: T0 + 60_000 }),
      cand('slow', { firstResponseAt: T0 + 61_000 }),
      cand('slower', { firstResponseAt: T0 + 300_000 }),
      cand('never', { firstResponseAt: null }),
    ];
    expect(firstResponseSec(list[0]!)).toBe(60);
    expect(matchesFilter(list[0]!, 'slow_first_response')).toBe(false);
    expect(sampleCandidates(list, 'slow_first_response', 10, 's').map((c) => c.id)).toEqual(['never', 'slower', 'slow']);
  });

  it('unresolved: closed with resolved false, latest first; the size limits', () => {
    const list = [cand('r'), cand('u1', { resolved: false, closedAt: T0 + 1000 }), cand('u2', { resolved: false, closedAt: T0 + 2000 }), cand('n', { resolved: null })];
    expect(sampleCandidates(list, 'unresolved', 10, 's').map((c) => c.id)).toEqual(['u2', 'u1']);
    expect(sampleCandidates(list, 'unresolved', 1, 's').map((c) => c.id)).toEqual(['u2']);
  });

  it('empty inputs give empty samples', () => {
    for (const f of ['random', 'low_rating', 'slow_first_response', 'unresolved'] as const) expect(sampleCandidates([], f, 10, 's')).toEqual([]);
  });
});

describe('report', () => {
  it('per agent: count, mean total, mean per item; everyone together', () => {
    const r = qaReport(
      [
        { agentId: 'a1', total: 70, scores: { greeting: 5, accuracy: 3 } },
        { agentId: 'a1', total: 100, scores: { greeting: 5, accuracy: 5 } },
        { agentId: 'a1', total: 65, scores: { greeting: 4, accuracy: 3 } },
        { agentId: 'a2', total: 0, scores: { greeting: 0 } },
      ],
      rubric,
    );
    expect(r.agents).toEqual([
      { agentId: 'a1', reviews: 3, meanTotal: 78.3, items: { greeting: 4.7, accuracy: 3.7 } },
      { agentId: 'a2', reviews: 1, meanTotal: 0, items: { greeting: 0, accuracy: null } },
    ]);
    expect(r.overall).toEqual({ agentId: 'all', reviews: 4, meanTotal: 58.8, items: { greeting: 3.5, accuracy: 3.7 } });
  });

  it('no reviews: no rows, an empty overall', () => {
    expect(qaReport([], rubric)).toEqual({ agents: [], overall: { agentId: 'all', reviews: 0, meanTotal: null, items: { greeting: null, accuracy: null } } });
  });
});

describe('periods (UTC+8)', () => {
  it('from the first day 00:00 +08:00 to the day after the last', () => {
    const { start, end } = periodBounds('2026-11-20', '2026-11-21');
    expect(new Date(start).toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-2-8')).toBe(false);
  });
});
