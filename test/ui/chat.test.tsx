import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationView } from '../../core/api';
import type { Signal } from '../../miniprogram/api/types';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import AnswerPage from '../../miniprogram/pages/answer/index';
import ChatPage from '../../miniprogram/pages/chat/index';
import HomePage from '../../miniprogram/pages/index/index';
import { conversation, installChatStubs, msg } from './chat-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { categories, faqEntry, hot, whoami } from './fixtures';
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
vi.mock('../../miniprogram/api/files', () => ({
  fileUrl: (fileId: string) => fileId,
  chooseChatImage: async () => '/tmp/photo.png',
  uploadChatImage: async () => 'cloud://env/chat/openid-customer/abcdefghijklmnop.png',
}));

let seq = 0;
function signal(kinds: string[]): void {
  for (const listener of fake.listeners) listener({ seq: ++seq, kinds });
}

function callsOf(action: string) {
  return fake.functions!.calls.filter((c) => c.name === 'session' && c.event.action === action).map((c) => c.event);
}

/** `session.history` answers whatever `current` is when asked. */
let current: ConversationView;

function renderChat(params: Record<string, string> = {}) {
  taro.setRouterParams(params);
  return render(
    <MeProvider>
      <ChatPage />
    </MeProvider>,
  );
}

beforeEach(() => {
  installChatStubs();
  fake.listeners.clear();
  current = conversation();
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('customer'))
    .ok('session.start', { conversationId: 'conv-1', status: 'bot' })
    .ok('session.history', () => current)
    .ok('session.send', { status: 'bot' })
    .ok('session.close', { status: 'closed' })
    .ok('session.rate', { rated: true });
});

