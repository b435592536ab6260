// 数据看板: the service's numbers for a period (KPI cards against the targets, with the change from
// the period before), trends as line charts, agents compared, and the questions the bot could not answer.
import Taro, { stopPullDownRefresh, usePullDownRefresh } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { useMemo, useState, type ReactNode } from 'react';
import type { StatsAgentRow, StatsOverview, StatsStaffing, StatsTargets, StatsTimeseries } from '../../../../core/api';
import type { Role } from '../../../../core/roles';
import { DEFAULT_STATS_TARGETS } from '../../../../core/stats/targets';
import { call, errorText } from '../../../api/client';
import { Button, Input, Popup } from '../../../components/nutui';
import { EmptyState, ErrorState, LoadingState, PageState } from '../../../components/PageState';
import { useMe } from '../../../hooks/useMe';
import { useRequest } from '../../../hooks/useRequest';
import { mayOpenManager } from '../../../utils/routes';
import { Chart } from '../../components/Chart';
import { barOption, CHART_TEXT, columnOption, formatValue, lineOption, pointLabel, type ValueKind } from '../../components/Chart/option';
import {
  changeOf,
  customChipLabel,
  customRangeProblem,
  DEFAULT_RANGE,
  kpiTargetsOf,
  periodFor,
  periodOf,
  RANGE_DAYS,
  staffingDay,
  TARGETS,
  targetStatus,
  unansweredDays,
  weekdayToday,
  type Change,
  type KpiTargets,
  type Period,
  type RangeChoice,
  type RangeKey,
  type Target,
} from './kpis';
import { CategoryTable } from './CategoryTable';
import './index.scss';

const TEXT = {
  title: '数据看板',
  notStaff: '此页面仅供主管、管理员和质检使用',
  ranges: { today: '今天', '7d': '近7天', '30d': '近30天', '90d': '近90天' } satisfies Record<RangeKey, string>,
  custom: {
    title: '自定义日期范围',
    from: '开始日期',
    to: '结束日期',
    choose: '请选择',
    note: '最长 366 天，不晚于今天（北京时间）',
    confirm: '确定',
    cancel: '取消',
  },
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
    frtDistribution: '首次响应分布',
    csat: '满意度趋势（1–5 分）',
    bot: '机器人自助率趋势',
    agents: '坐席会话量对比',
    unanswered: '未解决问题 Top 5',
  },
  series: { conversations: '会话量', frt: '首次响应', csat: '满意度', bot: '自助率', agentConversations: '会话量', frtCount: '会话数' },
  frtDistributionNote: (n: number) => `共 ${n} 次首次响应（按整秒计，区间含上限）`,
  noData: '暂无数据',
  noAgents: '该时段没有坐席接待记录',
  noUnanswered: '该时段没有未解决的问题',
  unnamed: '未命名坐席',
  times: (n: number) => `${n} 次`,
  staffing: {
    title: '智能排班建议（Erlang C）',
    method: (levelPct: number, targetSec: number) => `方法：Erlang C（M/M/c 排队模型）；目标：${levelPct}% 的会话在 ${targetSec} 秒内接起。`,
    sample: (from: string, to: string, weeks: number) => `样本：${from} 至 ${to}（近 ${weeks} 周）`,
    weekdays: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
    needed: '建议坐席',
    online: '平均在线',
    short: (n: number) => `${n} 个小时人手不足（建议坐席多于平均在线）：`,
    shortHour: (hour: string, needed: number, online: string) => `${hour} 需 ${needed} 人 / 在线 ${online} 人`,
    enough: '这一天各小时的在线人数都够用',
  },
  targets: {
    open: '设置目标',
    title: '设置 KPI 目标',
    frtSec: '首次响应目标（秒，不超过）',
    resolutionRate: '解决率目标（%，不低于）',
    csat: '满意度目标（1–5 分，不低于）',
    utilization: '坐席利用率目标（%，不低于）',
    save: '保存目标',
    cancel: '取消',
    saved: '目标已保存',
    defaults: '当前为默认目标',
  },
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
  return <Dashboard role={me.role} />;
}

