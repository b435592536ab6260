// The manager's 审计日志 (filters, readable before → after, 加载更多) and 数据保留 tabs, against fake functions.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, ExportJobView, RetentionSettingsView } from '../../core/api';
import { AUDIT_FILTERS } from '../../core/audit';
import { zeroCounts } from '../../core/retention';
import { AuditTab } from '../../miniprogram/manager/components/AuditTab';
import { changeLines } from '../../miniprogram/manager/components/audit-format';
import { RetentionTab } from '../../miniprogram/manager/components/RetentionTab';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const callsOf = (action: string) => fake.functions!.calls.filter((c) => c.event.action === action).map((c) => c.event);

/** `n` entries, newest first, ids `e<start>` … */
function entries(n: number, start = 0, over: Partial<AuditEntry> = {}): AuditEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `e${start + i}`,
    at: new Date(Date.UTC(2026, 10, 30, 12, 0) - (start + i) * 60_000).toISOString(),
    actor: 'openid-admin',
    actorName: '王芳',
    action: 'routing.capacity',
    target: 'users/demo-agent-2',
    before: { capacity: 5 },
    after: { capacity: 4 + i },
    ...over,
  }));
}

describe('AuditTab', () => {
  beforeEach(() => {
    fake.functions = fakeFunctions();
  });

  it('shows who, when, what and the changed fields in words', async () => {
    fake.functions!.ok('admin.audit', [
      { id: 'r1', at: '2026-11-30T02:00:00.000Z', actor: 'demo-admin', actorName: '王芳', action: 'role.set', target: 'users/u1', before: { role: 'agent' }, after: { role: 'supervisor' } },
      { id: 'r2', at: '2026-11-30T01:00:00.000Z', actor: 'system:retention', actorName: '数据保留任务', action: 'retention.settings', target: 'settings/retention', before: { days: 180, exportFirst: false, auditDays: 1095 }, after: { days: 365, exportFirst: true, auditDays: 1095 } },
      { id: 'r3', at: '2026-11-30T00:00:00.000Z', actor: 'openid-x', action: 'faq.rule.remove', target: 'faq_rules/x', before: { pattern: '投诉' }, after: null },
    ]);
    const { container } = render(<AuditTab refreshKey={0} />);
    await waitFor(() => expect(container.querySelectorAll('.kefu-audit-entry')).toHaveLength(3));
    const [role, retention, rule] = [...container.querySelectorAll('.kefu-audit-entry')].map((e) => e.textContent ?? '');
    expect(role).toContain('修改角色');
    expect(role).toContain('角色：客服 → 主管');
    expect(role).toContain('王芳 · 2026-11-30 02:00');
    expect(retention).toContain('修改数据保留设置');
    expect(retention).toContain('客户数据保留天数：180 → 365');
    expect(retention).toContain('清理前先导出：否 → 是');
    // Unchanged fields are not listed.
    expect(retention).not.toContain('审计日志保留天数');
    // Without a known name, the OPENID.
    expect(rule).toContain('删除关键词规则');
    expect(rule).toContain('关键词：投诉（已删除）');
    expect(rule).toContain('openid-x · ');
    expect(callsOf('audit')).toEqual([{ action: 'audit', limit: 20 }]);
    expect(screen.getByTestId('audit-end').textContent).toBe('没有更早的记录了');
  });

  it('加载更多 asks for the entries before the last one shown and appends them', async () => {
    fake.functions!.ok('admin.audit', (event) => (event.before === undefined ? entries(20) : event.before === 'e19' ? entries(5, 20) : []));
    const { container } = render(<AuditTab refreshKey={0} />);
    await waitFor(() => expect(container.querySelectorAll('.kefu-audit-entry')).toHaveLength(20));
    expect(screen.queryByTestId('audit-end')).toBeNull();
    fireEvent.click(screen.getByTestId('audit-more'));
    await waitFor(() => expect(container.querySelectorAll('.kefu-audit-entry')).toHaveLength(25));
    expect(callsOf('audit')).toEqual([
      { action: 'audit', limit: 20 },
      { action: 'audit', limit: 20, before: 'e19' },
    ]);
    // Fewer than a page: that was the end.
    expect(screen.getByTestId('audit-end')).toBeTruthy();
    expect(screen.queryByTestId('audit-more')).toBeNull();
  });

  it('filter chips ask for their action prefixes and start the list again', async () => {
    fake.functions!.ok('admin.audit', (event) => (event.prefix ? entries(2, 100, { action: 'invite.create', before: null, after: { role: 'agent', name: '小王' } }) : entries(20)));
    const { container } = render(<AuditTab refreshKey={0} />);
    await waitFor(() => expect(container.querySelectorAll('.kefu-audit-entry')).toHaveLength(20));
    const chips = [...screen.getByTestId('audit-filters').querySelectorAll('.kefu-form__chip')].map((c) => c.textContent);
    expect(chips).toEqual(['全部', '角色', '配置', 'FAQ', '模板', '导出', '查看敏感信息']);
    fireEvent.click(screen.getByText('角色'));
    await waitFor(() => expect(container.querySelectorAll('.kefu-audit-entry')).toHaveLength(2));
    expect(callsOf('audit').at(-1)).toEqual({ action: 'audit', limit: 20, prefix: [...AUDIT_FILTERS.role] });
    const first = container.querySelector('.kefu-audit-entry')!.textContent ?? '';
    expect(first).toContain('创建邀请');
    expect(first).toContain('角色：新增 客服');
    expect(first).toContain('名称：新增 小王');
    fireEvent.click(screen.getByText('查看敏感信息'));
    await waitFor(() => expect(callsOf('audit').at(-1)).toEqual({ action: 'audit', limit: 20, prefix: [...AUDIT_FILTERS.unmask] }));
  });

  it('says when a filter has nothing', async () => {
    fake.functions!.ok('admin.audit', (event) => (event.prefix ? [] : entries(1)));
    render(<AuditTab refreshKey={0} />);
    await screen.findByText('修改接待上限');
    fireEvent.click(screen.getByText('模板'));
    await screen.findByText('这一类还没有操作记录');
  });

  it('changeLines: plain values, no change, long lists cut', () => {
    expect(changeLines('agent', 'qa')).toEqual(['客服 → 质检']);
    expect(changeLines({ a: 1 }, { a: 1 })).toEqual(['无变化']);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, i]));
    const lines = changeLines(null, many);
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toBe('…另有 3 项');
  });
});

