// Reports for the manager console: overview, time series, per-agent numbers, staffing advice (Erlang C)
// and the daily rollups behind them. Numbers come from reporting events and rollups (stats.data.ts),
// the math from core/stats. Agents see only their own numbers; QA and managers see everyone's.
import type { StatsAgentRow, StatsCategoryRow, StatsNumbers, StatsOverview, StatsRollupResult, StatsScope, StatsStaffing, StatsTargets, StatsTimeseries } from '../../core/api';
import { AppError } from '../../core/envelope';
import { ANY_STAFF, MANAGERS, type Role } from '../../core/roles';
import { MAX_HOURLY_DAYS, statsSchemas } from '../../core/schemas/stats.schema';
import {
  addDays,
  addSums,
  bucketKeys,
  CATEGORY_EVENT_TYPES,
  categoryCounts,
  daysBetween,
  dayKey,
  emptySums,
  frtDistribution,
  hourKey,
  mergeAggregates,
  metricsOf,
  packHours,
  packSums,
  metricValue,
  previousPeriod,
  staffingByHour,
  targetsFrom,
  weekHoursOf,
  weekStart,
  type Aggregate,
  type Granularity,
  type Sums,
} from '../../core/stats';
import { db, _ } from '../_shared/cloud';
import { first, rows, total } from '../_shared/db';
import { action, type CallContext } from '../_shared/handler';
import type { UserDoc } from '../_shared/users.repo';
import { faqLearningActions } from '../faq/faq.learning.actions';
import { computeDayWithCarry, isEmptyAggregate, periodEvents, readAgents, readDays, rollupId, rollups, type RollupDoc } from './stats.data';
import { saveSettingsDoc } from '../_shared/settings';

const STAFFING_WEEKS = 4;
const TARGETS_ID = 'stats_targets';
/** Who reads the KPI targets (the dashboard's viewers); managers change them. */
const TARGET_READERS: readonly Role[] = ['qa', ...MANAGERS];

/** The KPI targets as stored (each value checked), else the defaults. */
async function readTargets(): Promise<StatsTargets> {
  const doc = await first<Partial<Record<keyof StatsTargets, unknown>> & { updatedAt?: Date | string }>(db.collection('settings').where({ _id: TARGETS_ID }));
  const updatedAt = doc?.updatedAt ? new Date(doc.updatedAt) : null;
  return { ...targetsFrom(doc), custom: doc !== null, ...(updatedAt && Number.isFinite(updatedAt.getTime()) ? { updatedAt: updatedAt.toISOString() } : {}) };
}

const UNCATEGORISED = '未分类';

/** The scope a caller may see: agents always their own; QA and managers everything, or a group or an agent. */
function scopeOf(ctx: CallContext, input: { groupId?: string; agentId?: string }): StatsScope {
  if (input.groupId && input.agentId) throw new AppError('INVALID_INPUT', '请只指定技能组或客服其中之一');
  if (ctx.role === 'agent') {
    if (input.groupId || (input.agentId && input.agentId !== ctx.openid)) throw new AppError('FORBIDDEN', '客服只能查看自己的数据');
    return `agent:${ctx.openid}`;
  }
  if (input.groupId) return `group:${input.groupId}`;
  if (input.agentId) return `agent:${input.agentId}`;
  return 'all';
}

/** An agent's "conversations" are the ones given to them; bot self-service is not theirs to have. */
function numbersOf(a: Aggregate, scope: StatsScope, from: string, to: string): StatsNumbers {
  const m = metricsOf(a);
  if (scope.startsWith('agent:')) return { ...m, conversations: a.assigned, handoffs: a.assigned, botSelfServiceRate: null, from, to };
  return { ...m, from, to };
}

async function periodAggregate(from: string, to: string, scope: StatsScope, now: Date): Promise<Aggregate> {
  return mergeAggregates([...(await readDays(from, to, scope, now)).values()]);
}

async function queueNow(ctx: CallContext, scope: StatsScope): Promise<number> {
  const where: Record<string, unknown> = { status: 'queued' };
  if (scope.startsWith('group:')) where.groupId = scope.slice(6);
  if (scope.startsWith('agent:')) {
    const me = scope.slice(6) === ctx.openid ? ctx.user : (await rows<UserDoc>(db.collection('users').where({ _id: scope.slice(6) }).limit(1)))[0];
    where.groupId = _.in(me?.groups?.length ? me.groups : ['']);
  }
  return total(db.collection('conversations').where(where));
}

/** The value of a metric in each bucket; `sums` must already be those of the bucket. */
function seriesPoints(metric: Parameters<typeof metricValue>[0], buckets: ReadonlyArray<[string, Sums]>, scope: StatsScope) {
  return buckets.map(([t, s]) => {
    // For an agent, "conversations" are the ones given to them (as in overview).
    const sums = scope.startsWith('agent:') && (metric === 'conversations' || metric === 'handoffs') ? { ...s, conversations: s.assigned, handoffs: s.assigned } : s;
    return { t, value: scope.startsWith('agent:') && metric === 'botSelfServiceRate' ? null : metricValue(metric, sums) };
  });
}

