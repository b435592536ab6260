// 数据看板 in jsdom: the KPI cards (values, targets, change), the range chips' periods, and what the
// charts were given. echarts cannot draw in jsdom: its module is replaced by a recorder.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsAgentRow, StatsCategoryRow, StatsNumbers, StatsOverview, StatsStaffing, StatsTargets, StatsTimeseries } from '../../core/api';
import type { FunctionEvent } from '../../miniprogram/api/types';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import AgentDeskPage from '../../miniprogram/agent/pages/index/index';
import DashboardPage from '../../miniprogram/manager/pages/dashboard/index';
import ManagerPage from '../../miniprogram/manager/pages/index/index';
import { customChipLabel, customRangeProblem, MAX_CUSTOM_DAYS, periodDays, periodFor, unansweredDays } from '../../miniprogram/manager/pages/dashboard/kpis';
import { routes } from '../../miniprogram/utils/routes';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

/** Every chart echarts was asked to draw: the element, each option set on it, and whether it was disposed. */
const charts = vi.hoisted(() => ({ drawn: [] as Array<{ el: HTMLElement; options: unknown[]; disposed: boolean }> }));
vi.mock('../../miniprogram/manager/components/Chart/echarts', () => ({
  echarts: {
    init(el: HTMLElement) {
      const chart = { el, options: [] as unknown[], disposed: false };
      charts.drawn.push(chart);
      return {
        setOption: (option: unknown) => chart.options.push(option),
        resize: () => undefined,
        dispose: () => {
          chart.disposed = true;
        },
      };
    },
  },
}));

/**
 * Taro's date Picker opens the mini-program's own wheel, which jsdom cannot turn: it is replaced by an
 * input that reports a typed day as the picker reports a chosen one (`detail.value`), with its bounds.
 */
vi.mock('@tarojs/components', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@tarojs/components')>();
  const { createElement } = await import('react');
  function Picker(props: { mode?: string; value?: string; end?: string; onChange?: (e: { detail: { value: string } }) => void; children?: unknown }) {
    return createElement(
      'div',
      { 'data-picker-mode': props.mode, 'data-picker-end': props.end },
      createElement('input', { 'data-testid': 'picker-input', value: props.value ?? '', onChange: (e: { target: { value: string } }) => props.onChange?.({ detail: { value: e.target.value } }) }),
      props.children as never,
    );
  }
  return { ...actual, Picker };
});

function numbers(over: Partial<StatsNumbers> = {}): StatsNumbers {
  return {
    from: '2026-11-26',
    to: '2026-12-02',
    conversations: 120,
    handoffs: 48,
    botSelfServiceRate: 0.6,
    frt: { mean: 15.2, p50: 12, p90: 40, businessMean: 15.2, count: 40 },
    wait: { mean: 30 },
    resolutionRate: 0.7,
    closed: 40,
    handleTime: { mean: 300 },
    csat: { mean: 4.62, share45: 0.9, count: 20 },
    utilization: null,
    appointments: { booked: 6, cancelled: 1, done: 3, noShow: 0 },
    ...over,
  };
}

const FRT_BUCKETS = ['≤10 秒', '10–20 秒', '20–30 秒', '30–60 秒', '1–2 分钟', '2–5 分钟', '>5 分钟'];
const overview: StatsOverview = {
  ...numbers(),
  scope: 'all',
  queueNow: 3,
  frtDistribution: FRT_BUCKETS.map((label, i) => ({ label, count: [12, 15, 6, 4, 2, 1, 0][i]! })),
  previous: numbers({ from: '2026-11-19', to: '2026-11-25', conversations: 100, handoffs: 60, frt: { mean: 30, p50: 25, p90: 60, businessMean: 30, count: 30 }, appointments: { booked: 0, cancelled: 0, done: 0, noShow: 0 } }),
};

