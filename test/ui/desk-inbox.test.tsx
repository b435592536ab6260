import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AgentDeskPage from '../../miniprogram/agent/pages/index/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { callsOf, inbox, inboxItem } from './desk-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { FakeEventSource } from './setup';
import { setStorageSync, taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const mine = [
  inboxItem({ conversationId: 'conv-1', customerName: '张晓雯', vip: true, unread: 2, waitingSeconds: 135, overdue: true }),
  inboxItem({ conversationId: 'conv-2', customerName: '李建国', lastText: '好的谢谢', unread: 1 }),
];
const queued = [inboxItem({ conversationId: 'conv-q', customerName: '周婷', status: 'queued', position: 1, waitingSeconds: 40, lastText: '转人工' })];

function renderDesk() {
  return render(
    <MeProvider>
      <AgentDeskPage />
    </MeProvider>,
  );
}

beforeEach(() => {
  document.title = '';
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('agent', '客服小暖'))
    .ok('desk.inbox', inbox({ status: 'away', capacity: 5, assigned: mine, queue: queued }))
    .ok('desk.leftMessages', [{ id: 'lm-1', text: '请回电', phone: '138****8000', status: 'open', createdAt: '2026-11-26T02:00:00.000Z' }])
    .ok('desk.setStatus', { status: 'online', assigned: 2, returned: 0 })
    .ok('desk.claim', { status: 'assigned' });
});

describe('desk home', () => {
  it('lists my conversations with VIP, unread, waiting time and overdue; alerts in the title', async () => {
    renderDesk();
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')).toHaveLength(2));
    expect(screen.getByTestId('inbox-mine').textContent).toBe('我的会话 (2)');
    expect(screen.getByTestId('inbox-queue').textContent).toBe('排队中 (1)');
    const [first, second] = screen.getAllByTestId('inbox-item');
    expect(first!.textContent).toContain('张晓雯');
    expect(first!.textContent).toContain('VIP');
    expect(within(first!).getByTestId('inbox-unread').textContent).toBe('2');
    const wait = within(first!).getByTestId('inbox-wait');
    expect(wait.textContent).toMatch(/^等待 2分1\d秒 · 已超时$/);
    expect(wait.className).toContain('kefu-danger');
    expect(second!.textContent).not.toContain('VIP');
    expect(within(second!).queryByTestId('inbox-wait')).toBeNull();
    expect(screen.getByTestId('desk-capacity').textContent).toBe('接待中 2 / 上限 5');
    expect(screen.getByTestId('entry-messages').textContent).toBe('客户留言1');
    expect(screen.queryByTestId('entry-supervisor')).toBeNull();
    await waitFor(() => expect(document.title).toBe('(3) 客服工作台'));

    fireEvent.click(first!);
    expect(taro.navigations).toEqual(['/agent/pages/conversation/index?id=conv-1']);
  });

  it('claims a queued customer and opens the conversation', async () => {
    renderDesk();
    fireEvent.click(await screen.findByTestId('inbox-queue'));
    const [item] = await screen.findAllByTestId('inbox-item');
    expect(item!.textContent).toContain('周婷');
    expect(item!.textContent).toContain('第 1 位');
    fireEvent.click(within(item!).getByTestId('claim'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.claim')).toEqual([{ action: 'claim', conversationId: 'conv-q' }]));
    await waitFor(() => expect(taro.navigations).toEqual(['/agent/pages/conversation/index?id=conv-q']));
  });

  it('switches status and tells how many conversations came in', async () => {
    renderDesk();
    const online = await screen.findByTestId('desk-status-online');
    expect(screen.getByTestId('desk-status-away').className).toContain('kefu-chip--active');
    fireEvent.click(online);
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.setStatus')).toEqual([{ action: 'setStatus', status: 'online' }]));
    await waitFor(() => expect(taro.toasts).toContain('已为您分配 2 个会话'));
    expect(callsOf(fake.functions!, 'desk.inbox').length).toBeGreaterThanOrEqual(2);
  });

  it('shows a failed switch as a toast with the function message', async () => {
    fake.functions!.fail('desk.setStatus', 'FORBIDDEN', '您不在任何技能组中');
    renderDesk();
    fireEvent.click(await screen.findByTestId('desk-status-offline'));
    await waitFor(() => expect(taro.toasts).toContain('您不在任何技能组中'));
  });

  it('re-reads the inbox on a desk signal and shows the new unread count in the title', async () => {
    setStorageSync('kefu.token', 'tok-agent');
    renderDesk();
    await waitFor(() => expect(document.title).toBe('(3) 客服工作台'));
    fake.functions!.ok('desk.inbox', inbox({ status: 'online', assigned: [...mine, inboxItem({ conversationId: 'conv-3', unread: 2 })] }));
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    FakeEventSource.instances[0]!.emit('signal', { seq: 7, kinds: ['conversation'] });
    await waitFor(() => expect(document.title).toBe('(5) 客服工作台'));
    expect(screen.getByTestId('inbox-mine').textContent).toBe('我的会话 (3)');
  });

  it('offers the supervisor view to supervisors', async () => {
    fake.functions!.ok('admin.whoami', whoami('supervisor', '主管老周'));
    renderDesk();
    fireEvent.click(await screen.findByTestId('entry-supervisor'));
    expect(taro.navigations).toEqual(['/agent/pages/supervisor/index']);
  });
});
