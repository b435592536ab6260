// 数据看板: the service's numbers for a period (KPI cards against the targets, with the change from
// the period before), trends as line charts, agents compared, and the questions the bot could not answer.
import { stopPullDownRefresh, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useMemo, useState, type ReactNode } from 'react';
import type { StatsAgentRow, StatsOverview, StatsTimeseries } from '../../../../core/api';
import { call } from '../../../api/client';
import { EmptyState, ErrorState, LoadingState, PageState } from '../../../components/PageState';
import { useMe } from '../../../hooks/useMe';
import { useRequest } from '../../../hooks/useRequest';
import { mayOpenManager } from '../../../utils/routes';
import { Chart } from '../../components/Chart';
import { barOption, formatValue, lineOption, pointLabel, type ValueKind } from '../../components/Chart/option';
import { changeOf, DEFAULT_RANGE, periodOf, RANGE_DAYS, TARGETS, targetStatus, type Change, type RangeKey, type Target } from './kpis';
import './index.scss';

const TEXT = {
  title: '数据看板',
  notStaff: '此页面仅供主管、管理员和质检使用',
  ranges: { today: '今天', '7d': '近7天', '30d': '近30天', '90d': '近90天' } satisfies Record<RangeKey, string>,
  period: (from: string, to: string) => (from === to ? `统计日期：${from}（北京时间）` : `统计日期：${from} 至 ${to}（北京时间）`),
  none: '—',
  kpi: {
    conversations: '会话量',
    handoffs: '转人工',
    frt: '首次响应',
    resolution: '解决率',
    csat: '满意度',
    utilization: '坐席利用率',
    botSelfService: '机器人自助率',
    appointments: '预约',
    queue: '当前排队',
  },
  csatValue: (mean: string) => `${mean} / 5`,
  csatShare: (share: string) => `4–5 分占 ${share}`,
  change: { up: '↑', down: '↓', flat: '持平', label: '较上期' },
  live: '实时',
  target: { max: (v: string) => `目标 ≤ ${v}`, min: (v: string) => `目标 ≥ ${v}` },
  met: '达标',
  missed: '未达标',
  charts: {
    daily: '会话量趋势（按天）',
    hourly: '今日会话量（按小时）',
    frt: '首次响应趋势（秒）',
    csat: '满意度趋势（1–5 分）',
    bot: '机器人自助率趋势',
    agents: '坐席会话量对比',
    unanswered: '未解决问题 Top 5',
  },
  series: { conversations: '会话量', frt: '首次响应', csat: '满意度', bot: '自助率', agentConversations: '会话量' },
  noData: '暂无数据',
  noAgents: '该时段没有坐席接待记录',
  noUnanswered: '该时段没有未解决的问题',
  unnamed: '未命名坐席',
  times: (n: number) => `${n} 次`,
} as const;

const RANGES: readonly RangeKey[] = ['today', '7d', '30d', '90d'];
const TREND_METRICS = ['conversations', 'frt', 'csat', 'botSelfServiceRate'] as const;
type TrendMetric = (typeof TREND_METRICS)[number];
const TOP_AGENTS = 10;
const TOP_UNANSWERED = 5;

export default function DashboardPage() {
  const { me, loading, error, reload } = useMe();
  if (!me) {
    return <View className="kefu-page kefu-dashboard">{loading ? <LoadingState /> : <ErrorState error={error} onRetry={() => void reload()} />}</View>;
  }
  if (!mayOpenManager(me.role)) {
    return (
      <View className="kefu-page kefu-dashboard">
        <EmptyState text={TEXT.notStaff} />
      </View>
    );
  }
  return <Dashboard />;
}