function series(event: FunctionEvent): StatsTimeseries {
  const metric = String(event.metric);
  if (event.granularity === 'hour') {
    return { metric, granularity: 'hour', scope: 'all', points: [0, 1, 2].map((h) => ({ t: `${String(event.from)}T0${h}:00:00+08:00`, value: h * 2 })) };
  }
  const values: Record<string, Array<number | null>> = { conversations: [50, 70], frt: [18.5, null], csat: [4.5, 4.7], botSelfServiceRate: [0.55, 0.65] };
  return { metric, granularity: 'day', scope: 'all', points: (values[metric] ?? [null, null]).map((value, i) => ({ t: `2026-12-0${i + 1}`, value })) };
}

const agents: StatsAgentRow[] = [
  { agentId: 'a1', name: '李四', conversations: 7, replies: 30, frt: { mean: 20, count: 7 }, closed: 6, resolutionRate: 0.8, handleTime: { mean: 200 }, csat: { mean: 4.5, share45: 0.8, count: 5 }, utilization: 0.7 },
  { agentId: 'a2', name: '张三', conversations: 12, replies: 50, frt: { mean: 10, count: 12 }, closed: 10, resolutionRate: 0.9, handleTime: { mean: 180 }, csat: { mean: 4.8, share45: 1, count: 8 }, utilization: 0.9 },
];

/** Staffing advice: Wednesday (3) needs 2 agents at 09–10时 with 1.5 and 3 online; other hours need 0 or 1 with 1 online. */
const staffingAdvice: StatsStaffing = {
  method: 'erlang_c',
  from: '2026-11-04',
  to: '2026-12-01',
  weeks: 4,
  targetSec: 20,
  level: 0.8,
  meanHandleSec: 300,
  capacity: 3,
  hours: Array.from({ length: 168 }, (_x, h) => {
    const weekday = Math.floor(h / 24) + 1;
    const hour = h % 24;
    const busy = weekday === 3 && (hour === 9 || hour === 10);
    return {
      hourOfWeek: h,
      weekday,
      hour,
      arrivalsPerHour: busy ? 20 : 1,
      erlangs: busy ? 1.67 : 0.08,
      slotsNeeded: busy ? 4 : 1,
      agentsNeeded: busy ? 2 : weekday === 3 ? 1 : 0,
      agentsOnline: busy ? (hour === 9 ? 1.5 : 3) : 1,
    };
  }),
  note: 'Erlang C（M/M/c）：按近 4 周每小时的转人工量……',
};

/** Per FAQ category, deliberately not in order: the table sorts by conversations. */
const categoryRows: StatsCategoryRow[] = [
  { categoryId: null, name: '未分类', conversations: 5, botAnswered: 0, handoffs: 2, botSelfServiceRate: 0.6, notHelpful: 0 },
  { categoryId: 'cat-order', name: '订单与支付', conversations: 30, botAnswered: 20, handoffs: 9, botSelfServiceRate: 0.7, notHelpful: 1 },
  { categoryId: 'cat-product', name: '选购咨询', conversations: 85, botAnswered: 50, handoffs: 37, botSelfServiceRate: 0.5647, notHelpful: 4 },
  { categoryId: 'cat-empty', name: '安装维修', conversations: 0, botAnswered: 0, handoffs: 0, botSelfServiceRate: null, notHelpful: 0 },
];

function callsOf(action: string) {
  return fake.functions!.calls.filter((c) => c.name === 'stats' && c.event.action === action).map((c) => c.event);
}

function kpi(key: string) {
  const card = screen.getByTestId(`kpi-${key}`);
  return {
    card,
    value: within(card).getByTestId('kpi-value').textContent,
    change: within(card).queryByTestId('kpi-change')?.textContent,
    status: card.getAttribute('data-status'),
  };
}

function points(testId: string) {
  return JSON.parse(screen.getByTestId(testId).getAttribute('data-points')!) as { categories: string[]; series: Array<{ name: string; data: Array<number | null> }> };
}

function renderDashboard(role: 'supervisor' | 'admin' | 'qa' | 'agent' = 'supervisor') {
  fake.functions!.ok('admin.whoami', whoami(role, '周主管'));
  return render(
    <MeProvider>
      <DashboardPage />
    </MeProvider>,
  );
}

