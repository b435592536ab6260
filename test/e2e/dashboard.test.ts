// 数据看板 on the real H5 build: a supervisor opens it from the manager home; the KPI cards show what
// stats.overview answers and every chart is drawn (a canvas in its container) with the API's points.
import { describe, expect, it } from 'vitest';
import { addDays, businessDay } from '../../core/appointments/clock';
import type { StatsAgentRow, StatsOverview, StatsTimeseries } from '../../core/api';
import { data } from '../helpers/emulator';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

/** Epoch ms of 00:00 UTC+8 of a day. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).getTime();

function seedEvents(today: string, yesterday: string): void {
  // Today: 4 conversations, 3 handed over (2 agents), FRT 10 s and 20 s, one resolved and one not, rated 5 and 4.
  // Today's events fall between today's midnight (or an hour ago) and now; yesterday's at 10:00 onwards.
  const since = Math.max(dayStart(today), Date.now() - 3_600_000);
  const at = (day: string, n: number) => new Date(day === today ? since + n * 1000 : dayStart(day) + 10 * 3_600_000 + n * 60_000);
  const ev = (type: string, conversationId: string, n: number, extra: Record<string, unknown> = {}, day = today) => ({
    type,
    conversationId,
    groupId: 'grp-presales',
    at: at(day, n),
    day,
    ...extra,
  });
  h5.emu.db.insert('events', [
    ...['e2e-c1', 'e2e-c2', 'e2e-c3', 'e2e-c4'].map((c, i) => ev('conversation_started', c, i)),
    ...['e2e-c1', 'e2e-c2', 'e2e-c3'].map((c, i) => ev('handoff', c, 5 + i)),
    ev('assigned', 'e2e-c1', 8, { agentId: 'demo-agent-1', durationSec: 30 }),
    ev('assigned', 'e2e-c2', 9, { agentId: 'demo-agent-1', durationSec: 40 }),
    ev('assigned', 'e2e-c3', 10, { agentId: 'demo-agent-2', durationSec: 50 }),
    ev('first_response', 'e2e-c1', 11, { agentId: 'demo-agent-1', durationSec: 10 }),
    ev('first_response', 'e2e-c2', 12, { agentId: 'demo-agent-1', durationSec: 20 }),
    ev('resolved', 'e2e-c1', 13, { agentId: 'demo-agent-1', durationSec: 300 }),
    ev('closed_unresolved', 'e2e-c2', 14, { agentId: 'demo-agent-1', durationSec: 400 }),
    ev('rated', 'e2e-c1', 15, { agentId: 'demo-agent-1', score: 5 }),
    ev('rated', 'e2e-c2', 16, { agentId: 'demo-agent-1', score: 4 }),
    // Yesterday: 2 conversations.
    ev('conversation_started', 'e2e-y1', 0, {}, yesterday),
    ev('conversation_started', 'e2e-y2', 1, {}, yesterday),
  ]);
}

describe('数据看板 (H5)', () => {
  it('a supervisor opens the dashboard; the KPIs and the charts show what the stats function answers', async () => {
    const today = businessDay(new Date());
    const from = addDays(today, -6);
    seedEvents(today, addDays(today, -1));
    const token = await h5.emu.login('supervisor', { openid: 'e2e-dash-sup', name: '看板主管' });
    const ask = async <T>(event: Record<string, unknown>) => data<T>(await h5.emu.call(token, 'stats', event));
    const overview = await ask<StatsOverview>({ action: 'overview', from, to: today });
    expect(overview.conversations).toBe(6);
    const daily = await ask<StatsTimeseries>({ action: 'timeseries', from, to: today, metric: 'conversations', granularity: 'day' });
    const hourly = await ask<StatsTimeseries>({ action: 'timeseries', from: today, to: today, metric: 'conversations', granularity: 'hour' });
    const frt = await ask<StatsTimeseries>({ action: 'timeseries', from, to: today, metric: 'frt', granularity: 'day' });
    const agents = await ask<StatsAgentRow[]>({ action: 'agents', from, to: today });

    const page = await h5.freshPage();
    await h5.loginAs(page, 'supervisor', 'e2e-dash-sup');
    await page.locator('.kefu-staff-entry--manager:visible').click();
    await page.locator('[data-testid="entry-dashboard"]:visible').click();
    const kpis = page.locator('[data-testid="dashboard-kpis"]:visible');
    await kpis.waitFor();
    expect(await page.locator('[data-testid="range-7d"]:visible').getAttribute('class')).toContain('--active');

    const value = (key: string) => kpis.locator(`[data-testid="kpi-${key}"] [data-testid="kpi-value"]`).textContent();
    expect(await value('conversations')).toBe(String(overview.conversations));
    expect(await value('handoffs')).toBe(String(overview.handoffs));
    expect(await value('frt')).toBe(`${overview.frt.mean} 秒`);
    expect(await value('resolution')).toBe(`${(overview.resolutionRate! * 100).toFixed(1)}%`);
    expect(await value('csat')).toBe(`${overview.csat.mean!.toFixed(2)} / 5`);
    expect(await value('utilization')).toBe(overview.utilization === null ? '—' : `${(overview.utilization * 100).toFixed(1)}%`);
    // FRT 15 s meets the 20 s target; 50% resolved misses 75%.
    expect(await kpis.locator('[data-testid="kpi-frt"]').getAttribute('data-status')).toBe('met');
    expect(await kpis.locator('[data-testid="kpi-resolution"]').getAttribute('data-status')).toBe('missed');
    expect(await page.locator('body').textContent()).not.toContain('NaN');

    const pointsOf = async (testId: string) => {
      const chart = page.locator(`[data-testid="${testId}"]:visible`);
      await chart.locator('canvas').first().waitFor();
      const box = await chart.locator('canvas').first().boundingBox();
      expect(box?.width ?? 0, `${testId} canvas width`).toBeGreaterThan(100);
      return JSON.parse((await chart.getAttribute('data-points'))!) as { categories: string[]; series: Array<{ data: Array<number | null> }> };
    };
    expect((await pointsOf('chart-daily')).series[0]!.data).toEqual(daily.points.map((p) => p.value));
    expect((await pointsOf('chart-hourly')).series[0]!.data).toEqual(hourly.points.map((p) => p.value));
    expect((await pointsOf('chart-frt')).series[0]!.data).toEqual(frt.points.map((p) => p.value));
    await pointsOf('chart-csat');
    await pointsOf('chart-bot');
    const bars = await pointsOf('chart-agents');
    const byConversations = [...agents].sort((a, b) => b.conversations - a.conversations);
    expect(bars.series[0]!.data).toEqual(byConversations.map((a) => a.conversations));
    expect(bars.categories).toEqual(byConversations.map((a) => a.name));

    // 首次响应分布: FRT 10 s and 20 s fall in ≤10 秒 and 10–20 秒.
    const dist = await pointsOf('chart-frt-distribution');
    expect(dist.categories).toEqual(overview.frtDistribution.map((b) => b.label));
    expect(dist.series[0]!.data).toEqual(overview.frtDistribution.map((b) => b.count));
    expect(dist.series[0]!.data.slice(0, 2)).toEqual([1, 1]);
    // 智能排班: 24 hours of one weekday, needed beside online, with the method and the target stated.
    const staffing = await pointsOf('chart-staffing');
    expect(staffing.categories).toHaveLength(24);
    expect(staffing.series).toHaveLength(2);
    expect(await page.locator('[data-testid="staffing-method"]:visible').textContent()).toContain('80% 的会话在 20 秒内接起');
    // A supervisor may change the targets.
    await page.locator('[data-testid="targets-open"]:visible').click();
    await page.locator('[data-testid="targets-sheet"]:visible').waitFor();
    expect(await page.locator('[data-testid="target-frtSec"]:visible input').inputValue()).toBe('20');
    await page.locator('[data-testid="targets-sheet"]:visible .nut-button-default').click();
    await page.locator('[data-testid="targets-sheet"]').waitFor({ state: 'detached' });
    await page.locator('.nut-overlay:visible').waitFor({ state: 'detached' }).catch(() => undefined);

    // 近30天 re-reads the overview for 30 days.
    await page.locator('[data-testid="range-30d"]:visible').click();
    await expect.poll(() => page.locator('[data-testid="dashboard-period"]:visible').textContent()).toContain(`${addDays(today, -29)} 至 ${today}`);
    await page.context().close();
  });
});