/** Rolls up one day that is over: every scope it has data for, `doc(id).set` (idempotent), stale ones removed. */
export async function rollupDay(day: string, now: Date): Promise<StatsRollupResult> {
  const { aggregates, carry } = await computeDayWithCarry(day, now);
  const agentTable: Record<string, string> = {};
  for (const [scope, agg] of aggregates) if (scope.startsWith('agent:') && !isEmptyAggregate(agg)) agentTable[scope.slice(6)] = packSums(agg);
  const ids: string[] = [];
  for (const [scope, agg] of aggregates) {
    if (scope !== 'all' && isEmptyAggregate(agg)) continue;
    const kind = scope === 'all' ? 'all' : scope.startsWith('group:') ? 'group' : 'agent';
    const doc: Omit<RollupDoc, '_id'> = {
      ...agg,
      hours: packHours(agg.hours ?? []),
      day,
      scope,
      kind,
      key: scope === 'all' ? '' : scope.slice(scope.indexOf(':') + 1),
      ...(scope === 'all' ? { carry, agents: agentTable } : {}),
    };
    const id = rollupId(day, scope);
    await rollups().doc(id).set({ data: doc });
    ids.push(id);
  }
  const existing = await rows<{ _id: string }>(rollups().where({ day }).field({ _id: true }).limit(1000));
  const stale = existing.map((d) => d._id).filter((id) => !ids.includes(id));
  if (stale.length > 0) await rollups().where({ _id: _.in(stale) }).remove();
  return { day, ids, removed: stale.length };
}

/** The nightly timer: yesterday and the day before (late events of a conversation that crossed midnight). */
export async function nightlyRollup(now: Date): Promise<StatsRollupResult[]> {
  const today = dayKey(now);
  return [await rollupDay(addDays(today, -2), now), await rollupDay(addDays(today, -1), now)];
}

