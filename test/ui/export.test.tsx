import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportJobView } from '../../core/api';
import type { Role } from '../../core/roles';
import { businessDayBefore } from '../../core/export';
import { chosenRange } from '../../miniprogram/manager/components/ExportTab';
import { sameOriginLink } from '../../miniprogram/manager/components/download.h5';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { renderManagerAs } from './manager-page';
import { categories, hot } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const URL_OF_FILE = 'http://127.0.0.1:8787/api/files/exports/job1.csv?e=1900000000000&sign=abc';

function job(over: Partial<ExportJobView> = {}): ExportJobView {
  return { id: 'job1', status: 'running', kind: 'conversations', format: 'csv', from: '2026-11-25', to: '2026-12-01', unmasked: false, processed: 0, total: 1200, ...over };
}

function callsOf(action: string) {
  return fake.functions!.calls.filter((c) => c.event.action === action).map((c) => c.event);
}

const renderManager = (role: Role) => renderManagerAs(fake.functions!, role);

async function openExportTab(role: Role) {
  renderManager(role);
  fireEvent.click(await screen.findByTestId('tab-export'));
  return screen.findByTestId('export-tab');
}

/** Let the 1-second poll timer fire and its answer render. */
async function tick() {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(1000);
  });
}

beforeEach(() => {
  taro.reset();
  fake.functions = fakeFunctions()
    .ok('admin.staff', [])
    .ok('admin.invites', [])
    .ok('faq.categories', categories)
    .ok('faq.hot', hot)
    .ok('faq.adminCategories', [])
    .ok('faq.adminList', { entries: [], total: 0 })
    .ok('faq.unanswered', { total: 0, groups: [] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('数据导出 tab', () => {
  it('starts a masked conversation export for the last 7 days, shows progress while polling, then the download link', async () => {
    const answers = [job({ processed: 500 }), job({ processed: 1000 }), job({ processed: 1200 }), job({ processed: 1200, status: 'done', fileID: 'cloud://env/exports/job1.csv', url: URL_OF_FILE })];
    fake.functions!.ok('admin.exportStart', job()).ok('admin.exportStatus', () => answers.shift() ?? answers[answers.length - 1]);
    const tab = await openExportTab('admin');
    expect(tab.textContent).toContain('包含完整手机号等信息（将记入审计日志）');

    vi.useFakeTimers({ shouldAdvanceTime: true });
    fireEvent.click(screen.getByTestId('export-start'));
    await waitFor(() => expect(callsOf('exportStart')).toHaveLength(1));
    const today = businessDayBefore(new Date(), 0);
    expect(callsOf('exportStart')[0]).toEqual({ action: 'exportStart', kind: 'conversations', format: 'csv', from: businessDayBefore(new Date(), 6), to: today });
    expect((await screen.findByTestId('export-count')).textContent).toBe('已处理 0 / 1200');

    await tick();
    await waitFor(() => expect(screen.getByTestId('export-count').textContent).toBe('已处理 500 / 1200'));
    const fill = screen.getByTestId('export-progress').firstElementChild as HTMLElement;
    expect(fill.style.width).toBe('42%');
    expect(screen.queryByTestId('export-download')).toBeNull();
    await tick();
    await tick();
    await tick();
    await waitFor(() => expect(screen.getByTestId('export-download')).toBeTruthy());
    expect(screen.getByTestId('export-job').textContent).toContain('导出完成');
    const polls = callsOf('exportStatus').length;
    expect(polls).toBe(4);
    expect(callsOf('exportStatus')[0]).toEqual({ action: 'exportStatus', id: 'job1' });
    // done: no more polling
    await tick();
    expect(callsOf('exportStatus')).toHaveLength(polls);

    // h5: the link opens on this page's own origin, as a download
    const clicks: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    fireEvent.click(screen.getByTestId('export-download'));
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.getAttribute('href')).toBe('/api/files/exports/job1.csv?e=1900000000000&sign=abc');
    expect(clicks[0]!.download).toBe('export-conversations-2026-11-25-2026-12-01.csv');
    click.mockRestore();
  });

  it('lets an admin ask for unmasked data, appointments only as CSV, 30/90-day and custom ranges', async () => {
    fake.functions!.ok('admin.exportStart', (event) => job({ ...(event as Partial<ExportJobView>), status: 'done', total: 0, url: URL_OF_FILE }));
    await openExportTab('admin');
    fireEvent.click(screen.getByTestId('export-format-json'));
    fireEvent.click(screen.getByTestId('export-kind-appointments'));
    // JSON is not offered for appointments: the format falls back to CSV
    expect(screen.getByTestId('export-format-json').className).toContain('--disabled');
    fireEvent.click(screen.getByTestId('export-format-json'));
    fireEvent.click(screen.getByTestId('export-range-d30'));
    const unmasked = screen.getByTestId('export-unmasked');
    fireEvent.click(unmasked);
    expect(unmasked.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('export-tab').textContent).toContain('导出的文件含个人信息');
    fireEvent.click(screen.getByTestId('export-start'));
    await waitFor(() => expect(callsOf('exportStart')).toHaveLength(1));
    expect(callsOf('exportStart')[0]).toEqual({ action: 'exportStart', kind: 'appointments', format: 'csv', from: businessDayBefore(new Date(), 29), to: businessDayBefore(new Date(), 0), unmasked: true });
    expect((await screen.findByTestId('export-job')).textContent).toContain('所选范围内没有数据');

    // custom range: checked before anything is sent
    fireEvent.click(screen.getByTestId('export-range-custom'));
    const [from, to] = [...screen.getByTestId('export-tab').querySelectorAll('input')];
    fireEvent.input(from!, { target: { value: '2026-03-10' } });
    fireEvent.input(to!, { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByTestId('export-start'));
    expect((await screen.findByTestId('export-error')).textContent).toBe('结束日期不能早于开始日期');
    expect(callsOf('exportStart')).toHaveLength(1);
    fireEvent.input(to!, { target: { value: '2026-03-31' } });
    fireEvent.click(screen.getByTestId('export-start'));
    await waitFor(() => expect(callsOf('exportStart')).toHaveLength(2));
    expect(callsOf('exportStart')[1]).toMatchObject({ from: '2026-03-10', to: '2026-03-31' });
  });

  it('offers supervisors the tab without the unmasked switch; QA does not get it', async () => {
    fake.functions!.ok('admin.exportStart', job({ status: 'failed', error: '导出失败，请稍后重新导出' }));
    const tab = await openExportTab('supervisor');
    expect(screen.queryByTestId('export-unmasked')).toBeNull();
    expect(tab.textContent).not.toContain('包含完整手机号');
    fireEvent.click(screen.getByTestId('export-range-d90'));
    fireEvent.click(screen.getByTestId('export-start'));
    await waitFor(() => expect(callsOf('exportStart')).toHaveLength(1));
    expect(callsOf('exportStart')[0]).toEqual({ action: 'exportStart', kind: 'conversations', format: 'csv', from: businessDayBefore(new Date(), 89), to: businessDayBefore(new Date(), 0) });
    expect((await screen.findByTestId('export-job')).textContent).toContain('导出失败，请稍后重新导出');
    expect(callsOf('exportStatus')).toEqual([]);
  });

  it('shows the function’s refusal', async () => {
    fake.functions!.fail('admin.exportStart', 'FORBIDDEN', '只有管理员可以导出未脱敏的数据');
    await openExportTab('admin');
    fireEvent.click(screen.getByTestId('export-start'));
    expect((await screen.findByTestId('export-error')).textContent).toBe('只有管理员可以导出未脱敏的数据');
  });

  it('hides the tab from QA', async () => {
    renderManager('qa');
    await screen.findByTestId('manager-needs-admin');
    expect(screen.queryByTestId('tab-export')).toBeNull();
  });
});

describe('export helpers', () => {
  it('turns range choices into UTC+8 days and checks custom ones', () => {
    const now = new Date('2026-12-01T17:00:00Z'); // 2026-12-02 01:00 UTC+8
    expect(chosenRange('d7', { from: '', to: '' }, now)).toEqual({ from: '2026-11-26', to: '2026-12-02' });
    expect(chosenRange('custom', { from: '2026-02-30', to: '2026-03-01' }, now)).toEqual({ error: '请按 YYYY-MM-DD 填写开始和结束日期' });
    expect(chosenRange('custom', { from: '2025-01-01', to: '2026-01-02' }, now)).toEqual({ error: '日期范围最长 366 天' });
    expect(chosenRange('custom', { from: ' 2026-01-01', to: '2026-01-02 ' }, now)).toEqual({ from: '2026-01-01', to: '2026-01-02' });
  });

  it('opens gateway links on the page’s own origin', () => {
    expect(sameOriginLink(URL_OF_FILE)).toBe('/api/files/exports/job1.csv?e=1900000000000&sign=abc');
    expect(sameOriginLink('https://cos.example.com/exports/x.csv?sign=1')).toBe('https://cos.example.com/exports/x.csv?sign=1');
  });
});
