// Conversations, messages and left messages for the chat UI tests.
import Taro from '@tarojs/taro';
import { vi } from 'vitest';
import type { ChatMessage, ConversationSummary, ConversationView, LeftMessage } from '../../core/api';

let n = 0;

export function msg(over: Partial<ChatMessage> = {}): ChatMessage {
  n += 1;
  return {
    id: `m${n}`,
    from: 'customer',
    authorName: '小王',
    text: `消息 ${n}`,
    kind: 'text',
    createdAt: '2025-11-26T02:00:00.000Z',
    ...over,
  };
}

export function conversation(over: Partial<ConversationView> = {}): ConversationView {
  return {
    conversationId: 'conv-1',
    status: 'bot',
    messages: [msg({ id: 'hello', from: 'bot', authorName: '小暖助手', text: '您好，我是小暖助手，请问有什么可以帮您？' })],
    mayRate: false,
    availability: { inHours: true, agentsOnline: 2, hours: '周一至周日 09:00–21:00' },
    ...over,
  };
}

export function summary(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    conversationId: 'conv-1',
    status: 'closed',
    groupId: 'group-default',
    lastText: '好的，谢谢',
    createdAt: '2025-11-25T02:00:00.000Z',
    updatedAt: '2025-11-25T02:30:00.000Z',
    ...over,
  };
}

export function leftMessage(over: Partial<LeftMessage> = {}): LeftMessage {
  return {
    id: 'lm-1',
    text: '空调不制冷，请联系我',
    phone: '13800138000',
    status: 'open',
    createdAt: '2025-11-25T14:00:00.000Z',
    ...over,
  };
}

/** What jsdom and the Taro stand-in lack for the chat: scrolling into view and the image viewer. */
export function installChatStubs(): { previewImage: ReturnType<typeof vi.fn> } {
  Element.prototype.scrollIntoView = vi.fn();
  const previewImage = vi.fn(async () => ({ errMsg: 'previewImage:ok' }));
  Object.assign(Taro, { previewImage });
  return { previewImage };
}