/** Staffing advice (stats.staffing) is for managers; QA sees the reports without it. */
const mayStaff = (role: Role) => role === 'supervisor' || role === 'admin';

function Dashboard({ role }: { role: Role }) {
  const [range, setRange] = useState<RangeChoice>(DEFAULT_RANGE);
  // The custom period, once one was chosen; the sheet choosing it.
  const [custom, setCustom] = useState<Period | null>(null);
  const [picking, setPicking] = useState(false);
  // Today is read when the range is picked or the page refreshed, on the UTC+8 clock.
  const [refreshed, setRefreshed] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const today = useMemo(() => periodOf('today', new Date()).to, [range, custom, refreshed]);
  const period = useMemo(() => periodFor(range, custom, today), [range, custom, today]);
  const { from, to } = period;
  const unansweredLookBack = range === 'custom' ? unansweredDays(period, new Date()) : RANGE_DAYS[range];

  const overview = useRequest(() => call('stats', 'overview', { from, to }), [from, to]);
  const trends = useRequest(
    () => Promise.all(TREND_METRICS.map((metric) => call('stats', 'timeseries', { from, to, metric, granularity: 'day' }))),
    [from, to],
  );
  const hourly = useRequest(() => call('stats', 'timeseries', { from: today, to: today, metric: 'conversations', granularity: 'hour' }), [today]);
  const agents = useRequest(() => call('stats', 'agents', { from, to }), [from, to]);
  const unanswered = useRequest(() => call('stats', 'unanswered', { days: unansweredLookBack }), [unansweredLookBack]);
  const staffing = useRequest(() => (mayStaff(role) ? call('stats', 'staffing', {}) : Promise.resolve(null)), [role]);
  // The stored targets; the defaults until they arrive (or when they cannot be read).
  const targets = useRequest(() => call('stats', 'targets', {}), []);
  const kpiTargets = useMemo(() => (targets.data ? kpiTargetsOf(targets.data) : TARGETS), [targets.data]);
  const [editing, setEditing] = useState(false);

  const reloadAll = () =>
    Promise.all([overview.reload(), trends.reload(), hourly.reload(), agents.reload(), unanswered.reload(), staffing.reload(), targets.reload()]).then(() => undefined);

  usePullDownRefresh(() => {
    const now = periodOf('today', new Date()).to;
    // A new day re-reads through the changed period; otherwise everything is read again.
    const work = now !== today ? Promise.resolve(setRefreshed((n) => n + 1)) : reloadAll();
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
        <View className={`kefu-dashboard__range${range === 'custom' ? ' kefu-dashboard__range--active' : ''}`} data-testid="range-custom" onClick={() => setPicking(true)}>
          {customChipLabel(range === 'custom' ? custom : null, new Date())}
        </View>
      </View>
      <Text className="kefu-muted kefu-dashboard__period" data-testid="dashboard-period">
        {TEXT.period(from, to)}
      </Text>

      {mayStaff(role) ? (
        <View className="kefu-dashboard__targets-bar">
          {targets.data && !targets.data.custom ? <Text className="kefu-muted">{TEXT.targets.defaults}</Text> : null}
          <View className="kefu-dashboard__targets-open" data-testid="targets-open" onClick={() => setEditing(true)}>
            {TEXT.targets.open}
          </View>
        </View>
      ) : null}

      <PageState data={overview.data} error={overview.error} onRetry={() => void reloadAll()}>
        {(data) => <KpiGrid data={data} targets={kpiTargets} />}
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
      {/* From the overview: its error and retry are shown once, above. */}
      {overview.data ? (
        <ChartCard title={TEXT.charts.frtDistribution} request={overview.data} error={null} onRetry={overview.reload}>
          {(o) => <FrtDistributionChart distribution={o.frtDistribution} />}
        </ChartCard>
      ) : null}
      <ChartCard title={TEXT.charts.csat} request={byMetric('csat')} error={trends.error} onRetry={trends.reload}>
        {(s) => <TrendChart id="dashboard-chart-csat" testId="chart-csat" series={s} name={TEXT.series.csat} kind="score" />}
      </ChartCard>
      <ChartCard title={TEXT.charts.bot} request={byMetric('botSelfServiceRate')} error={trends.error} onRetry={trends.reload}>
        {(s) => <TrendChart id="dashboard-chart-bot" testId="chart-bot" series={s} name={TEXT.series.bot} kind="percent" />}
      </ChartCard>
      <ChartCard title={TEXT.charts.agents} request={agents.data} error={agents.error} onRetry={agents.reload}>
        {(rows) => <AgentsChart rows={rows} />}
      </ChartCard>
      <CategoryTable from={from} to={to} />
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
      {mayStaff(role) ? (
        <ChartCard title={TEXT.staffing.title} request={staffing.data} error={staffing.error} onRetry={staffing.reload}>
          {(advice) => (advice ? <StaffingSection advice={advice} /> : null)}
        </ChartCard>
      ) : null}
      <CustomRangeSheet
        visible={picking}
        current={range === 'custom' ? custom : null}
        today={today}
        onClose={() => setPicking(false)}
        onPick={(p) => {
          setCustom(p);
          setRange('custom');
          setPicking(false);
        }}
      />
      {mayStaff(role) ? (
        <TargetsSheet
          visible={editing}
          current={targets.data ?? null}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void targets.reload();
          }}
        />
      ) : null}
    </View>
  );
}