describe('chat page', () => {
  it('starts a conversation in the category and shows the bot with 转人工', async () => {
    renderChat({ category: 'cat-billing' });
    await screen.findByTestId('chat-handoff');
    expect(callsOf('start')).toEqual([{ action: 'start', category: 'cat-billing' }]);
    expect(callsOf('history')).toEqual([{ action: 'history', conversationId: 'conv-1' }]);
    expect(screen.getByTestId('chat-handoff').textContent).toContain('转人工');
    expect(screen.getAllByTestId('msg')).toHaveLength(1);
    expect(screen.queryByTestId('chat-offhours')).toBeNull();
    expect(screen.getByTestId('composer-input')).toBeTruthy();
  });

  it('hands off to the queue and shows the place and the expected wait', async () => {
    fake.functions!.ok('session.handoff', () => {
      current = conversation({ status: 'queued', queuePosition: 3, etaSeconds: 240 });
      return { status: 'queued', queuePosition: 3, etaSeconds: 240 };
    });
    renderChat();
    fireEvent.click(await screen.findByTestId('chat-handoff'));
    expect((await screen.findByTestId('chat-queue')).textContent).toBe('前面还有 2 位，预计等待约 4 分钟');
    expect(callsOf('handoff')).toEqual([{ action: 'handoff', conversationId: 'conv-1' }]);
    expect(screen.queryByTestId('chat-handoff')).toBeNull();
    expect(screen.queryByTestId('chat-offhours')).toBeNull();
  });

  it('while queued with nobody online: no estimate, and offers 留言 and 预约回电', async () => {
    current = conversation({ status: 'queued', queuePosition: 1, agentsOnline: 0, availability: { inHours: true, agentsOnline: 0, hours: '周一至周日 09:00–21:00' } });
    renderChat();
    expect((await screen.findByTestId('chat-queue')).textContent).toBe('前面还有 0 位，客服上线后将尽快为您服务');
    const notice = screen.getByTestId('chat-offhours');
    fireEvent.click(screen.getByText('留言'));
    expect(taro.navigations.at(-1)).toBe('/pages/messages/index?leave=1&conversationId=conv-1');
    fireEvent.click(screen.getByText('预约回电'));
    expect(taro.navigations.at(-1)).toBe('/pages/book/index');
    expect(notice.textContent).toContain('周一至周日 09:00–21:00');
  });

  it('outside business hours the handoff keeps the bot and offers a message or a call back', async () => {
    fake.functions!.ok('session.handoff', { status: 'bot', offHours: true });
    renderChat();
    fireEvent.click(await screen.findByTestId('chat-handoff'));
    const notice = await screen.findByTestId('chat-offhours');
    expect(notice.textContent).toContain('非工作时间');
    expect(notice.textContent).toContain('周一至周日 09:00–21:00');
    expect(screen.getByText('留言')).toBeTruthy();
    expect(screen.getByText('预约回电')).toBeTruthy();
    expect(screen.getByTestId('chat-handoff')).toBeTruthy();
  });

  it('names the agent once assigned', async () => {
    current = conversation({ status: 'assigned', agentName: '李雷' });
    renderChat();
    expect((await screen.findByTestId('chat-agent')).textContent).toBe('客服 李雷 为您服务');
    expect(screen.queryByTestId('chat-handoff')).toBeNull();
  });

  it('sends a tapped suggestion as the customer’s message', async () => {
    current = conversation({
      messages: [msg({ id: 'b1', from: 'bot', authorName: '小暖助手', text: '您是不是想问：', suggestions: [{ id: 'faq-refund', question: '如何申请退款？' }] })],
    });
    renderChat();
    fireEvent.click(await screen.findByText('如何申请退款？'));
    await waitFor(() => expect(callsOf('send')).toEqual([{ action: 'send', conversationId: 'conv-1', text: '如何申请退款？' }]));
  });

  it('sends typed text and pictures, and shows what the history then holds', async () => {
    fake.functions!.ok('session.send', (event) => {
      current = { ...current, messages: [...current.messages, msg({ id: `s${current.messages.length}`, text: String(event.text ?? ''), kind: event.image ? 'image' : 'text', ...(event.image ? { image: String(event.image) } : {}), createdAt: '2025-11-26T02:05:00.000Z' })] };
      return { status: 'bot' };
    });
    renderChat();
    await screen.findByTestId('chat-handoff');
    typeInTextArea(screen.getByTestId('composer-input'), '我要退款');
    await waitFor(() => expect(screen.getByTestId('composer-send').className).not.toContain('disabled'));
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(screen.getAllByTestId('msg')).toHaveLength(2));
    expect(screen.getAllByTestId('msg')[1]!.textContent).toContain('我要退款');
    expect(callsOf('send')[0]).toEqual({ action: 'send', conversationId: 'conv-1', text: '我要退款' });

    fireEvent.click(screen.getByTestId('composer-image'));
    await waitFor(() => expect(callsOf('send')[1]).toEqual({ action: 'send', conversationId: 'conv-1', image: 'cloud://env/chat/openid-customer/abcdefghijklmnop.png' }));
    await waitFor(() => expect(screen.getAllByTestId('msg-image')).toHaveLength(1));
  });

  it('a message refused for sending too fast (or by the content check) shows the function’s words and keeps the text', async () => {
    fake.functions!.fail('session.send', 'RATE_LIMITED', '操作太频繁，请 8 秒后再试');
    renderChat();
    await screen.findByTestId('chat-handoff');
    typeInTextArea(screen.getByTestId('composer-input'), '在吗在吗');
    await waitFor(() => expect(screen.getByTestId('composer-send').className).not.toContain('disabled'));
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(taro.toasts).toContain('操作太频繁，请 8 秒后再试'));
    const input = screen.getByTestId('composer-input') as HTMLElement & { value?: string };
    await waitFor(() => expect(input.querySelector('textarea')?.value ?? input.value).toBe('在吗在吗'));
  });

  it('reads the history again on a conversation signal and keeps every message in order', async () => {
    renderChat();
    await screen.findByTestId('chat-handoff');
    current = conversation({
      status: 'assigned',
      agentName: '李雷',
      messages: [...current.messages, msg({ id: 'r1', from: 'agent', authorName: '李雷', text: '您好，我是李雷', createdAt: '2025-11-26T02:03:00.000Z' })],
    });
    signal(['conversation']);
    await screen.findByTestId('chat-agent');
    expect(screen.getAllByTestId('msg').map((el) => el.getAttribute('data-from'))).toEqual(['bot', 'agent']);
  });

  it('ends the conversation after confirming, then takes a rating with tags', async () => {
    fake.functions!.ok('session.close', () => {
      current = conversation({ status: 'closed', mayRate: true });
      return { status: 'closed' };
    });
    renderChat();
    fireEvent.click(await screen.findByTestId('chat-end'));
    expect(callsOf('close')).toEqual([]);
    fireEvent.click(await screen.findByText('结束'));
    const card = await screen.findByTestId('rate-card');
    expect(callsOf('close')).toEqual([{ action: 'close', conversationId: 'conv-1' }]);
    expect(screen.queryByTestId('composer-input')).toBeNull();
    expect(screen.queryByTestId('chat-end')).toBeNull();

    // Without stars the rating is not sent.
    fireEvent.click(screen.getByTestId('rate-submit'));
    expect(taro.toasts).toContain('请先选择星级');
    expect(callsOf('rate')).toEqual([]);

    fireEvent.click(card.querySelectorAll('.nut-rate-item')[3]!);
    fireEvent.click(screen.getByText('回复及时'));
    fireEvent.click(screen.getByText('答非所问'));
    fireEvent.click(screen.getByText('答非所问'));
    fireEvent.click(screen.getByText('解决了问题'));
    typeInTextArea(screen.getByTestId('rate-comment'), '  很耐心  ');
    fireEvent.click(screen.getByTestId('rate-submit'));
    await screen.findByText('感谢您的评价');
    expect(callsOf('rate')).toEqual([{ action: 'rate', conversationId: 'conv-1', score: 4, tags: ['回复及时', '解决了问题'], comment: '很耐心' }]);
    expect(screen.queryByTestId('rate-submit')).toBeNull();
  });

  it('opens a past conversation read-only with its rating, without starting one', async () => {
    current = conversation({
      conversationId: 'conv-old',
      status: 'closed',
      rating: { score: 5, comment: '非常满意', tags: ['态度友好'] },
      messages: [msg({ id: 'o1', text: '旧消息' })],
    });
    renderChat({ id: 'conv-old' });
    const card = await screen.findByTestId('rate-card');
    expect(callsOf('start')).toEqual([]);
    expect(callsOf('history')).toEqual([{ action: 'history', conversationId: 'conv-old' }]);
    expect(card.textContent).toContain('感谢您的评价');
    expect(card.textContent).toContain('非常满意');
    expect(card.textContent).toContain('态度友好');
    expect(screen.queryByTestId('rate-submit')).toBeNull();
    expect(screen.queryByTestId('composer-input')).toBeNull();
    expect(screen.getByText('会话已结束')).toBeTruthy();
    fireEvent.click(screen.getByTestId('chat-mine'));
    expect(taro.navigations.at(-1)).toBe('/pages/conversations/index');
  });

  it('shows the error with a retry when the conversation cannot start', async () => {
    fake.functions!.fail('session.start', 'RATE_LIMITED', '操作太频繁，请稍后再试');
    renderChat();
    await waitFor(() => expect(screen.getByTestId('error').textContent).toContain('操作太频繁'));
  });
});