function Dashboard() {
  const [range, setRange] = useState<RangeKey>(DEFAULT_RANGE);
  // Today is read when the range is picked or the page refreshed, on the UTC+8 clock.
  const [refreshed, setRefreshed] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const period = useMemo(() => periodOf(range, new Date()), [range, refreshed]);
  const today = period.to;
  const { from, to } = period;

  const overview = useRequest(() => call('stats', 'overview', { from, to }), [from, to]);
  const trends = useRequest(
    () => Promise.all(TREND_METRICS.map((metric) => call('stats', 'timeseries', { from, to, metric, granularity: 'day' }))),
    [from, to],
  );
  const hourly = useRequest(() => call('stats', 'timeseries', { from: today, to: today, metric: 'conversations', granularity: 'hour' }), [today]);
  const agents = useRequest(() => call('stats', 'agents', { from, to }), [from, to]);
  const unanswered = useRequest(() => call('stats', 'unanswered', { days: RANGE_DAYS[range] }), [range]);

  const reloadAll = () => Promise.all([overview.reload(), trends.reload(), hourly.reload(), agents.reload(), unanswered.reload()]).then(() => undefined);

  usePullDownRefresh(() => {
    const before = periodOf(range, new Date());
    // A new day re-reads through the changed period; otherwise everything is read again.
    const work = before.to !== today ? Promise.resolve(setRefreshed((n) => n + 1)) : reloadAll();
    void work.finally(() => void stopPullDownRefresh());
  });

  const byMetric = (metric: TrendMetric): StatsTimeseries | undefined => trends.data?.[TREND_METRICS.indexOf(metric)];

  return (
    <View className="kefu-page kefu-dashboard">
      <View className="kefu-dashboard__ranges" data-testid="dashboard-ranges">
        {RANGES.map((key) => (
          <View key={key} className={`kefu-dashboard__range${key === range ? ' kefu-dashboard__range--active' : ''}`} data-testid={`range-${key}`} onClick={() => setRange(key)}>
            {TEXT.ranges[key]}
          </View>
        ))}
      </View>
      <Text className="kefu-muted kefu-dashboard__period" data-testid="dashboard-period">
        {TEXT.period(from, to)}
      </Text>

      <PageState data={overview.data} error={overview.error} onRetry={() => void reloadAll()}>
        {(data) => <KpiGrid data={data} />}
      </PageState>

      <ChartCard title={TEXT.charts.daily} request={byMetric('conversations')} error={trends.error} onRetry={trends.reload}>
        {(s) => <TrendChart id="dashboard-chart-daily" testId="chart-daily" series={s} name={TEXT.series.conversations} kind="count" />}
      </ChartCard>
      <ChartCard title={TEXT.charts.hourly} request={hourly.data} error={hourly.error} onRetry={hourly.reload}>
        {(s) => <TrendChart id="dashboard-chart-hourly" testId="chart-hourly" series={s} name={TEXT.series.conversations} kind="count" />}
      </ChartCard>
      <ChartCard title={TEXT.charts.frt} request={byMetric('frt')} error={trends.error} onRetry={trends.reload}>
        {(s) => <TrendChart id="dashboard-chart-frt" testId="chart-frt" series={s} name={TEXT.series.frt} kind="seconds" />}
      </ChartCard>
      <ChartCard title={TEXT.charts.csat} request={byMetric('csat')} error={trends.error} onRetry={trends.reload}>
        {(s) => <TrendChart id="dashboard-chart-csat" testId="chart-csat" series={s} name={TEXT.series.csat} kind="score" />}
      </ChartCard>
      <ChartCard title={TEXT.charts.bot} request={byMetric('botSelfServiceRate')} error={trends.error} onRetry={trends.reload}>
        {(s) => <TrendChart id="dashboard-chart-bot" testId="chart-bot" series={s} name={TEXT.series.bot} kind="percent" />}
      </ChartCard>
      <ChartCard title={TEXT.charts.agents} request={agents.data} error={agents.error} onRetry={agents.reload}>
        {(rows) => <AgentsChart rows={rows} />}
      </ChartCard>
      <ChartCard title={TEXT.charts.unanswered} request={unanswered.data} error={unanswered.error} onRetry={unanswered.reload}>
        {(report) =>
          report.groups.length === 0 ? (
            <Text className="kefu-muted kefu-dashboard__empty">{TEXT.noUnanswered}</Text>
          ) : (
            <View className="kefu-dashboard__questions" data-testid="dashboard-unanswered">
              {[...report.groups]
                .sort((a, b) => b.count - a.count)
                .slice(0, TOP_UNANSWERED)
                .map((g, i) => (
                  <View key={g.key} className="kefu-dashboard__question" data-testid="unanswered-item">
                    <Text className="kefu-dashboard__rank">{i + 1}</Text>
                    <Text className="kefu-dashboard__question-text">{g.question}</Text>
                    <Text className="kefu-dashboard__question-count">{TEXT.times(g.count)}</Text>
                  </View>
                ))}
            </View>
          )
        }
      </ChartCard>
    </View>
  );
}

// ---- KPI cards ----

interface KpiSpec {
  key: string;
  label: string;
  value: (o: StatsOverview | StatsOverview['previous']) => number | null;
  kind: ValueKind;
  target?: Target;
  /** A second line under the value (CSAT: the share of 4–5). */
  extra?: (o: StatsOverview) => string | null;
  /** A value of now, not of the period: no comparison. */
  live?: boolean;
}

const KPIS: readonly KpiSpec[] = [
  { key: 'conversations', label: TEXT.kpi.conversations, value: (o) => o.conversations, kind: 'count' },
  { key: 'handoffs', label: TEXT.kpi.handoffs, value: (o) => o.handoffs, kind: 'count' },
  { key: 'frt', label: TEXT.kpi.frt, value: (o) => o.frt.mean, kind: 'seconds', target: TARGETS.frt },
  { key: 'resolution', label: TEXT.kpi.resolution, value: (o) => o.resolutionRate, kind: 'percent', target: TARGETS.resolutionRate },
  {
    key: 'csat',
    label: TEXT.kpi.csat,
    value: (o) => o.csat.mean,
    kind: 'score',
    target: TARGETS.csat,
    extra: (o) => (o.csat.share45 === null ? null : TEXT.csatShare(formatValue('percent', o.csat.share45))),
  },
  { key: 'utilization', label: TEXT.kpi.utilization, value: (o) => o.utilization, kind: 'percent', target: TARGETS.utilization },
  { key: 'botSelfService', label: TEXT.kpi.botSelfService, value: (o) => o.botSelfServiceRate, kind: 'percent' },
  { key: 'appointments', label: TEXT.kpi.appointments, value: (o) => o.appointments.booked, kind: 'count' },
  { key: 'queue', label: TEXT.kpi.queue, value: (o) => ('queueNow' in o ? o.queueNow : null), kind: 'count', live: true },
];