// ---- KPI cards ----

interface KpiSpec {
  key: string;
  label: string;
  value: (o: StatsOverview | StatsOverview['previous']) => number | null;
  kind: ValueKind;
  target?: keyof KpiTargets;
  /** A second line under the value (CSAT: the share of 4–5). */
  extra?: (o: StatsOverview) => string | null;
  /** A value of now, not of the period: no comparison. */
  live?: boolean;
}

const KPIS: readonly KpiSpec[] = [
  { key: 'conversations', label: TEXT.kpi.conversations, value: (o) => o.conversations, kind: 'count' },
  { key: 'handoffs', label: TEXT.kpi.handoffs, value: (o) => o.handoffs, kind: 'count' },
  { key: 'frt', label: TEXT.kpi.frt, value: (o) => o.frt.mean, kind: 'seconds', target: 'frt' },
  { key: 'resolution', label: TEXT.kpi.resolution, value: (o) => o.resolutionRate, kind: 'percent', target: 'resolutionRate' },
  {
    key: 'csat',
    label: TEXT.kpi.csat,
    value: (o) => o.csat.mean,
    kind: 'score',
    target: 'csat',
    extra: (o) => (o.csat.share45 === null ? null : TEXT.csatShare(formatValue('percent', o.csat.share45))),
  },
  { key: 'utilization', label: TEXT.kpi.utilization, value: (o) => o.utilization, kind: 'percent', target: 'utilization' },
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

function KpiGrid({ data, targets }: { data: StatsOverview; targets: KpiTargets }) {
  return (
    <View className="kefu-dashboard__kpis" data-testid="dashboard-kpis">
      {KPIS.map((spec) => {
        const value = spec.value(data);
        const target = spec.target ? targets[spec.target] : undefined;
        const status = targetStatus(value, target);
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
            {target ? (
              <Text className="kefu-dashboard__kpi-target" data-testid="kpi-target">
                {targetText(spec.kind, target)}
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

function FrtDistributionChart({ distribution }: { distribution: StatsOverview['frtDistribution'] }) {
  const option = useMemo(
    () => columnOption({ categories: distribution.map((b) => b.label), series: [{ name: TEXT.series.frtCount, data: distribution.map((b) => b.count) }], kind: 'count' }),
    [distribution],
  );
  const total = distribution.reduce((n, b) => n + b.count, 0);
  return (
    <>
      <Text className="kefu-muted kefu-dashboard__note" data-testid="frt-distribution-total">
        {total === 0 ? TEXT.noData : TEXT.frtDistributionNote(total)}
      </Text>
      <Chart id="dashboard-chart-frt-distribution" testId="chart-frt-distribution" option={option} height={360} />
    </>
  );
}

const hourText = (h: number) => CHART_TEXT.hour(String(h).padStart(2, '0'));

function StaffingSection({ advice }: { advice: StatsStaffing }) {
  const [weekday, setWeekday] = useState(() => weekdayToday(new Date()));
  const rows = useMemo(() => staffingDay(advice.hours, weekday), [advice, weekday]);
  const option = useMemo(
    () =>
      columnOption({
        categories: rows.map((r) => hourText(r.hour)),
        series: [
          { name: TEXT.staffing.needed, data: rows.map((r) => r.needed) },
          { name: TEXT.staffing.online, data: rows.map((r) => r.online) },
        ],
        kind: 'count',
      }),
    [rows],
  );
  const short = rows.filter((r) => r.short);
  return (
    <View data-testid="dashboard-staffing">
      <Text className="kefu-dashboard__note" data-testid="staffing-method">
        {TEXT.staffing.method(Math.round(advice.level * 100), advice.targetSec)}
      </Text>
      <Text className="kefu-muted kefu-dashboard__note">{TEXT.staffing.sample(advice.from, advice.to, advice.weeks)}</Text>
      <Text className="kefu-muted kefu-dashboard__note" data-testid="staffing-note">
        {advice.note}
      </Text>
      <View className="kefu-dashboard__weekdays" data-testid="staffing-weekdays">
        {TEXT.staffing.weekdays.map((label, i) => (
          <View
            key={label}
            className={`kefu-dashboard__weekday${i + 1 === weekday ? ' kefu-dashboard__weekday--active' : ''}`}
            data-testid={`staffing-day-${i + 1}`}
            onClick={() => setWeekday(i + 1)}
          >
            {label}
          </View>
        ))}
      </View>
      <Chart id="dashboard-chart-staffing" testId="chart-staffing" option={option} height={420} />
      {short.length === 0 ? (
        <Text className="kefu-muted kefu-dashboard__note" data-testid="staffing-short">
          {TEXT.staffing.enough}
        </Text>
      ) : (
        <View className="kefu-dashboard__short" data-testid="staffing-short">
          <Text className="kefu-dashboard__short-title">{TEXT.staffing.short(short.length)}</Text>
          {short.map((r) => (
            <Text key={r.hour} className="kefu-dashboard__short-hour" data-testid="staffing-short-hour">
              {TEXT.staffing.shortHour(hourText(r.hour), r.needed, String(r.online))}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

// ---- KPI targets (supervisors, admins) ----

type TargetKey = 'frtSec' | 'resolutionRate' | 'csat' | 'utilization';
const TARGET_FIELDS: readonly TargetKey[] = ['frtSec', 'resolutionRate', 'csat', 'utilization'];
/** Rates are edited in percent. */
const PERCENT_FIELDS = new Set<TargetKey>(['resolutionRate', 'utilization']);

function draftOf(t: StatsTargets | null): Record<TargetKey, string> {
  const v = t ?? DEFAULT_STATS_TARGETS;
  const show = (k: TargetKey) => String(PERCENT_FIELDS.has(k) ? Math.round(v[k] * 1000) / 10 : v[k]);
  return { frtSec: show('frtSec'), resolutionRate: show('resolutionRate'), csat: show('csat'), utilization: show('utilization') };
}

/** A draft's number (blank or not a number: NaN, which the function rejects with its own message). */
function valueOf(k: TargetKey, text: string): number {
  const n = text.trim() === '' ? Number.NaN : Number(text.trim());
  return PERCENT_FIELDS.has(k) ? Math.round(n * 10) / 1000 : n;
}

function TargetsSheet({ visible, current, onClose, onSaved }: { visible: boolean; current: StatsTargets | null; onClose: () => void; onSaved: () => void }) {
  const [draft, setDraft] = useState(() => draftOf(current));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const [shown, setShown] = useState(false);
  // Each time the sheet opens it starts from the targets in force.
  if (visible !== shown) {
    setShown(visible);
    if (visible) {
      setDraft(draftOf(current));
      setError('');
    }
  }

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setError('');
    try {
      await call('stats', 'saveTargets', {
        frtSec: valueOf('frtSec', draft.frtSec),
        resolutionRate: valueOf('resolutionRate', draft.resolutionRate),
        csat: valueOf('csat', draft.csat),
        utilization: valueOf('utilization', draft.utilization),
      });
      void Taro.showToast({ title: TEXT.targets.saved, icon: 'success' });
      onSaved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible={visible} position="bottom" round title={TEXT.targets.title} onClose={onClose}>
      {visible ? (
        <View className="kefu-dashboard__sheet" data-testid="targets-sheet">
          {TARGET_FIELDS.map((k) => (
            <View key={k} className="kefu-dashboard__sheet-field" data-testid={`target-${k}`}>
              <Text className="kefu-muted">{TEXT.targets[k]}</Text>
              <Input type="digit" value={draft[k]} onChange={(v) => setDraft((d) => ({ ...d, [k]: v }))} />
            </View>
          ))}
          {error ? (
            <Text className="kefu-dashboard__sheet-error" data-testid="targets-error">
              {error}
            </Text>
          ) : null}
          <View className="kefu-dashboard__sheet-actions">
            <Button block onClick={onClose}>
              {TEXT.targets.cancel}
            </Button>
            <Button block type="primary" disabled={saving} data-testid="targets-save" onClick={() => void save()}>
              {TEXT.targets.save}
            </Button>
          </View>
        </View>
      ) : null}
    </Popup>
  );
}

// ---- A custom period ----

function CustomRangeSheet({ visible, current, today, onClose, onPick }: { visible: boolean; current: Period | null; today: string; onClose: () => void; onPick: (p: Period) => void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState('');
  const [shown, setShown] = useState(false);
  // Each time the sheet opens it starts from the period in force (or nothing).
  if (visible !== shown) {
    setShown(visible);
    if (visible) {
      setFrom(current?.from ?? '');
      setTo(current?.to ?? '');
      setError('');
    }
  }

  const confirm = () => {
    const problem = customRangeProblem(from, to, new Date());
    if (problem) {
      setError(problem);
      return;
    }
    onPick({ from, to });
  };

  const field = (key: 'from' | 'to', value: string, set: (v: string) => void) => (
    <View className="kefu-dashboard__sheet-field" data-testid={`custom-${key}`}>
      <Text className="kefu-muted">{TEXT.custom[key]}</Text>
      <Picker
        mode="date"
        value={value || today}
        end={today}
        onChange={(e) => {
          set(String(e.detail.value));
          setError('');
        }}
      >
        <View className="kefu-dashboard__date" data-testid={`custom-${key}-value`}>
          {value || TEXT.custom.choose}
        </View>
      </Picker>
    </View>
  );

  return (
    <Popup visible={visible} position="bottom" round title={TEXT.custom.title} onClose={onClose}>
      {visible ? (
        <View className="kefu-dashboard__sheet" data-testid="custom-sheet">
          {field('from', from, setFrom)}
          {field('to', to, setTo)}
          <Text className="kefu-muted">{TEXT.custom.note}</Text>
          {error ? (
            <Text className="kefu-dashboard__sheet-error" data-testid="custom-error">
              {error}
            </Text>
          ) : null}
          <View className="kefu-dashboard__sheet-actions">
            <Button block onClick={onClose}>
              {TEXT.custom.cancel}
            </Button>
            <Button block type="primary" onClick={confirm}>
              <View data-testid="custom-confirm">{TEXT.custom.confirm}</View>
            </Button>
          </View>
        </View>
      ) : null}
    </Popup>
  );
}