describe('RetentionTab', () => {
  const settings = (over: Partial<RetentionSettingsView> = {}): RetentionSettingsView => ({ days: 180, exportFirst: false, auditDays: 1095, custom: false, lastRun: null, ...over });

  beforeEach(() => {
    fake.functions = fakeFunctions();
  });

  it('shows the settings and that it never ran; saves what was typed', async () => {
    fake.functions!.ok('admin.retention', settings()).ok('admin.saveRetention', (event) => settings({ days: event.days as number, exportFirst: event.exportFirst as boolean, auditDays: event.auditDays as number, custom: true }));
    const { container } = render(<RetentionTab refreshKey={0} />);
    await screen.findByText('还没有运行过');
    const [days, auditDays] = [...container.querySelectorAll('input')];
    expect([days!.value, auditDays!.value]).toEqual(['180', '1095']);
    fireEvent.input(days!, { target: { value: '365' } });
    fireEvent.click(screen.getByTestId('retention-export-first-true'));
    fireEvent.input(auditDays!, { target: { value: '2000' } });
    fireEvent.click(screen.getByTestId('retention-save'));
    await waitFor(() => expect(callsOf('saveRetention')).toEqual([{ action: 'saveRetention', days: 365, exportFirst: true, auditDays: 2000 }]));
    await waitFor(() => expect(taro.toasts).toContain('已保存'));
  });

  it('refuses bad numbers before calling, in Chinese', async () => {
    fake.functions!.ok('admin.retention', settings());
    const { container } = render(<RetentionTab refreshKey={0} />);
    await screen.findByText('还没有运行过');
    const [days, auditDays] = [...container.querySelectorAll('input')];
    fireEvent.input(days!, { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('retention-save'));
    await waitFor(() => expect(taro.toasts).toContain('客户数据保留天数应为 30–3650 的整数'));
    fireEvent.input(days!, { target: { value: '400' } });
    fireEvent.input(auditDays!, { target: { value: '300' } });
    fireEvent.click(screen.getByTestId('retention-save'));
    await waitFor(() => expect(taro.toasts).toContain('审计日志的保留时间不能短于客户数据的保留时间'));
    expect(callsOf('saveRetention')).toEqual([]);
  });

  it('summarises the last run and downloads its export', async () => {
    const counts = { ...zeroCounts(), conversations: 3, messages: 41, appointments: 2 };
    const lastRun = { startedAt: '2026-11-30T19:30:00.000Z', finishedAt: '2026-11-30T19:30:05.000Z', cutoff: '2026-06-03T19:30:00.000Z', outcome: 'done' as const, counts, exportJobs: ['job-r1'] };
    const job: ExportJobView = { id: 'job-r1', status: 'done', kind: 'conversations', format: 'json', from: '2026-01-01', to: '2026-06-03', unmasked: true, processed: 3, total: 3, url: 'https://files.example/retention.json' };
    fake.functions!.ok('admin.retention', settings({ exportFirst: true, custom: true, lastRun })).ok('admin.exportStatus', job);
    render(<RetentionTab refreshKey={0} />);
    const card = await screen.findByTestId('retention-last-run');
    expect(card.textContent).toContain('已完成');
    expect(card.textContent).toContain('会话 3 · 消息 41 · 预约 2');
    fireEvent.click(screen.getByTestId('retention-download'));
    await waitFor(() => expect(callsOf('exportStatus')).toEqual([{ action: 'exportStatus', id: 'job-r1' }]));
  });
});
