// Pure builders of the echarts options the dashboard draws (line and bar), with Chinese labels.
// No Taro and no echarts import: the same option goes to the h5 div and to the weapp ec-canvas,
// and tests read the values straight out of it.

/** How a series' numbers read: counts, seconds, a 0–1 ratio shown as %, or a 1–5 score. */
export type ValueKind = 'count' | 'seconds' | 'percent' | 'score';

export interface ChartSeries {
  name: string;
  /** One value per category; null is a gap (no data), never 0. */
  data: Array<number | null>;
}

export interface ChartInput {
  /** The x-axis (line) or the category axis (bar) labels, in order. */
  categories: string[];
  series: ChartSeries[];
  kind?: ValueKind;
}

interface AxisLabel {
  color: string;
  fontSize: number;
  formatter?: (value: number) => string;
  hideOverlap?: boolean;
}

interface CategoryAxis {
  type: 'category';
  data: string[];
  boundaryGap: boolean;
  axisLabel: AxisLabel;
  axisTick: { show: boolean };
  axisLine: { lineStyle: { color: string } };
}

interface ValueAxis {
  type: 'value';
  min?: number;
  max?: number;
  minInterval?: number;
  axisLabel: AxisLabel;
  splitLine: { lineStyle: { color: string } };
}

export interface ChartSeriesOption {
  type: 'line' | 'bar';
  name: string;
  data: Array<number | null>;
  smooth?: boolean;
  showSymbol?: boolean;
  connectNulls?: boolean;
  barMaxWidth?: number;
  label?: { show: boolean; position: 'right' | 'top'; color: string; fontSize: number; formatter: (p: { value: number | null }) => string };
  itemStyle: { color: string };
}

/** The echarts option the builders make (a subset of echarts' own option type). */
export interface ChartOption {
  animation: boolean;
  color: string[];
  grid: { left: number; right: number; top: number; bottom: number; containLabel: boolean };
  tooltip: { trigger: 'axis'; confine: boolean; valueFormatter: (value: unknown) => string };
  legend?: { show: boolean; top: number; textStyle: { fontSize: number } };
  xAxis: CategoryAxis | ValueAxis;
  yAxis: CategoryAxis | ValueAxis;
  series: ChartSeriesOption[];
}

export const CHART_TEXT = {
  none: '—',
  seconds: (v: string) => `${v} 秒`,
  score: (v: string) => `${v} 分`,
  count: (v: string) => `${v}`,
  hour: (h: string) => `${h}时`,
  day: (m: string, d: string) => `${m}-${d}`,
} as const;

export const CHART_COLORS = ['#07c160', '#1677ff', '#fa8c16', '#eb2f96', '#722ed1'];
const AXIS_COLOR = '#8f959e';
const LINE_COLOR = '#eef0f2';

/** One value as people read it (tooltips, bar labels); null is 「—」. */
export function formatValue(kind: ValueKind, value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return CHART_TEXT.none;
  switch (kind) {
    case 'seconds':
      return CHART_TEXT.seconds(String(Math.round(value * 10) / 10));
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'score':
      return CHART_TEXT.score(value.toFixed(2));
    default:
      return CHART_TEXT.count(String(Math.round(value * 100) / 100));
  }
}

/** The x-axis label of a series point: `YYYY-MM-DD` → `MM-DD`, `…THH:00:00+08:00` → `HH时`. */
export function pointLabel(t: string): string {
  const hour = /T(\d{2}):/.exec(t);
  if (hour) return CHART_TEXT.hour(hour[1]!);
  const day = /^\d{4}-(\d{2})-(\d{2})$/.exec(t);
  if (day) return CHART_TEXT.day(day[1]!, day[2]!);
  return t;
}

