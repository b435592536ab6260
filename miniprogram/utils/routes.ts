// Every page path in one place (weapp and h5 share them; h5 puts them after `#`).
import Taro from '@tarojs/taro';
import type { Role } from '../../core/roles';

const q = encodeURIComponent;

export const routes = {
  home: '/pages/index/index',
  category: (id: string, name?: string) => `/pages/category/index?id=${q(id)}${name ? `&name=${q(name)}` : ''}`,
  answer: (id: string) => `/pages/answer/index?id=${q(id)}`,
  /** FAQ search (搜索): hot questions, then hits while typing. */
  search: '/pages/search/index',
  join: (code?: string) => `/pages/join/index${code ? `?code=${q(code)}` : ''}`,
  setup: '/pages/setup/index',
  /** Customer chat: the open conversation (or a new one); `id` opens a past one; `category` routes it; `text` is sent as the first message. */
  chat: (opts: { id?: string; category?: string; text?: string } = {}) => {
    const qs = [opts.id ? `id=${q(opts.id)}` : '', opts.category ? `category=${q(opts.category)}` : '', opts.text ? `text=${q(opts.text)}` : ''].filter(Boolean).join('&');
    return `/pages/chat/index${qs ? `?${qs}` : ''}`;
  },
  conversations: '/pages/conversations/index',
  /** My left messages (留言); `leave=1` opens the form, `conversationId` leaves the queue with it. */
  messages: (opts: { leave?: boolean; conversationId?: string } = {}) => {
    const qs = [opts.leave ? 'leave=1' : '', opts.conversationId ? `conversationId=${q(opts.conversationId)}` : ''].filter(Boolean).join('&');
    return `/pages/messages/index${qs ? `?${qs}` : ''}`;
  },
  agentDesk: '/agent/pages/index/index',
  deskConversation: (id: string) => `/agent/pages/conversation/index?id=${q(id)}`,
  deskMessages: '/agent/pages/messages/index',
  supervisor: '/agent/pages/supervisor/index',
  quickReplies: '/agent/pages/quick-replies/index',
  /** 质检: QA staff sample, score and report; agents see their own scores. */
  qa: '/agent/pages/qa/index',
  manager: '/manager/pages/index/index',
  /** 数据看板: the KPIs and charts of the service (managers and QA). */
  dashboard: '/manager/pages/dashboard/index',
} as const;

export function go(url: string): void {
  void Taro.navigateTo({ url });
}

/** Query values arrive URI-encoded on some platforms and decoded on others. */
export function param(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Who sees which staff entry. The functions still check every call; this only hides dead ends. */
export function mayOpenDesk(role: Role): boolean {
  return role !== 'customer';
}

export function mayOpenManager(role: Role): boolean {
  return role === 'supervisor' || role === 'admin' || role === 'qa';
}
