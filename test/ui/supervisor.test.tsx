import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActiveConversation, RoutingSettingsView } from '../../core/api';
import SupervisorPage from '../../miniprogram/agent/pages/supervisor/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { callsOf, groups, inboxItem } from './desk-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const active: ActiveConversation[] = [
  { ...inboxItem({ conversationId: 'conv-1', customerName: '张晓雯', overdue: true, waitingSeconds: 200 }), agentId: 'openid-agent', agentName: '客服小暖', groupName: '售前咨询' },
  { ...inboxItem({ conversationId: 'conv-q', customerName: '周婷', status: 'queued', waitingSeconds: 40 }), groupName: '售前咨询' },
];

const settings: RoutingSettingsView = {
  replyTimeoutSec: 120,
  queueOfferSec: 600,
  presenceTimeoutSec: 120,
  vipBoost: 100,
  urgencyBoost: 50,
  agingPerMinute: 1,
  maxAging: 60,
  urgencyWords: ['投诉', '紧急'],
  businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
};

function renderPage() {
  return render(
    <MeProvider>
      <SupervisorPage />
    </MeProvider>,
  );
}

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('supervisor', '主管老周'))
    .ok('routing.overview', groups)
    .ok('desk.transferTargets', groups)
    .ok('routing.active', active)
    .ok('routing.settings', settings)
    .ok('routing.saveSettings', (event) => ({ ...settings, ...event }))
    .ok('routing.setMode', (event) => ({ groupId: event.groupId, mode: event.mode }))
    .ok('routing.setCapacity', (event) => ({ openid: event.openid, capacity: event.capacity, assigned: 0 }))
    .ok('desk.transfer', { status: 'assigned', agentId: 'openid-li', groupId: 'grp-sales' });
});

describe('supervisor view', () => {
  it('shows each group with queue, longest wait and agents with their load; switches mode and capacity', async () => {
    renderPage();
    const sales = await screen.findByTestId('group-grp-sales');
    expect(sales.textContent).toContain('排队 2 人');
    expect(sales.textContent).toContain('最长等待 2分15秒');
    const li = within(sales).getByTestId('agent-grp-sales-openid-li');
    expect(li.textContent).toContain('李雷');
    expect(li.textContent).toContain('在线');
    expect(li.textContent).toContain('1/3');
    expect(within(sales).getByTestId('agent-grp-sales-openid-han').textContent).toContain('离线');

    fireEvent.click(within(sales).getByTestId('mode-grp-sales-round_robin'));
    await waitFor(() => expect(callsOf(fake.functions!, 'routing.setMode')).toEqual([{ action: 'setMode', groupId: 'grp-sales', mode: 'round_robin' }]));
    fireEvent.click(within(li).getByTestId('capacity-plus'));
    await waitFor(() => expect(callsOf(fake.functions!, 'routing.setCapacity')).toEqual([{ action: 'setCapacity', openid: 'openid-li', capacity: 4 }]));
    await waitFor(() => expect(taro.toasts).toContain('接待上限已改为 4'));
  });

  it('reassigns an open conversation to an online colleague', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('sup-tab-active'));
    await waitFor(() => expect(screen.getAllByTestId('active-item')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('active-item');
    expect(first!.textContent).toContain('接待：客服小暖');
    expect(first!.textContent).toContain('回复超时');
    expect(second!.textContent).toContain('排队中');
    fireEvent.click(within(first!).getByTestId('reassign'));
    const popup = await screen.findByTestId('transfer-popup');
    // Online agents other than the current one, once each; no group targets in a reassign.
    await waitFor(() => expect(within(popup).getByTestId('transfer-agent-openid-li')).toBeTruthy());
    expect(within(popup).queryByTestId('transfer-agent-openid-agent')).toBeNull();
    expect(within(popup).queryByTestId('transfer-agent-openid-han')).toBeNull();
    expect(within(popup).getByTestId('transfer-agent-openid-wang')).toBeTruthy();
    expect(within(popup).queryByTestId('transfer-group-grp-sales')).toBeNull();
    fireEvent.click(within(popup).getByTestId('transfer-agent-openid-li'));
    fireEvent.click(within(popup).getByText('确认转接'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.transfer')).toEqual([{ action: 'transfer', conversationId: 'conv-1', toAgentId: 'openid-li' }]));
    await waitFor(() => expect(taro.toasts).toContain('已转接'));
  });

  it('edits and saves the routing settings', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('sup-tab-settings'));
    const form = await screen.findByTestId('routing-settings');
    const input = (key: string) => within(form).getByTestId(`setting-${key}`).querySelector('input')!;
    expect(input('replyTimeoutSec').value).toBe('120');
    fireEvent.input(input('replyTimeoutSec'), { target: { value: '90' } });
    expect(input('presenceTimeoutSec').value).toBe('120');
    fireEvent.input(input('presenceTimeoutSec'), { target: { value: '180' } });
    fireEvent.input(input('urgencyWords'), { target: { value: '投诉，紧急 漏水' } });
    fireEvent.click(within(form).getByTestId('day-6'));
    fireEvent.click(within(form).getByTestId('day-1'));
    fireEvent.input(input('end'), { target: { value: '21:00' } });
    fireEvent.click(within(form).getByText('保存设置'));
    await waitFor(() =>
      expect(callsOf(fake.functions!, 'routing.saveSettings')).toEqual([
        {
          action: 'saveSettings',
          replyTimeoutSec: 90,
          queueOfferSec: 600,
          presenceTimeoutSec: 180,
          urgencyWords: ['投诉', '紧急', '漏水'],
          businessHours: { days: [2, 3, 4, 5, 6], start: '09:00', end: '21:00' },
        },
      ]),
    );
    await waitFor(() => expect(taro.toasts).toContain('设置已保存'));
  });

  it('refuses a bad time before calling', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('sup-tab-settings'));
    const form = await screen.findByTestId('routing-settings');
    fireEvent.input(within(form).getByTestId('setting-start').querySelector('input')!, { target: { value: '9点' } });
    fireEvent.click(within(form).getByText('保存设置'));
    await waitFor(() => expect(taro.toasts).toContain('时间格式应为 HH:mm'));
    expect(callsOf(fake.functions!, 'routing.saveSettings')).toEqual([]);
  });

  it('is for supervisors and admins only', async () => {
    fake.functions!.ok('admin.whoami', whoami('agent'));
    renderPage();
    expect((await screen.findByTestId('staff-only')).textContent).toBe('此页面仅供主管和管理员使用');
    expect(callsOf(fake.functions!, 'routing.overview')).toEqual([]);
  });
});
