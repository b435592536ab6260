import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaqSearchHit } from '../../core/api';
import type { Signal } from '../../miniprogram/api/types';
import type { FunctionEvent } from '../../miniprogram/api/types';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import ChatPage from '../../miniprogram/pages/chat/index';
import SearchPage from '../../miniprogram/pages/search/index';
import { conversation, installChatStubs } from './chat-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { hot, whoami } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));
// The chat page (opened by 转人工客服) listens for signals and may show images: neither is under test here.
vi.mock('../../miniprogram/api/realtime', () => ({ subscribe: (_listener: (s: Signal) => void) => () => undefined }));
vi.mock('../../miniprogram/api/files', () => ({
  fileUrl: (fileId: string) => fileId,
  chooseChatImage: async () => '/tmp/photo.png',
  uploadChatImage: async () => 'cloud://env/chat/openid-customer/abcdefghijklmnop.png',
}));

const hit = (id: string, question: string, score: number): FaqSearchHit => ({ id, categoryId: 'cat-billing', question, score });

const REFUND_HITS = [hit('faq-refund', '退款多久能到账？', 0.82), hit('faq-return', '退货需要自己寄回吗？运费谁出？', 0.41)];
const REFUND_TIME_HITS = [hit('faq-refund-time', '退款到账时间说明', 0.9)];

function searches(): string[] {
  return fake.functions!.calls.filter((c) => c.name === 'faq' && c.event.action === 'search').map((c) => String(c.event.q));
}

function renderSearch() {
  return render(<SearchPage />);
}

function type(container: HTMLElement, value: string): void {
  const input = container.querySelector('[data-testid="search-bar"] input');
  if (!input) throw new Error('no search input');
  fireEvent.input(input, { target: { value } });
}

/** The shown hits, with the highlighted runs of each in brackets: 【退款】多久能【到账】？ */
function shownHits(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('.kefu-search-hit__question')).map((q) =>
    Array.from(q.children)
      .map((part) => (part.classList.contains('kefu-search-hit__mark') ? `【${part.textContent}】` : part.textContent))
      .join(''),
  );
}

/** Holds `faq.search` answers until the test releases them, one gate per query. */
function gateSearches(): Map<string, () => void> {
  const gates = new Map<string, () => void>();
  const functions = fake.functions!;
  const invoke = functions.invoke.bind(functions);
  functions.invoke = async (name, event: FunctionEvent) => {
    if (name === 'faq' && event.action === 'search') {
      const q = String(event.q);
      await new Promise<void>((resolve) => gates.set(q, resolve));
    }
    return invoke(name, event);
  };
  return gates;
}

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('faq.hot', hot)
    .ok('faq.search', (event: FunctionEvent) => (String(event.q).includes('到账') ? REFUND_TIME_HITS : REFUND_HITS));
});