beforeEach(() => {
  // 2026-12-01 17:30 UTC is 2026-12-02 01:30 in Beijing: the dashboard's today is 12-02 (the tests run in TZ=UTC).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T17:30:00Z'));
  charts.drawn = [];
  fake.functions = fakeFunctions()
    .ok('stats.overview', overview)
    .ok('stats.timeseries', series)
    .ok('stats.agents', agents)
    .ok('stats.staffing', staffingAdvice)
    .ok('stats.categories', categoryRows)
    .ok('stats.targets', { frtSec: 20, resolutionRate: 0.75, csat: 4.5, utilization: 0.85, custom: false } satisfies StatsTargets)
    .ok('stats.unanswered', {
      days: 7,
      total: 9,
      groups: [1, 2, 3, 4, 5, 6].map((n) => ({ key: `u:${n}`, type: 'unanswered', count: n, question: `问题${n}`, examples: [], lastAt: '2026-12-01T00:00:00.000Z' })),
    });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('数据看板', () => {
  it('asks for the last 7 UTC+8 days by default and shows the KPIs against the targets', async () => {
    renderDashboard();
    await screen.findByTestId('dashboard-kpis');
    expect(callsOf('overview')).toEqual([{ action: 'overview', from: '2026-11-26', to: '2026-12-02' }]);
    expect(screen.getByTestId('range-7d').className).toContain('--active');
    expect(screen.getByTestId('dashboard-period').textContent).toContain('2026-11-26 至 2026-12-02');

    expect(kpi('conversations')).toMatchObject({ value: '120', change: '较上期 ↑ 20%', status: 'none' });
    expect(kpi('handoffs')).toMatchObject({ value: '48', change: '较上期 ↓ 20%' });
    // First response 15.2 s ≤ 20 s: met. Resolution 70% < 75%: missed. CSAT 4.62 ≥ 4.5: met.
    expect(kpi('frt')).toMatchObject({ value: '15.2 秒', change: '较上期 ↓ 49.3%', status: 'met' });
    expect(kpi('frt').card.className).toContain('kefu-dashboard__kpi--met');
    expect(kpi('resolution')).toMatchObject({ value: '70.0%', change: '较上期 持平', status: 'missed' });
    expect(kpi('resolution').card.className).toContain('kefu-dashboard__kpi--missed');
    expect(kpi('csat')).toMatchObject({ value: '4.62 / 5', status: 'met' });
    expect(kpi('csat').card.textContent).toContain('4–5 分占 90.0%');
    expect(within(kpi('csat').card).getByTestId('kpi-target').textContent).toBe('目标 ≥ 4.5 · 达标');
    expect(within(kpi('frt').card).getByTestId('kpi-target').textContent).toBe('目标 ≤ 20 秒 · 达标');
    expect(within(kpi('resolution').card).getByTestId('kpi-target').textContent).toBe('目标 ≥ 75.0% · 未达标');
    // No utilization data: 「—」, no colour, never NaN.
    expect(kpi('utilization')).toMatchObject({ value: '—', change: '较上期 —', status: 'none' });
    expect(kpi('botSelfService')).toMatchObject({ value: '60.0%', change: '较上期 持平' });
    // 6 bookings after none: no percentage to show.
    expect(kpi('appointments')).toMatchObject({ value: '6', change: '较上期 —' });
    expect(kpi('queue')).toMatchObject({ value: '3', change: undefined });
    expect(document.body.textContent).not.toContain('NaN');
  });

  it('switching to 近30天 asks for the 30 days ending today (UTC+8), for every report', async () => {
    renderDashboard();
    await screen.findByTestId('dashboard-kpis');
    fake.functions!.calls.length = 0;
    fireEvent.click(screen.getByTestId('range-30d'));
    await waitFor(() => expect(callsOf('overview')).toEqual([{ action: 'overview', from: '2026-11-03', to: '2026-12-02' }]));
    expect(screen.getByTestId('range-30d').className).toContain('--active');
    await waitFor(() => expect(callsOf('agents')).toEqual([{ action: 'agents', from: '2026-11-03', to: '2026-12-02' }]));
    expect(callsOf('timeseries')).toEqual(
      ['conversations', 'frt', 'csat', 'botSelfServiceRate'].map((metric) => ({ action: 'timeseries', from: '2026-11-03', to: '2026-12-02', metric, granularity: 'day' })),
    );
    expect(callsOf('unanswered')).toEqual([{ action: 'unanswered', days: 30 }]);
    // Today's hours do not depend on the range.
    fireEvent.click(screen.getByTestId('range-today'));
    await waitFor(() => expect(callsOf('overview').at(-1)).toEqual({ action: 'overview', from: '2026-12-02', to: '2026-12-02' }));
  });

  it('the charts get the points the API returned', async () => {
    renderDashboard();
    await screen.findByTestId('chart-daily');
    const hourly = fake.functions!.calls.find((c) => c.event.action === 'timeseries' && c.event.granularity === 'hour')!.event;
    expect(hourly).toEqual({ action: 'timeseries', from: '2026-12-02', to: '2026-12-02', metric: 'conversations', granularity: 'hour' });

    expect(points('chart-daily')).toEqual({ categories: ['12-01', '12-02'], series: [{ name: '会话量', data: [50, 70] }] });
    expect(points('chart-frt').series[0]!.data).toEqual([18.5, null]);
    expect(points('chart-csat').series[0]!.data).toEqual([4.5, 4.7]);
    expect(points('chart-bot').series[0]!.data).toEqual([0.55, 0.65]);
    await screen.findByTestId('chart-hourly');
    expect(points('chart-hourly')).toEqual({ categories: ['00时', '01时', '02时'], series: [{ name: '会话量', data: [0, 2, 4] }] });
    // Agents compared, most conversations first.
    await screen.findByTestId('chart-agents');
    expect(points('chart-agents')).toEqual({ categories: ['张三', '李四'], series: [{ name: '会话量', data: [12, 7] }] });

    // echarts was started on each chart's own element and given the same option.
    const drawn = charts.drawn.find((c) => c.el === screen.getByTestId('chart-daily'))!;
    expect(drawn).toBeDefined();
    expect(drawn.options.at(-1)).toMatchObject({ series: [{ type: 'line', data: [50, 70] }], xAxis: { data: ['12-01', '12-02'] } });
    const bars = charts.drawn.find((c) => c.el === screen.getByTestId('chart-agents'))!;
    expect(bars.options.at(-1)).toMatchObject({ series: [{ type: 'bar' }] });

    // The FRT distribution: one column per fixed bucket, in order, with the total.
    expect(points('chart-frt-distribution')).toEqual({ categories: FRT_BUCKETS, series: [{ name: '会话数', data: [12, 15, 6, 4, 2, 1, 0] }] });
    expect(screen.getByText('首次响应分布')).toBeDefined();
    expect(screen.getByTestId('frt-distribution-total').textContent).toBe('共 40 次首次响应（按整秒计，区间含上限）');
    const columns = charts.drawn.find((c) => c.el === screen.getByTestId('chart-frt-distribution'))!;
    expect(columns.options.at(-1)).toMatchObject({ series: [{ type: 'bar', data: [12, 15, 6, 4, 2, 1, 0] }], xAxis: { type: 'category', data: FRT_BUCKETS } });

    // Top 5 unanswered questions, most asked first.
    const items = await screen.findAllByTestId('unanswered-item');
    expect(items.map((i) => i.textContent)).toEqual(['1问题66 次', '2问题55 次', '3问题44 次', '4问题33 次', '5问题22 次']);
  });

  it('new data redraws the same chart; leaving disposes it', async () => {
    const view = renderDashboard();
    await screen.findByTestId('chart-daily');
    fake.functions!.ok('stats.timeseries', (event) => ({ ...series(event), points: [{ t: '2026-12-02', value: 99 }] }));
    fireEvent.click(screen.getByTestId('range-today'));
    await waitFor(() => expect(points('chart-daily').series[0]!.data).toEqual([99]));
    const drawn = charts.drawn.filter((c) => c.el.getAttribute('data-testid') === 'chart-daily');
    expect(drawn.at(-1)!.options.at(-1)).toMatchObject({ series: [{ data: [99] }] });
    view.unmount();
    expect(charts.drawn.every((c) => c.disposed)).toBe(true);
  });

  it('shows the error state with a retry when the overview fails', async () => {
    fake.functions!.fail('stats.overview', 'INTERNAL', '统计服务暂不可用');
    renderDashboard();
    const error = await screen.findByTestId('error');
    expect(error.textContent).toContain('统计服务暂不可用');
    fake.functions!.ok('stats.overview', overview);
    fireEvent.click(within(error).getByText('重试'));
    await screen.findByTestId('dashboard-kpis');
  });

  it('智能排班: Erlang C advice for the weekday picked, needed beside online, under-staffed hours marked', async () => {
    renderDashboard('admin');
    const section = await screen.findByTestId('dashboard-staffing');
    expect(callsOf('staffing')).toEqual([{ action: 'staffing' }]);
    expect(screen.getByText('智能排班建议（Erlang C）')).toBeDefined();
    expect(within(section).getByTestId('staffing-method').textContent).toBe('方法：Erlang C（M/M/c 排队模型）；目标：80% 的会话在 20 秒内接起。');
    // Today in Beijing is Wednesday 2026-12-02: that day is picked first.
    expect(screen.getByTestId('staffing-day-3').className).toContain('--active');
    const wed = points('chart-staffing');
    expect(wed.categories).toHaveLength(24);
    expect(wed.categories.slice(0, 2)).toEqual(['00时', '01时']);
    expect(wed.series.map((s) => s.name)).toEqual(['建议坐席', '平均在线']);
    expect(wed.series[0]!.data.slice(8, 12)).toEqual([1, 2, 2, 1]);
    expect(wed.series[1]!.data.slice(8, 12)).toEqual([1, 1.5, 3, 1]);
    // 09时: 2 needed > 1.5 online; 10时: 2 ≤ 3 is enough; 1 ≤ 1 elsewhere.
    expect(screen.getAllByTestId('staffing-short-hour').map((e) => e.textContent)).toEqual(['09时 需 2 人 / 在线 1.5 人']);
    expect(screen.getByTestId('staffing-short').textContent).toContain('1 个小时人手不足');

    fireEvent.click(screen.getByTestId('staffing-day-1'));
    await waitFor(() => expect(screen.getByTestId('staffing-day-1').className).toContain('--active'));
    expect(points('chart-staffing').series[0]!.data).toEqual(new Array(24).fill(0));
    expect(screen.getByTestId('staffing-short').textContent).toBe('这一天各小时的在线人数都够用');
  });

  it('QA sees the reports without the staffing advice (managers only)', async () => {
    renderDashboard('qa');
    await screen.findByTestId('dashboard-kpis');
    await screen.findByTestId('chart-agents');
    expect(callsOf('staffing')).toEqual([]);
    expect(screen.queryByText('智能排班建议（Erlang C）')).toBeNull();
  });

  it('the KPI cards use the stored targets; 设置目标 saves new ones (errors shown, nothing closed)', async () => {
    const stored: StatsTargets = { frtSec: 10, resolutionRate: 0.65, csat: 4.5, utilization: 0.85, custom: true, updatedAt: '2026-12-01T08:00:00.000Z' };
    fake.functions!.ok('stats.targets', stored);
    renderDashboard('supervisor');
    await screen.findByTestId('dashboard-kpis');
    // 15.2 s > 10 s: missed now; 70% ≥ 65%: met.
    await waitFor(() => expect(within(kpi('frt').card).getByTestId('kpi-target').textContent).toBe('目标 ≤ 10 秒 · 未达标'));
    expect(kpi('frt').status).toBe('missed');
    expect(kpi('resolution').status).toBe('met');
    expect(within(kpi('resolution').card).getByTestId('kpi-target').textContent).toBe('目标 ≥ 65.0% · 达标');
    expect(callsOf('targets')).toEqual([{ action: 'targets' }]);

    fireEvent.click(screen.getByTestId('targets-open'));
    const sheet = await screen.findByTestId('targets-sheet');
    const input = (k: string) => within(sheet).getByTestId(`target-${k}`).querySelector('input')!;
    // Rates are edited in percent.
    expect(['frtSec', 'resolutionRate', 'csat', 'utilization'].map((k) => input(k).value)).toEqual(['10', '65', '4.5', '85']);

    fake.functions!.fail('stats.saveTargets', 'INVALID_INPUT', '解决率目标应在 0%–100% 之间');
    fireEvent.input(input('resolutionRate'), { target: { value: '120' } });
    fireEvent.click(within(sheet).getByText('保存目标'));
    expect((await within(sheet).findByTestId('targets-error')).textContent).toBe('解决率目标应在 0%–100% 之间');
    expect(callsOf('saveTargets').at(-1)).toEqual({ action: 'saveTargets', frtSec: 10, resolutionRate: 1.2, csat: 4.5, utilization: 0.85 });
    expect(screen.getByTestId('targets-sheet')).toBeDefined();

    const next: StatsTargets = { frtSec: 30, resolutionRate: 0.8, csat: 4.5, utilization: 0.85, custom: true };
    fake.functions!.ok('stats.saveTargets', next).ok('stats.targets', next);
    fireEvent.input(input('frtSec'), { target: { value: '30' } });
    fireEvent.input(input('resolutionRate'), { target: { value: '80' } });
    fireEvent.click(within(sheet).getByText('保存目标'));
    await waitFor(() => expect(screen.queryByTestId('targets-sheet')).toBeNull());
    expect(callsOf('saveTargets').at(-1)).toEqual({ action: 'saveTargets', frtSec: 30, resolutionRate: 0.8, csat: 4.5, utilization: 0.85 });
    expect(taro.toasts).toContain('目标已保存');
    // The cards follow the saved targets: 15.2 s ≤ 30 s met; 70% < 80% missed.
    await waitFor(() => expect(kpi('frt').status).toBe('met'));
    expect(kpi('resolution').status).toBe('missed');
    expect(within(kpi('frt').card).getByTestId('kpi-target').textContent).toBe('目标 ≤ 30 秒 · 达标');
  });

  it('without stored targets (or before they load) the defaults apply; QA reads them but cannot change them', async () => {
    fake.functions!.fail('stats.targets', 'INTERNAL', '统计服务暂不可用');
    renderDashboard('qa');
    await screen.findByTestId('dashboard-kpis');
    await waitFor(() => expect(callsOf('targets')).toEqual([{ action: 'targets' }]));
    expect(within(kpi('frt').card).getByTestId('kpi-target').textContent).toBe('目标 ≤ 20 秒 · 达标');
    expect(screen.queryByTestId('targets-open')).toBeNull();
    expect(screen.queryByText('设置目标')).toBeNull();
  });

  it('按问题分类: a table per FAQ category for the period, most conversations first', async () => {
    renderDashboard('qa');
    const table = await screen.findByTestId('category-table');
    expect(screen.getByTestId('dashboard-categories').textContent).toContain('按问题分类');
    expect(callsOf('categories')).toEqual([{ action: 'categories', from: '2026-11-26', to: '2026-12-02' }]);
    const rows = within(table).getAllByTestId('category-row').map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ['选购咨询', '85', '37', '56.5%'],
      ['订单与支付', '30', '9', '70.0%'],
      ['未分类', '5', '2', '60.0%'],
      ['安装维修', '0', '0', '—'],
    ]);
    expect(table.textContent).toContain('机器人自助率');
    // Another period asks again for it.
    fireEvent.click(screen.getByTestId('range-30d'));
    await waitFor(() => expect(callsOf('categories').at(-1)).toEqual({ action: 'categories', from: '2026-11-03', to: '2026-12-02' }));
  });

  it('is not for agents', async () => {
    renderDashboard('agent');
    await screen.findByTestId('empty');
    expect(callsOf('overview')).toEqual([]);
  });
});