export const statsActions = {
  overview: action({
    access: ANY_STAFF,
    input: statsSchemas.overview,
    async run(ctx, input): Promise<StatsOverview> {
      const scope = scopeOf(ctx, input);
      const prev = previousPeriod(input.from, input.to);
      const [current, previous, queued] = await Promise.all([
        periodAggregate(input.from, input.to, scope, ctx.now),
        periodAggregate(prev.from, prev.to, scope, ctx.now),
        queueNow(ctx, scope),
      ]);
      return {
        ...numbersOf(current, scope, input.from, input.to),
        scope,
        queueNow: queued,
        frtDistribution: frtDistribution(current.frtHist),
        previous: numbersOf(previous, scope, prev.from, prev.to),
      };
    },
  }),

  timeseries: action({
    access: ANY_STAFF,
    input: statsSchemas.timeseries,
    async run(ctx, input): Promise<StatsTimeseries> {
      const scope = scopeOf(ctx, input);
      let granularity: Granularity = input.granularity;
      let clamped: string | undefined;
      if (granularity === 'hour' && daysBetween(input.from, input.to) > MAX_HOURLY_DAYS) {
        granularity = 'day';
        clamped = `按小时统计最多 ${MAX_HOURLY_DAYS} 天，已改为按天统计`;
      }
      const days = await readDays(input.from, input.to, scope, ctx.now, granularity === 'hour');
      const buckets = new Map<string, Sums>(bucketKeys(input.from, input.to, granularity).map((k) => [k, emptySums()]));
      for (const [day, agg] of days) {
        if (granularity === 'hour') {
          (agg.hours ?? []).forEach((h, i) => addSums(buckets.get(hourKey(day, i))!, h));
        } else {
          addSums(buckets.get(granularity === 'week' ? weekStart(day) : day)!, agg);
        }
      }
      return { metric: input.metric, granularity, scope, points: seriesPoints(input.metric, [...buckets.entries()], scope), ...(clamped ? { clamped } : {}) };
    },
  }),

  agents: action({
    access: ANY_STAFF,
    input: statsSchemas.agents,
    async run(ctx, input): Promise<StatsAgentRow[]> {
      const byAgent = await readAgents(input.from, input.to, ctx.now);
      // Agents see their own row only (an empty one when they had nothing in the period).
      const ids = ctx.role === 'agent' ? [ctx.openid] : [...byAgent.keys()].sort();
      const users = ids.length > 0 ? await rows<UserDoc>(db.collection('users').where({ _id: _.in(ids) }).field({ _id: true, name: true }).limit(1000)) : [];
      const names = new Map(users.map((u) => [u._id, u.name]));
      return ids.map((agentId) => {
        const a = byAgent.get(agentId) ?? mergeAggregates([]);
        const m = metricsOf(a);
        return {
          agentId,
          name: names.get(agentId) ?? '',
          conversations: a.assigned,
          replies: a.replies,
          frt: { mean: m.frt.mean, count: m.frt.count },
          closed: m.closed,
          resolutionRate: m.resolutionRate,
          handleTime: m.handleTime,
          csat: m.csat,
          utilization: m.utilization,
        };
      });
    },
  }),

  categories: action({
    access: TARGET_READERS,
    input: statsSchemas.categories,
    async run(_ctx, input): Promise<StatsCategoryRow[]> {
      const counts = categoryCounts(await periodEvents(input.from, input.to, CATEGORY_EVENT_TYPES));
      const ids = counts.map((c) => c.categoryId).filter((c): c is string => c !== null);
      const cats = ids.length > 0 ? await rows<{ _id: string; name?: string }>(db.collection('faq_categories').where({ _id: _.in(ids) }).field({ _id: true, name: true }).limit(1000)) : [];
      const names = new Map(cats.map((c) => [c._id, String(c.name ?? '')]));
      return counts.map((c) => ({
        categoryId: c.categoryId,
        // A category deleted since: its id stands for the name.
        name: c.categoryId === null ? UNCATEGORISED : names.get(c.categoryId) || c.categoryId,
        conversations: c.conversations,
        botAnswered: c.botAnswered,
        handoffs: c.handoffs,
        botSelfServiceRate: c.conversations > 0 ? Math.round((c.selfServed / c.conversations) * 10000) / 10000 : null,
        notHelpful: c.notHelpful,
      }));
    },
  }),

  staffing: action({
    access: MANAGERS,
    input: statsSchemas.staffing,
    async run(ctx, input): Promise<StatsStaffing> {
      // The last 4 complete weeks: each weekday appears exactly 4 times.
      const to = addDays(dayKey(ctx.now), -1);
      const from = addDays(to, -(STAFFING_WEEKS * 7 - 1));
      const days = await readDays(from, to, 'all', ctx.now, true);
      const all = mergeAggregates([...days.values()]);
      const meanHandleSec = all.handleCount > 0 ? Math.round(all.handleSum / all.handleCount) : 300;
      // Conversations held at once, as staffed: capacity-weighted online time ÷ online time.
      let capacity = all.onlineSec > 0 ? all.capacitySec / all.onlineSec : 0;
      if (!(capacity >= 1)) {
        const staff = await rows<UserDoc>(db.collection('users').where({ role: _.in(['agent', 'supervisor']) }).field({ capacity: true }).limit(1000));
        const caps = staff.map((u) => u.capacity).filter((c) => typeof c === 'number' && c > 0);
        capacity = caps.length > 0 ? caps.reduce((s, c) => s + c, 0) / caps.length : 1;
      }
      capacity = Math.round(capacity * 100) / 100;
      const week = weekHoursOf([...days.entries()].map(([day, a]) => ({ day, hours: a.hours })));
      return {
        method: 'erlang_c',
        from,
        to,
        weeks: STAFFING_WEEKS,
        targetSec: input.targetSec,
        level: input.level,
        meanHandleSec,
        capacity,
        hours: staffingByHour({ ...week, weeks: STAFFING_WEEKS, meanHandleSec, targetSec: input.targetSec, level: input.level, capacity }),
        note: `Erlang C（M/M/c）：按近 ${STAFFING_WEEKS} 周每小时的转人工量与平均处理时长 ${meanHandleSec} 秒，计算 ${Math.round(input.level * 100)}% 的会话在 ${input.targetSec} 秒内接起所需的接待位；按每人同时接待 ${capacity} 个折算人数${all.handleCount > 0 ? '' : '（暂无已结束会话，处理时长按 300 秒估计）'}。`,
      };
    },
  }),

  rollup: action({
    access: MANAGERS,
    input: statsSchemas.rollup,
    async run(ctx, input): Promise<StatsRollupResult> {
      if (input.day >= dayKey(ctx.now)) throw new AppError('INVALID_INPUT', '只能汇总已经结束的日期（今天的数据实时计算）');
      return rollupDay(input.day, ctx.now);
    },
  }),

  targets: action({
    access: TARGET_READERS,
    input: statsSchemas.targets,
    async run(): Promise<StatsTargets> {
      return readTargets();
    },
  }),

  saveTargets: action({
    access: MANAGERS,
    input: statsSchemas.saveTargets,
    async run(ctx, input): Promise<StatsTargets> {
      const before = await readTargets();
      const values = { frtSec: input.frtSec, resolutionRate: input.resolutionRate, csat: input.csat, utilization: input.utilization };
      const { custom: _c, updatedAt: _u, ...was } = before;
      // Before: the targets in force, the defaults when none were saved yet.
      await saveSettingsDoc(ctx, TARGETS_ID, 'stats.targets', was, values);
      return { ...values, custom: true, updatedAt: ctx.now.toISOString() };
    },
  }),

  /** The unanswered-question report of the learning loop (the same as `faq.unanswered`), for the report pages. */
  unanswered: faqLearningActions.unanswered,
};
