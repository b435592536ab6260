// 查看 at the desk: masked personal data is opened by one reveal call per record, shown whole in place,
// with a toast that the view is recorded; numbers revealed can be called (Taro.makePhoneCall).
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeftMessage } from '../../core/api';
import StaffSchedulePage from '../../miniprogram/agent/pages/appointments/index';
import DeskConversationPage from '../../miniprogram/agent/pages/conversation/index';
import DeskMessagesPage from '../../miniprogram/agent/pages/messages/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { appointment, at, services, today } from './appointment-fixtures';
import { installChatStubs } from './chat-fixtures';
import { callsOf, deskConversation } from './desk-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const RECORDED = '已显示完整信息，此操作已记录';
const page = (node: JSX.Element) => render(<MeProvider>{node}</MeProvider>);

beforeEach(() => {
  installChatStubs();
  fake.functions = fakeFunctions().ok('admin.whoami', whoami('agent', '客服小暖'));
});

describe('desk conversation: 查看 on a masked customer message', () => {
  beforeEach(() => {
    const conv = deskConversation();
    fake.functions!.ok(
      'desk.conversation',
      deskConversation({
        messages: [
          ...conv.messages,
          { id: 'm3', from: 'customer', authorName: '张晓雯', text: '我的电话 138****8000', kind: 'text', createdAt: '2026-11-26T02:02:00.000Z', masked: true },
        ],
      }),
    );
    fake.functions!.ok('desk.reveal', (event) => ({ messageId: event.messageId, conversationId: event.conversationId, text: '我的电话 13812348000' }));
    taro.setRouterParams({ id: 'conv-1' });
  });

  it('shows 查看 only under the masked message; tapping it shows the whole text in place and says it is recorded', async () => {
    page(<DeskConversationPage />);
    await screen.findByTestId('desk-chat-head');
    const reveal = screen.getAllByTestId('msg-reveal');
    expect(reveal).toHaveLength(1);
    const masked = screen.getAllByTestId('msg').find((m) => m.textContent?.includes('138****8000'))!;
    expect(within(masked).getByTestId('msg-reveal').textContent).toBe('查看');

    fireEvent.click(reveal[0]!);
    await waitFor(() => expect(screen.getAllByTestId('msg').some((m) => m.textContent?.includes('我的电话 13812348000'))).toBe(true));
    expect(callsOf(fake.functions!, 'desk.reveal')).toEqual([{ action: 'reveal', conversationId: 'conv-1', messageId: 'm3' }]);
    expect(taro.toasts).toContain(RECORDED);
    expect(screen.queryByTestId('msg-reveal')).toBeNull();
    expect(screen.getAllByTestId('msg').some((m) => m.textContent?.includes('138****8000'))).toBe(false);
  });

  it('a refused reveal keeps the message masked and says why', async () => {
    fake.functions!.fail('desk.reveal', 'FORBIDDEN', '您无权查看该会话');
    page(<DeskConversationPage />);
    fireEvent.click(await screen.findByTestId('msg-reveal'));
    await waitFor(() => expect(taro.toasts).toContain('您无权查看该会话'));
    expect(taro.toasts).not.toContain(RECORDED);
    expect(screen.getByTestId('msg-reveal')).toBeTruthy();
    expect(screen.getAllByTestId('msg').some((m) => m.textContent?.includes('138****8000'))).toBe(true);
  });
});

describe('desk conversation: 查看号码 in the customer panel, then 拨打', () => {
  beforeEach(() => {
    fake.functions!.ok('desk.conversation', deskConversation()).ok('desk.revealCustomer', { conversationId: 'conv-1', phone: '13812348000' });
    taro.setRouterParams({ id: 'conv-1' });
  });

  it('opens the masked phone and calls it', async () => {
    page(<DeskConversationPage />);
    fireEvent.click(await screen.findByTestId('customer-panel-toggle'));
    expect(screen.getByTestId('customer-phone').textContent).toBe('手机：138****8000');
    expect(screen.queryByTestId('customer-phone-call')).toBeNull();
    fireEvent.click(screen.getByTestId('customer-phone-reveal'));
    await waitFor(() => expect(screen.getByTestId('customer-phone').textContent).toBe('手机：13812348000'));
    expect(callsOf(fake.functions!, 'desk.revealCustomer')).toEqual([{ action: 'revealCustomer', conversationId: 'conv-1' }]);
    expect(taro.toasts).toContain(RECORDED);
    expect(screen.queryByTestId('customer-phone-reveal')).toBeNull();
    fireEvent.click(screen.getByTestId('customer-phone-call'));
    expect(taro.phoneCalls).toEqual(['13812348000']);
  });
});