describe('数据看板: 自定义 range', () => {
  const now = new Date('2026-12-01T17:30:00Z'); // 2026-12-02 01:30 in Beijing

  it('validates a custom period: real days, not after today (UTC+8), in order, at most 366 days', () => {
    expect(customRangeProblem('2026-11-01', '2026-11-30', now)).toBeNull();
    expect(customRangeProblem('2026-12-02', '2026-12-02', now)).toBeNull();
    expect(customRangeProblem('', '2026-11-30', now)).toBe('请选择开始日期和结束日期');
    expect(customRangeProblem('2026-02-30', '2026-03-01', now)).toBe('日期格式应为 YYYY-MM-DD');
    expect(customRangeProblem('2026-12-01', '2026-12-03', now)).toBe('日期不能晚于今天（北京时间）');
    expect(customRangeProblem('2026-11-30', '2026-11-01', now)).toBe('结束日期不能早于开始日期');
    // 2025-12-02 … 2026-12-02 is 366 days: allowed; one more is not.
    expect(customRangeProblem('2025-12-02', '2026-12-02', now)).toBeNull();
    expect(customRangeProblem('2025-12-01', '2026-12-02', now)).toBe('自定义范围最长 366 天，请缩短查询范围');
    expect(MAX_CUSTOM_DAYS).toBe(366);
  });

  it('formats the chip and the unanswered look-back', () => {
    expect(customChipLabel(null, now)).toBe('自定义');
    expect(customChipLabel({ from: '2026-11-01', to: '2026-11-30' }, now)).toBe('11-01 至 11-30');
    expect(customChipLabel({ from: '2025-12-20', to: '2026-01-05' }, now)).toBe('2025-12-20 至 01-05');
    expect(customChipLabel({ from: '2026-11-03', to: '2026-11-03' }, now)).toBe('11-03');
    expect(periodDays({ from: '2026-11-01', to: '2026-11-30' })).toBe(30);
    expect(periodFor('30d', null, '2026-12-02')).toEqual({ from: '2026-11-03', to: '2026-12-02' });
    expect(periodFor('custom', { from: '2026-11-01', to: '2026-11-30' }, '2026-12-02')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    // 自定义 before a period was chosen: the default range.
    expect(periodFor('custom', null, '2026-12-02')).toEqual({ from: '2026-11-26', to: '2026-12-02' });
    expect(unansweredDays({ from: '2026-11-01', to: '2026-11-30' }, now)).toBe(32);
    expect(unansweredDays({ from: '2025-12-02', to: '2026-01-01' }, now)).toBe(365);
  });

  function pick(key: 'from' | 'to', day: string) {
    fireEvent.change(within(screen.getByTestId(`custom-${key}`)).getByTestId('picker-input'), { target: { value: day } });
  }

  it('choosing a custom range drives every request and the period line', async () => {
    renderDashboard();
    await screen.findByTestId('dashboard-kpis');
    expect(screen.getByTestId('range-custom').textContent).toBe('自定义');
    fake.functions!.calls.length = 0;
    fireEvent.click(screen.getByTestId('range-custom'));
    const sheet = await screen.findByTestId('custom-sheet');
    expect(sheet.textContent).toContain('开始日期');
    expect(sheet.textContent).toContain('结束日期');
    // The pickers end today (UTC+8).
    expect(sheet.querySelector('[data-picker-mode="date"]')!.getAttribute('data-picker-end')).toBe('2026-12-02');

    // Too long: said so, nothing asked.
    pick('from', '2025-11-01');
    pick('to', '2026-11-30');
    fireEvent.click(within(sheet).getByTestId('custom-confirm'));
    expect((await screen.findByTestId('custom-error')).textContent).toBe('自定义范围最长 366 天，请缩短查询范围');
    expect(callsOf('overview')).toEqual([]);

    pick('from', '2026-11-01');
    expect(screen.queryByTestId('custom-error')).toBeNull();
    expect(within(sheet).getByTestId('custom-from-value').textContent).toBe('2026-11-01');
    fireEvent.click(within(sheet).getByTestId('custom-confirm'));
    await waitFor(() => expect(screen.queryByTestId('custom-sheet')).toBeNull());
    await waitFor(() => expect(callsOf('overview')).toEqual([{ action: 'overview', from: '2026-11-01', to: '2026-11-30' }]));
    await waitFor(() => expect(callsOf('agents')).toEqual([{ action: 'agents', from: '2026-11-01', to: '2026-11-30' }]));
    expect(callsOf('timeseries').filter((e) => e.granularity === 'day')).toEqual(
      ['conversations', 'frt', 'csat', 'botSelfServiceRate'].map((metric) => ({ action: 'timeseries', from: '2026-11-01', to: '2026-11-30', metric, granularity: 'day' })),
    );
    // Today's hours stay today's.
    expect(callsOf('timeseries').filter((e) => e.granularity === 'hour')).toEqual([]);
    expect(callsOf('unanswered')).toEqual([{ action: 'unanswered', days: 32 }]);
    expect(screen.getByTestId('dashboard-period').textContent).toBe('统计日期：2026-11-01 至 2026-11-30（北京时间）');
    expect(screen.getByTestId('range-custom').className).toContain('--active');
    expect(screen.getByTestId('range-custom').textContent).toBe('11-01 至 11-30');
    expect(screen.getByTestId('range-7d').className).not.toContain('--active');

    // Reopened, it shows the period in force; a fixed chip goes back.
    fireEvent.click(screen.getByTestId('range-custom'));
    expect(within(await screen.findByTestId('custom-sheet')).getByTestId('custom-to-value').textContent).toBe('2026-11-30');
    fireEvent.click(within(screen.getByTestId('custom-sheet')).getByText('取消'));
    await waitFor(() => expect(screen.queryByTestId('custom-sheet')).toBeNull());
    fireEvent.click(screen.getByTestId('range-30d'));
    await waitFor(() => expect(callsOf('overview').at(-1)).toEqual({ action: 'overview', from: '2026-11-03', to: '2026-12-02' }));
    expect(screen.getByTestId('range-custom').textContent).toBe('自定义');
  });

  it('a day after today is refused', async () => {
    renderDashboard('qa');
    await screen.findByTestId('dashboard-kpis');
    fireEvent.click(screen.getByTestId('range-custom'));
    await screen.findByTestId('custom-sheet');
    pick('from', '2026-12-01');
    pick('to', '2026-12-03');
    fireEvent.click(screen.getByTestId('custom-confirm'));
    expect((await screen.findByTestId('custom-error')).textContent).toBe('日期不能晚于今天（北京时间）');
    expect(screen.getByTestId('range-7d').className).toContain('--active');
  });
});

describe('数据看板 entries', () => {
  it('the manager home opens it first thing, for QA too', async () => {
    fake.functions!.ok('admin.whoami', whoami('qa', '钱质检')).ok('faq.adminList', { entries: [], total: 0 }).ok('faq.adminCategories', []);
    render(
      <MeProvider>
        <ManagerPage />
      </MeProvider>,
    );
    fireEvent.click(await screen.findByTestId('entry-dashboard'));
    expect(taro.navigations).toEqual([routes.dashboard]);
    expect(routes.dashboard).toBe('/manager/pages/dashboard/index');
  });

  it('the desk shows it beside 主管视图 for supervisors, not for agents', async () => {
    fake.functions!.ok('admin.whoami', whoami('supervisor')).ok('desk.leftMessages', []).ok('desk.inbox', { status: 'online', capacity: 3, assigned: [], queue: [] });
    const view = render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    await screen.findByTestId('entry-supervisor');
    fireEvent.click(screen.getByTestId('entry-dashboard'));
    expect(taro.navigations).toEqual([routes.dashboard]);
    view.unmount();

    fake.functions!.ok('admin.whoami', whoami('agent'));
    render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    await screen.findByTestId('desk-greeting');
    expect(screen.queryByTestId('entry-dashboard')).toBeNull();
  });
});
