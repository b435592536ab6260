import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Signal } from '../../miniprogram/api/types';
import MessagesPage from '../../miniprogram/pages/messages/index';
import { leftMessage } from './chat-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null, listeners: new Set<(s: Signal) => void>() }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));
vi.mock('../../miniprogram/api/realtime', () => ({
  subscribe: (listener: (s: Signal) => void) => {
    fake.listeners.add(listener);
    return () => fake.listeners.delete(listener);
  },
}));

const answered = leftMessage({
  id: 'lm-2',
  text: '发票什么时候开？',
  phone: '',
  status: 'answered',
  answer: '已为您开具，请查收邮箱。',
  answeredByName: '李雷',
  answeredAt: '2025-11-26T01:00:00.000Z',
  createdAt: '2025-11-25T12:00:00.000Z',
});
const open = leftMessage({ id: 'lm-1', createdAt: '2025-11-25T14:00:00.000Z' });

function callsOf(name: string, action: string) {
  return fake.functions!.calls.filter((c) => c.name === name && c.event.action === action).map((c) => c.event);
}

function phoneInput(): HTMLInputElement {
  const root = screen.getByTestId('leave-phone');
  return (root.matches('input') ? root : root.querySelector('input')) as HTMLInputElement;
}

beforeEach(() => {
  fake.listeners.clear();
  fake.functions = fakeFunctions()
    .ok('session.myMessages', [answered, open])
    .ok('templates.available', [{ event: 'message_answered', templateId: 'tmpl-answered', title: '留言回复通知' }])
    .ok('templates.grant', { recorded: 1 })
    .ok('session.leaveMessage', (event) => leftMessage({ id: 'lm-3', text: String(event.text) }));
});

describe('my messages', () => {
  it('lists left messages, newest first, with the status and the answer with who and when', async () => {
    render(<MessagesPage />);
    await waitFor(() => expect(screen.getAllByTestId('left-item')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('left-item');
    expect(first!.textContent).toContain('空调不制冷，请联系我');
    expect(first!.textContent).toContain('待回复');
    expect(first!.textContent).toContain('13800138000');
    expect(second!.textContent).toContain('已回复');
    expect(second!.textContent).toContain('已为您开具，请查收邮箱。');
    expect(second!.textContent).toContain('李雷 · 2025-11-26 09:00');
    expect(screen.queryByTestId('leave-form')).toBeNull();
  });

  it('reads the list again on a messages signal', async () => {
    render(<MessagesPage />);
    await waitFor(() => expect(screen.getAllByTestId('left-item')).toHaveLength(2));
    fake.functions!.ok('session.myMessages', [{ ...open, status: 'answered', answer: '明天上门', answeredByName: '韩梅梅', answeredAt: '2025-11-26T02:00:00.000Z' }]);
    for (const listener of fake.listeners) listener({ seq: 1, kinds: ['messages'] });
    await waitFor(() => expect(screen.getAllByTestId('left-item')).toHaveLength(1));
    expect(screen.getByTestId('left-item').textContent).toContain('明天上门');
  });

  it('with leave=1 shows the form and checks the text and the phone before sending', async () => {
    taro.setRouterParams({ leave: '1' });
    render(<MessagesPage />);
    await screen.findByTestId('leave-form');
    fireEvent.click(screen.getByTestId('leave-submit'));
    expect((await screen.findByTestId('leave-text-error')).textContent).toBe('请填写留言内容');

    typeInTextArea(screen.getByTestId('leave-text'), '想咨询安装');
    fireEvent.input(phoneInput(), { target: { value: '12345' } });
    await waitFor(() => expect(screen.queryByTestId('leave-text-error')).toBeNull());
    fireEvent.click(screen.getByTestId('leave-submit'));
    expect((await screen.findByTestId('leave-phone-error')).textContent).toBe('请输入有效的 11 位中国大陆手机号');
    expect(taro.toasts.at(-1)).toBe('请输入有效的 11 位中国大陆手机号');
    expect(callsOf('session', 'leaveMessage')).toEqual([]);
  });

  it('sends the message with the phone and the conversation it leaves, after asking for notifications', async () => {
    taro.setRouterParams({ leave: '1', conversationId: 'conv-1' });
    render(<MessagesPage />);
    await screen.findByTestId('leave-form');
    await waitFor(() => expect(callsOf('templates', 'available')).toEqual([{ action: 'available', events: ['message_answered'] }]));
    typeInTextArea(screen.getByTestId('leave-text'), '  空调漏水，请尽快联系  ');
    fireEvent.input(phoneInput(), { target: { value: '138 0013 8000' } });
    await waitFor(() => expect(phoneInput().value).toBe('138 0013 8000'));
    fireEvent.click(screen.getByTestId('leave-submit'));
    // h5 emulates WeChat's prompt with a dialog.
    fireEvent.click(await screen.findByText('允许'));
    await waitFor(() =>
      expect(callsOf('session', 'leaveMessage')).toEqual([{ action: 'leaveMessage', text: '空调漏水，请尽快联系', phone: '13800138000', conversationId: 'conv-1' }]),
    );
    await waitFor(() => expect(taro.toasts).toContain('留言已提交'));
    await waitFor(() => expect(screen.queryByTestId('leave-form')).toBeNull());
    expect(callsOf('session', 'myMessages').length).toBeGreaterThanOrEqual(2);
  });

  it('sends without a phone when none is given and the prompt is refused', async () => {
    render(<MessagesPage />);
    fireEvent.click(await screen.findByTestId('leave-open'));
    typeInTextArea(screen.getByTestId('leave-text'), '请回电');
    fireEvent.click(screen.getByTestId('leave-submit'));
    fireEvent.click(await screen.findByText('拒绝'));
    await waitFor(() => expect(callsOf('session', 'leaveMessage')).toEqual([{ action: 'leaveMessage', text: '请回电' }]));
  });
});