describe('left messages: 查看号码, then 回电', () => {
  const masked: LeftMessage = {
    id: 'lm-1',
    text: '空调漏水，请发邮件到 z***@example.com',
    phone: '138****8000',
    status: 'open',
    createdAt: '2026-11-26T02:00:00.000Z',
    customerName: '张晓雯',
    masked: true,
  };
  const plain: LeftMessage = { id: 'lm-2', text: '发票寄到哪里？', phone: '', status: 'open', createdAt: '2026-11-26T03:00:00.000Z', customerName: '李建国' };

  beforeEach(() => {
    fake.functions!.ok('desk.leftMessages', [masked, plain]).ok('desk.revealLeftMessage', { id: 'lm-1', text: '空调漏水，请发邮件到 zhang@example.com', phone: '13812348000' });
  });

  it('reveals the phone and the text of that message only, then calls the revealed number', async () => {
    page(<DeskMessagesPage />);
    await waitFor(() => expect(screen.getAllByTestId('left-item')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('left-item');
    expect(within(second!).queryByTestId('left-reveal')).toBeNull();
    expect(within(first!).queryByTestId('left-call')).toBeNull();
    expect(within(first!).getByTestId('left-reveal').textContent).toBe('查看号码');

    fireEvent.click(within(first!).getByTestId('left-reveal'));
    await waitFor(() => expect(within(first!).getByTestId('left-phone').textContent).toContain('13812348000'));
    expect(first!.textContent).toContain('zhang@example.com');
    expect(taro.toasts).toContain(RECORDED);
    expect(callsOf(fake.functions!, 'desk.revealLeftMessage')).toEqual([{ action: 'revealLeftMessage', id: 'lm-1' }]);
    expect(within(first!).queryByTestId('left-reveal')).toBeNull();

    fireEvent.click(within(first!).getByTestId('left-call'));
    expect(taro.phoneCalls).toEqual(['13812348000']);
  });
});

describe('staff schedule: 查看号码, then 拨打', () => {
  const masked = appointment({ id: 'appt-m', name: '张*', phone: '138****8000', note: '到了打 138****8000', start: at(today, '09:00'), end: at(today, '11:00'), masked: true });
  const own = appointment({ id: 'appt-o', name: '李建国', phone: '13900005678', start: at(today, '13:00'), end: at(today, '15:00') });

  beforeEach(() => {
    fake.functions!
      .ok('appointment.services', services)
      .ok('appointment.list', [masked, own])
      .ok('appointment.revealContact', { id: 'appt-m', name: '张晓雯', phone: '13812348000', address: '', note: '到了打 13812348000' });
  });

  it('reveals the contact in place, with a toast, and calls it', async () => {
    page(<StaffSchedulePage />);
    await waitFor(() => expect(screen.getAllByTestId('staff-appointment')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('staff-appointment');
    expect(within(first!).getByTestId('staff-contact').textContent).toBe('张* · 138****8000');
    expect(within(second!).queryByTestId('contact-reveal')).toBeNull();

    fireEvent.click(within(first!).getByTestId('contact-reveal'));
    await waitFor(() => expect(within(first!).getByTestId('staff-contact').textContent).toBe('张晓雯 · 13812348000'));
    expect(first!.textContent).toContain('备注：到了打 13812348000');
    expect(taro.toasts).toContain(RECORDED);
    expect(callsOf(fake.functions!, 'appointment.revealContact')).toEqual([{ action: 'revealContact', id: 'appt-m' }]);

    fireEvent.click(within(first!).getByTestId('contact-call'));
    expect(taro.phoneCalls).toEqual(['13812348000']);
  });
});
