import { describe, expect, it } from 'vitest';
import {
  basePriority,
  chooseAgent,
  DEFAULT_PRIORITY_RULES,
  effectivePriority,
  eligibleAgents,
  expectedWaitSeconds,
  isUrgent,
  meanHandleSeconds,
  queueOrder,
  replyOverdue,
  selectAgent,
  wantsHuman,
  type AgentState,
  type QueueItem,
} from '.';

const agent = (id: string, over: Partial<AgentState> = {}): AgentState => ({
  id,
  status: 'online',
  groups: ['g1'],
  capacity: 5,
  active: 0,
  lastAssignedAt: 0,
  ...over,
});

describe('eligibility', () => {
  it('keeps online agents of the group under capacity', () => {
    const agents = [
      agent('a'),
      agent('away', { status: 'away' }),
      agent('off', { status: 'offline' }),
      agent('other', { groups: ['g2'] }),
      agent('full', { active: 5 }),
      agent('zero', { capacity: 0 }),
      agent('both', { groups: ['g2', 'g1'], active: 4 }),
    ];
    expect(eligibleAgents(agents, 'g1').map((a) => a.id)).toEqual(['a', 'both']);
  });

  it('drops excluded agents', () => {
    expect(eligibleAgents([agent('a'), agent('b')], 'g1', ['a']).map((a) => a.id)).toEqual(['b']);
  });
});

describe('selection', () => {
  it('least loaded wins', () => {
    expect(selectAgent([agent('a', { active: 2 }), agent('b', { active: 1 }), agent('c', { active: 3 })])?.id).toBe('b');
  });

  it('ties go to the longest idle, then to the id', () => {
    expect(selectAgent([agent('a', { active: 1, lastAssignedAt: 500 }), agent('b', { active: 1, lastAssignedAt: 100 })])?.id).toBe('b');
    expect(selectAgent([agent('b', { active: 1 }), agent('a', { active: 1 })])?.id).toBe('a');
  });

  it('round robin takes turns whatever the load', () => {
    const agents = [agent('a', { active: 0, lastAssignedAt: 300 }), agent('b', { active: 4, lastAssignedAt: 100 })];
    expect(selectAgent(agents, 'round_robin')?.id).toBe('b');
    expect(selectAgent(agents, 'least_loaded')?.id).toBe('a');
  });

  it('nobody eligible: null', () => {
    expect(selectAgent([])).toBeNull();
    expect(chooseAgent([agent('a', { status: 'away' })], 'g1')).toBeNull();
  });

  it('repeated choices spread the load evenly and never exceed capacity', () => {
    const agents = [agent('a', { capacity: 2 }), agent('b', { capacity: 3 })];
    const picks: string[] = [];
    for (let t = 1; t <= 7; t++) {
      const chosen = chooseAgent(agents, 'g1');
      if (!chosen) break;
      chosen.active++;
      chosen.lastAssignedAt = t;
      picks.push(chosen.id);
    }
    expect(picks).toEqual(['a', 'b', 'a', 'b', 'b']);
    expect(agents.map((a) => a.active)).toEqual([2, 3]);
  });
});

describe('priority', () => {
  it('VIP and urgency words raise the base priority', () => {
    expect(basePriority({ vip: false, texts: ['你好'] })).toBe(0);
    expect(basePriority({ vip: true, texts: [] })).toBe(DEFAULT_PRIORITY_RULES.vipBoost);
    expect(basePriority({ vip: true, texts: ['我要投诉', '太慢了'] })).toBe(DEFAULT_PRIORITY_RULES.vipBoost + DEFAULT_PRIORITY_RULES.urgencyBoost);
    expect(isUrgent('物流太慢了', ['太慢'])).toBe(true);
    expect(isUrgent('谢谢', ['太慢', ''])).toBe(false);
  });

  it('aging grows per full minute, capped', () => {
    expect(effectivePriority(0, 0, 59_000)).toBe(0);
    expect(effectivePriority(0, 0, 60_000)).toBe(1);
    expect(effectivePriority(5, 0, 10 * 60_000)).toBe(15);
    expect(effectivePriority(0, 0, 10 * 3600_000)).toBe(DEFAULT_PRIORITY_RULES.maxAging);
    expect(effectivePriority(0, 1000, 0)).toBe(0);
  });

  it('queue order: front, then effective priority, then time, then id', () => {
    const now = 100 * 60_000;
    const items: QueueItem[] = [
      { id: 'plain-late', priority: 0, queuedAt: now - 1000 },
      { id: 'plain-early', priority: 0, queuedAt: now - 2000 },
      { id: 'vip', priority: 20, queuedAt: now - 500 },
      { id: 'returned', priority: 0, queuedAt: now - 100, front: true },
      { id: 'b-same', priority: 0, queuedAt: now - 1000 },
    ];
    expect(queueOrder(items, now).map((i) => i.id)).toEqual(['returned', 'vip', 'plain-early', 'b-same', 'plain-late']);
  });

  it('a long wait overtakes a fresh VIP: nobody starves', () => {
    const now = 100 * 60_000;
    const items: QueueItem[] = [
      { id: 'vip-new', priority: 20, queuedAt: now },
      { id: 'waited-30min', priority: 0, queuedAt: now - 30 * 60_000 },
    ];
    expect(queueOrder(items, now).map((i) => i.id)).toEqual(['waited-30min', 'vip-new']);
  });

  it('does not reorder its input', () => {
    const items: QueueItem[] = [
      { id: 'b', priority: 0, queuedAt: 2 },
      { id: 'a', priority: 0, queuedAt: 1 },
    ];
    queueOrder(items, 10);
    expect(items[0]?.id).toBe('b');
  });
});

describe('expected wait and timeouts', () => {
  it('mean of recent handling times; the default fills in below 5 samples; never below 30 s', () => {
    expect(meanHandleSeconds([])).toBe(300);
    expect(meanHandleSeconds([100, 200, 300, 400, 500, -1, Number.NaN])).toBe(300);
    expect(meanHandleSeconds([60, 60, 60, 60, 60, 60])).toBe(60);
    expect(meanHandleSeconds([0])).toBe(240);
    expect(meanHandleSeconds([1, 1, 1, 1, 1])).toBe(30);
  });

  it('position × mean handle ÷ slots on duty; null when nobody is on duty', () => {
    expect(expectedWaitSeconds(3, 10, 200)).toBe(60);
    expect(expectedWaitSeconds(1, 1, 300)).toBe(300);
    expect(expectedWaitSeconds(0, 2, 300)).toBe(0);
    expect(expectedWaitSeconds(3, 0, 300)).toBeNull();
  });

  it('overdue: no reply since assignment for the timeout', () => {
    expect(replyOverdue({ assignedAt: 0, repliedSinceAssign: false }, 59_999, 60)).toBe(false);
    expect(replyOverdue({ assignedAt: 0, repliedSinceAssign: false }, 60_000, 60)).toBe(true);
    expect(replyOverdue({ assignedAt: 0, repliedSinceAssign: true }, 600_000, 60)).toBe(false);
  });

  it('hand-off keywords', () => {
    expect(wantsHuman('帮我转人工')).toBe(true);
    expect(wantsHuman('人工客服在吗')).toBe(true);
    expect(wantsHuman('热水器不加热')).toBe(false);
  });
});