function valueAxis(kind: ValueKind): ValueAxis {
  const axisLabel: AxisLabel = { color: AXIS_COLOR, fontSize: 10 };
  const base = { type: 'value' as const, splitLine: { lineStyle: { color: LINE_COLOR } } };
  switch (kind) {
    case 'percent':
      return { ...base, min: 0, max: 1, axisLabel: { ...axisLabel, formatter: (v) => `${Math.round(v * 100)}%` } };
    case 'score':
      return { ...base, min: 1, max: 5, axisLabel: { ...axisLabel, formatter: (v) => String(v) } };
    case 'seconds':
      return { ...base, min: 0, axisLabel: { ...axisLabel, formatter: (v) => CHART_TEXT.seconds(String(v)) } };
    default:
      return { ...base, min: 0, minInterval: 1, axisLabel };
  }
}

function categoryAxis(categories: string[], boundaryGap: boolean): CategoryAxis {
  return {
    type: 'category',
    data: categories,
    boundaryGap,
    axisLabel: { color: AXIS_COLOR, fontSize: 10, hideOverlap: true },
    axisTick: { show: false },
    axisLine: { lineStyle: { color: LINE_COLOR } },
  };
}

function common(input: ChartInput): Pick<ChartOption, 'animation' | 'color' | 'tooltip' | 'legend'> {
  const kind = input.kind ?? 'count';
  return {
    animation: false,
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => formatValue(kind, v) },
    ...(input.series.length > 1 ? { legend: { show: true, top: 0, textStyle: { fontSize: 11 } } } : {}),
  };
}

/** A line chart over time (x: the categories, y: the values; gaps where a value is null). */
export function lineOption(input: ChartInput): ChartOption {
  const kind = input.kind ?? 'count';
  return {
    ...common(input),
    grid: { left: 8, right: 16, top: input.series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
    xAxis: categoryAxis(input.categories, false),
    yAxis: valueAxis(kind),
    series: input.series.map((s, i) => ({
      type: 'line',
      name: s.name,
      data: s.data,
      smooth: false,
      showSymbol: s.data.length <= 31,
      connectNulls: false,
      itemStyle: { color: CHART_COLORS[i % CHART_COLORS.length]! },
    })),
  };
}

/** A horizontal bar chart comparing named things (agents): the first category on top. */
export function barOption(input: ChartInput): ChartOption {
  const kind = input.kind ?? 'count';
  const axis = categoryAxis([...input.categories].reverse(), true);
  return {
    ...common(input),
    grid: { left: 8, right: 40, top: input.series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
    xAxis: valueAxis(kind),
    yAxis: { ...axis, axisLabel: { ...axis.axisLabel, hideOverlap: false } },
    series: input.series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      data: [...s.data].reverse(),
      barMaxWidth: 20,
      label: { show: true, position: 'right', color: '#646a73', fontSize: 10, formatter: (p) => formatValue(kind, p.value) },
      itemStyle: { color: CHART_COLORS[i % CHART_COLORS.length]! },
    })),
  };
}

/** A vertical bar (column) chart over ordered categories (buckets, hours): several series side by side. */
export function columnOption(input: ChartInput): ChartOption {
  const kind = input.kind ?? 'count';
  return {
    ...common(input),
    grid: { left: 8, right: 16, top: input.series.length > 1 ? 32 : 24, bottom: 8, containLabel: true },
    xAxis: categoryAxis(input.categories, true),
    yAxis: valueAxis(kind),
    series: input.series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      barMaxWidth: 24,
      ...(input.series.length === 1 ? { label: { show: true, position: 'top' as const, color: '#646a73', fontSize: 10, formatter: (p: { value: number | null }) => formatValue(kind, p.value) } } : {}),
      itemStyle: { color: CHART_COLORS[i % CHART_COLORS.length]! },
    })),
  };
}

/** What a chart shows, as plain data (the `data-points` attribute, tests): categories and each series. */
export function pointsOf(option: ChartOption): { categories: string[]; series: Array<{ name: string; data: Array<number | null> }> } {
  const axis = option.xAxis.type === 'category' ? option.xAxis : option.yAxis;
  const categories = axis.type === 'category' ? axis.data : [];
  // Horizontal bars are drawn bottom-up; report them in the order they were given.
  const flip = option.yAxis.type === 'category';
  return {
    categories: flip ? [...categories].reverse() : categories,
    series: option.series.map((s) => ({ name: s.name, data: flip ? [...s.data].reverse() : s.data })),
  };
}