/** A KPI's value as shown: 「—」 for no data; CSAT as `4.62 / 5`. */
function kpiText(kind: ValueKind, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return TEXT.none;
  if (kind === 'score') return TEXT.csatValue(value.toFixed(2));
  return formatValue(kind, value);
}

function targetText(kind: ValueKind, target: Target): string {
  return 'max' in target ? TEXT.target.max(kpiText(kind, target.max)) : TEXT.target.min(kind === 'score' ? target.min.toFixed(1) : kpiText(kind, target.min));
}

function changeText(change: Change | null): string {
  if (!change) return `${TEXT.change.label} ${TEXT.none}`;
  if (change.direction === 'flat') return `${TEXT.change.label} ${TEXT.change.flat}`;
  return `${TEXT.change.label} ${TEXT.change[change.direction]} ${change.percent}%`;
}

function KpiGrid({ data }: { data: StatsOverview }) {
  return (
    <View className="kefu-dashboard__kpis" data-testid="dashboard-kpis">
      {KPIS.map((spec) => {
        const value = spec.value(data);
        const status = targetStatus(value, spec.target);
        const change = spec.live ? null : changeOf(value, spec.value(data.previous));
        const extra = spec.extra?.(data) ?? null;
        return (
          <View key={spec.key} className={`kefu-dashboard__kpi kefu-dashboard__kpi--${status}`} data-testid={`kpi-${spec.key}`} data-status={status}>
            <Text className="kefu-dashboard__kpi-label">{spec.label}</Text>
            <Text className="kefu-dashboard__kpi-value" data-testid="kpi-value">
              {kpiText(spec.kind, value)}
            </Text>
            {extra ? <Text className="kefu-dashboard__kpi-extra">{extra}</Text> : null}
            {spec.live ? (
              <Text className="kefu-dashboard__kpi-change">{TEXT.live}</Text>
            ) : (
              <Text className={`kefu-dashboard__kpi-change kefu-dashboard__kpi-change--${change?.direction ?? 'none'}`} data-testid="kpi-change">
                {changeText(change)}
              </Text>
            )}
            {spec.target ? (
              <Text className="kefu-dashboard__kpi-target" data-testid="kpi-target">
                {targetText(spec.kind, spec.target)}
                {status === 'none' ? '' : ` · ${status === 'met' ? TEXT.met : TEXT.missed}`}
              </Text>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}

// ---- Charts ----

function ChartCard<T>({ title, request, error, onRetry, children }: { title: string; request: T | undefined; error: unknown; onRetry: () => void; children: (data: T) => ReactNode }) {
  return (
    <View className="kefu-card kefu-dashboard__card">
      <Text className="kefu-dashboard__card-title">{title}</Text>
      <PageState data={request} error={error} onRetry={onRetry}>
        {children}
      </PageState>
    </View>
  );
}

function TrendChart({ id, testId, series, name, kind }: { id: string; testId: string; series: StatsTimeseries; name: string; kind: ValueKind }) {
  const option = useMemo(
    () => lineOption({ categories: series.points.map((p) => pointLabel(p.t)), series: [{ name, data: series.points.map((p) => p.value) }], kind }),
    [series, name, kind],
  );
  const empty = series.points.every((p) => p.value === null);
  return (
    <>
      {series.clamped ? <Text className="kefu-muted kefu-dashboard__note">{series.clamped}</Text> : null}
      {empty ? <Text className="kefu-muted kefu-dashboard__note">{TEXT.noData}</Text> : null}
      <Chart id={id} testId={testId} option={option} />
    </>
  );
}

function AgentsChart({ rows }: { rows: StatsAgentRow[] }) {
  const top = useMemo(() => [...rows].sort((a, b) => b.conversations - a.conversations).slice(0, TOP_AGENTS), [rows]);
  const option = useMemo(
    () => barOption({ categories: top.map((r) => r.name || TEXT.unnamed), series: [{ name: TEXT.series.agentConversations, data: top.map((r) => r.conversations) }], kind: 'count' }),
    [top],
  );
  if (top.length === 0) return <Text className="kefu-muted kefu-dashboard__empty">{TEXT.noAgents}</Text>;
  return <Chart id="dashboard-chart-agents" testId="chart-agents" option={option} height={Math.max(240, top.length * 64 + 48)} />;
}