describe('ways into the chat', () => {
  it('home: 在线客服 next to 预约服务, and links to 我的会话 and 我的留言', async () => {
    fake.functions!.ok('faq.categories', categories).ok('faq.hot', hot);
    render(
      <MeProvider>
        <HomePage />
      </MeProvider>,
    );
    const entry = await screen.findByTestId('entry-chat');
    expect(entry.textContent).toContain('在线客服');
    expect(entry.nextElementSibling?.className).toContain('kefu-entry-book');
    fireEvent.click(entry);
    fireEvent.click(screen.getByTestId('entry-conversations'));
    fireEvent.click(screen.getByTestId('entry-messages'));
    expect(taro.navigations).toEqual(['/pages/chat/index', '/pages/conversations/index', '/pages/messages/index']);
  });

  it('answer page: 转人工 opens the chat in the entry’s category, also after 没帮助', async () => {
    fake.functions!.ok('faq.get', faqEntry('答案')).ok('faq.feedback', { helpful: 0, notHelpful: 1, counted: true });
    taro.setRouterParams({ id: 'faq-refund' });
    render(<AnswerPage />);
    fireEvent.click(await screen.findByTestId('answer-handoff'));
    expect(taro.navigations).toEqual(['/pages/chat/index?category=cat-billing']);
    fireEvent.click(screen.getByText('没帮助'));
    await screen.findByText('感谢您的反馈');
    fireEvent.click(screen.getByTestId('answer-handoff'));
    expect(taro.navigations).toEqual(['/pages/chat/index?category=cat-billing', '/pages/chat/index?category=cat-billing']);
  });
});
