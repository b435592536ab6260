import { describe, expect, it } from 'vitest';
import { TARGETS, changeOf, periodOf, targetStatus } from '../../pages/dashboard/kpis';
import { barOption, columnOption, formatValue, lineOption, pointLabel, pointsOf } from './option';

describe('chart option builders', () => {
  it('a line option has the categories on x, the values (gaps kept) in the series, and Chinese tooltips', () => {
    const option = lineOption({ categories: ['11-30', '12-01'], series: [{ name: '首次响应', data: [12.5, null] }], kind: 'seconds' });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['11-30', '12-01'] });
    expect(option.yAxis).toMatchObject({ type: 'value', min: 0 });
    expect(option.series).toEqual([expect.objectContaining({ type: 'line', name: '首次响应', data: [12.5, null], connectNulls: false })]);
    expect(option.tooltip.valueFormatter(12.5)).toBe('12.5 秒');
    expect(option.tooltip.valueFormatter(null)).toBe('—');
    expect(option.legend).toBeUndefined();
    expect(pointsOf(option)).toEqual({ categories: ['11-30', '12-01'], series: [{ name: '首次响应', data: [12.5, null] }] });
  });

  it('a column option has the categories on x in order, the series side by side', () => {
    const option = columnOption({ categories: ['≤10 秒', '>5 分钟'], series: [{ name: '会话数', data: [3, 1] }] });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['≤10 秒', '>5 分钟'], boundaryGap: true });
    expect(option.series[0]).toMatchObject({ type: 'bar', data: [3, 1], label: { show: true, position: 'top' } });
    expect(pointsOf(option)).toEqual({ categories: ['≤10 秒', '>5 分钟'], series: [{ name: '会话数', data: [3, 1] }] });
    const two = columnOption({ categories: ['0时'], series: [{ name: '需要', data: [2] }, { name: '在线', data: [1] }] });
    expect(two.legend).toMatchObject({ show: true });
    expect(two.series.map((s) => s.label)).toEqual([undefined, undefined]);
  });

  it('percent and score axes are bounded and labelled', () => {
    const pct = lineOption({ categories: ['a'], series: [{ name: '自助率', data: [0.456] }], kind: 'percent' });
    expect(pct.yAxis).toMatchObject({ min: 0, max: 1 });
    expect(pct.yAxis.axisLabel.formatter?.(0.5)).toBe('50%');
    expect(pct.tooltip.valueFormatter(0.456)).toBe('45.6%');
    const score = lineOption({ categories: ['a'], series: [{ name: '满意度', data: [4.6] }], kind: 'score' });
    expect(score.yAxis).toMatchObject({ min: 1, max: 5 });
    expect(score.tooltip.valueFormatter(4.6)).toBe('4.60 分');
  });

  it('several series get a legend', () => {
    const option = lineOption({ categories: ['a'], series: [{ name: '甲', data: [1] }, { name: '乙', data: [2] }] });
    expect(option.legend?.show).toBe(true);
    expect(option.series.map((s) => s.itemStyle.color)).toHaveLength(2);
  });

  it('a bar option is horizontal, first category on top, and reports its points in the given order', () => {
    const option = barOption({ categories: ['张三', '李四'], series: [{ name: '会话量', data: [12, 7] }] });
    expect(option.xAxis.type).toBe('value');
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['李四', '张三'] });
    expect(option.series[0]).toMatchObject({ type: 'bar', data: [7, 12] });
    expect(option.series[0]!.label?.formatter({ value: 12 })).toBe('12');
    expect(pointsOf(option)).toEqual({ categories: ['张三', '李四'], series: [{ name: '会话量', data: [12, 7] }] });
  });

  it('labels days and hours of the series, and formats values', () => {
    expect(pointLabel('2026-12-01')).toBe('12-01');
    expect(pointLabel('2026-12-01T09:00:00+08:00')).toBe('09时');
    expect(formatValue('count', 3)).toBe('3');
    expect(formatValue('percent', Number.NaN)).toBe('—');
  });
});

describe('dashboard numbers', () => {
  it('periods end today on the UTC+8 clock', () => {
    // 2026-12-01 17:30 UTC is already 12-02 01:30 in Beijing.
    const now = new Date('2026-12-01T17:30:00Z');
    expect(periodOf('today', now)).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect(periodOf('7d', now)).toEqual({ from: '2026-11-26', to: '2026-12-02' });
    expect(periodOf('30d', now)).toEqual({ from: '2026-11-03', to: '2026-12-02' });
    expect(periodOf('90d', now)).toEqual({ from: '2026-09-04', to: '2026-12-02' });
  });

  it('targets: first response at most, the rest at least; no value, no colour', () => {
    expect(targetStatus(20, TARGETS.frt)).toBe('met');
    expect(targetStatus(20.1, TARGETS.frt)).toBe('missed');
    expect(targetStatus(0.75, TARGETS.resolutionRate)).toBe('met');
    expect(targetStatus(4.49, TARGETS.csat)).toBe('missed');
    expect(targetStatus(null, TARGETS.utilization)).toBe('none');
    expect(targetStatus(3)).toBe('none');
  });

  it('the change from the previous period', () => {
    expect(changeOf(120, 100)).toEqual({ direction: 'up', percent: 20 });
    expect(changeOf(75, 100)).toEqual({ direction: 'down', percent: 25 });
    expect(changeOf(5, 5)).toEqual({ direction: 'flat', percent: 0 });
    expect(changeOf(0, 0)).toEqual({ direction: 'flat', percent: 0 });
    expect(changeOf(3, 0)).toBeNull();
    expect(changeOf(null, 3)).toBeNull();
    expect(changeOf(3, null)).toBeNull();
  });
});