describe('search page', () => {
  it('shows the hot questions under 热门问题 while the box is empty, and sends no search', async () => {
    const { container } = renderSearch();
    expect(await screen.findByText('如何申请退款？')).toBeTruthy();
    expect(screen.getByText('热门问题')).toBeTruthy();
    expect(container.querySelector('[data-testid="search-bar"] input')!.getAttribute('placeholder')).toBe('搜索问题，如：怎么退款');
    type(container, '   ');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(screen.getByText('热门问题')).toBeTruthy();
    expect(searches()).toEqual([]);
    fireEvent.click(container.querySelectorAll('.kefu-search-hot')[1]!);
    expect(taro.navigations).toEqual(['/pages/answer/index?id=faq-invoice']);
  });

  it('searches once typing pauses and highlights the words of the query in each hit', async () => {
    vi.useFakeTimers();
    try {
      const { container } = renderSearch();
      type(container, '退');
      await act(() => vi.advanceTimersByTimeAsync(100));
      type(container, '退款要几天');
      await act(() => vi.advanceTimersByTimeAsync(249));
      expect(searches()).toEqual([]);
      await act(() => vi.advanceTimersByTimeAsync(1));
      // One request for the text at the pause, none for the keystrokes before it.
      expect(searches()).toEqual(['退款要几天']);
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(screen.getByTestId('search-heading').textContent).toBe('相关问题'));
    expect(shownHits(document.body)).toEqual(['【退款】多久能到账？', '【退】货需【要】自己寄回吗？运费谁出？']);
    fireEvent.click(document.querySelectorAll('.kefu-search-hit')[0]!);
    expect(taro.navigations).toEqual(['/pages/answer/index?id=faq-refund']);
  });

  it('never lets a slower answer to an older query replace a newer one', async () => {
    const gates = gateSearches();
    const { container } = renderSearch();
    type(container, '退款');
    await waitFor(() => expect(gates.has('退款')).toBe(true));
    type(container, '退款到账');
    await waitFor(() => expect(gates.has('退款到账')).toBe(true));
    gates.get('退款到账')!();
    await waitFor(() => expect(shownHits(container)).toEqual(['【退款到账】时间说明']));
    gates.get('退款')!();
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(shownHits(container)).toEqual(['【退款到账】时间说明']);
    expect([...gates.keys()]).toEqual(['退款', '退款到账']);
  });

  it('drops an answer that arrives after the box was emptied', async () => {
    const gates = gateSearches();
    const { container } = renderSearch();
    type(container, '退款');
    await waitFor(() => expect(gates.has('退款')).toBe(true));
    type(container, '');
    gates.get('退款')!();
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(screen.getByText('热门问题')).toBeTruthy();
    // Typing again waits for its own answer: the dropped one does not show up meanwhile.
    type(container, '发票');
    await waitFor(() => expect(gates.has('发票')).toBe(true));
    expect(screen.getByTestId('loading')).toBeTruthy();
    expect(container.querySelectorAll('.kefu-search-hit')).toHaveLength(0);
  });

  it('offers weak hits as 「您是不是想问」', async () => {
    fake.functions!.ok('faq.search', [hit('faq-wifi', '扫地机器人连不上Wi-Fi，配网失败怎么办？', 0.34), hit('faq-base', '扫地机器人找不到充电座，回不去充电怎么办？', 0.2)]);
    const { container } = renderSearch();
    type(container, '机器 wifi');
    await waitFor(() => expect(screen.getByTestId('search-heading').textContent).toBe('您是不是想问'));
    expect(shownHits(container)).toEqual(['扫地【机器】人连不上【Wi】-【Fi】，配网失败怎么办？', '扫地【机器】人找不到充电座，回不去充电怎么办？']);
    expect(screen.queryByTestId('search-nothing')).toBeNull();
    // Hits that do not fit are no dead end: a person or a message is still one tap away.
    fireEvent.click(within(screen.getByTestId('search-more')).getByTestId('search-handoff'));
    expect(taro.navigations.at(-1)).toBe(`/pages/chat/index?text=${encodeURIComponent('机器 wifi')}`);
  });

  it('with no hits says 没有找到相关问题 and leads to 转人工客服 with the question, or to 留言', async () => {
    fake.functions!.ok('faq.search', []);
    const { container } = renderSearch();
    type(container, '  冰箱 结霜了 ');
    const nothing = await screen.findByTestId('search-nothing');
    expect(nothing.textContent).toContain('没有找到相关问题');
    expect(searches()).toEqual(['冰箱 结霜了']);
    fireEvent.click(screen.getByTestId('search-handoff'));
    fireEvent.click(screen.getByTestId('search-leave'));
    expect(taro.navigations).toEqual([`/pages/chat/index?text=${encodeURIComponent('冰箱 结霜了')}`, '/pages/messages/index?leave=1']);
  });

  it('cuts a query longer than 100 characters to 100 instead of failing', async () => {
    fake.functions!.ok('faq.search', (event: FunctionEvent) => {
      // The real limit: longer text is refused by the function's schema.
      if (String(event.q).length > 100) return [];
      return REFUND_HITS;
    });
    const { container } = renderSearch();
    const long = `退款${'请问'.repeat(60)}`;
    type(container, long);
    await waitFor(() => expect(container.querySelectorAll('.kefu-search-hit')).toHaveLength(2));
    expect(searches()).toEqual([long.slice(0, 100)]);
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('shows a failed search with a retry', async () => {
    fake.functions!.fail('faq.search', 'UNAVAILABLE', '服务暂时不可用');
    const { container } = renderSearch();
    type(container, '退款');
    const error = await screen.findByTestId('error');
    expect(error.textContent).toContain('服务暂时不可用');
    fake.functions!.ok('faq.search', REFUND_HITS);
    fireEvent.click(error.querySelector('.kefu-state__retry')!);
    await waitFor(() => expect(container.querySelectorAll('.kefu-search-hit')).toHaveLength(2));
  });
});

describe('chat page opened from search', () => {
  it('sends the question in `text` as the first message of the conversation', async () => {
    installChatStubs();
    fake.functions = fakeFunctions()
      .ok('admin.whoami', whoami('customer'))
      .ok('templates.available', [])
      .ok('session.start', { conversationId: 'conv-1', status: 'bot' })
      .ok('session.history', conversation());
    taro.setRouterParams({ text: encodeURIComponent('冰箱 结霜了') });
    render(
      <MeProvider>
        <ChatPage />
      </MeProvider>,
    );
    await screen.findByTestId('chat-handoff');
    expect(fake.functions.calls.filter((c) => c.name === 'session' && c.event.action === 'start').map((c) => c.event)).toEqual([{ action: 'start', text: '冰箱 结霜了' }]);
  });
});
