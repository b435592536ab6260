import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Signal } from '../../miniprogram/api/types';
import ConversationsPage from '../../miniprogram/pages/conversations/index';
import { summary } from './chat-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { taro } from './taro-shim';

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

const list = [
  summary({ conversationId: 'conv-old', status: 'closed', lastText: '好的，谢谢', updatedAt: '2025-11-20T02:30:00.000Z', rating: 4 }),
  summary({ conversationId: 'conv-now', status: 'queued', lastText: '转人工', updatedAt: '2025-11-26T02:30:00.000Z' }),
  summary({ conversationId: 'conv-bot', status: 'bot', lastText: '', updatedAt: '2025-11-24T02:30:00.000Z' }),
];

beforeEach(() => {
  fake.listeners.clear();
  fake.functions = fakeFunctions().ok('session.mine', list);
});

describe('my conversations', () => {
  it('lists newest first with status, last text, UTC+8 date and stars', async () => {
    render(<ConversationsPage />);
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(3));
    const [now, bot, old] = screen.getAllByTestId('conversation-item');
    expect(now!.textContent).toContain('排队中');
    expect(now!.textContent).toContain('转人工');
    expect(now!.textContent).toContain('2025-11-26 10:30');
    expect(bot!.textContent).toContain('机器人');
    expect(bot!.textContent).toContain('暂无消息');
    expect(old!.textContent).toContain('已结束');
    expect(old!.querySelector('[data-testid="conversation-stars"]')!.textContent).toBe('★★★★☆');
    expect(now!.querySelector('[data-testid="conversation-stars"]')).toBeNull();
  });

  it('opens a conversation in the chat', async () => {
    render(<ConversationsPage />);
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(3));
    fireEvent.click(screen.getAllByTestId('conversation-item')[2]!);
    expect(taro.navigations).toEqual(['/pages/chat/index?id=conv-old']);
  });

  it('offers to start a chat when there is none', async () => {
    fake.functions!.ok('session.mine', []);
    render(<ConversationsPage />);
    fireEvent.click(await screen.findByTestId('conversations-start'));
    expect(taro.navigations).toEqual(['/pages/chat/index']);
    expect(screen.getByTestId('empty').textContent).toContain('还没有咨询记录');
  });

  it('reads the list again when a conversation changes', async () => {
    render(<ConversationsPage />);
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(3));
    fake.functions!.ok('session.mine', [summary({ conversationId: 'conv-now', status: 'assigned', lastText: '您好' })]);
    for (const listener of fake.listeners) listener({ seq: 1, kinds: ['conversation'] });
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(1));
    expect(screen.getByTestId('conversation-item').textContent).toContain('服务中');
  });
});
