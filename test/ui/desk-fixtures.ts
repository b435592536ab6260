// Desk data shared by the desk UI tests (inbox, conversation, supervisor…).
import type { DeskConversation, GroupLoad, Inbox, InboxItem, QuickReply } from '../../core/api';
import type { FunctionEvent } from '../../miniprogram/api/types';
import type { FakeFunctions } from './fake-functions';

export function inboxItem(over: Partial<InboxItem> = {}): InboxItem {
  return {
    conversationId: 'conv-1',
    customerName: '张晓雯',
    vip: false,
    groupId: 'grp-sales',
    status: 'assigned',
    priority: 0,
    lastText: '空调不制冷了',
    unread: 0,
    waitingSeconds: 0,
    overdue: false,
    ...over,
  };
}

export function inbox(over: Partial<Inbox> = {}): Inbox {
  return { status: 'online', capacity: 5, assigned: [], queue: [], ...over };
}

export function deskConversation(over: Partial<DeskConversation> = {}): DeskConversation {
  return {
    conversationId: 'conv-1',
    status: 'assigned',
    customerName: '张晓雯',
    vip: true,
    groupId: 'grp-sales',
    groupName: '售前咨询',
    agentId: 'openid-agent',
    agentName: '客服小暖',
    mine: true,
    messages: [
      { id: 'm1', from: 'customer', authorName: '张晓雯', text: '空调不制冷了', kind: 'text', createdAt: '2026-11-26T02:00:00.000Z' },
      { id: 'm2', from: 'agent', authorName: '客服小暖', text: '已登记：客户很着急', kind: 'note', createdAt: '2026-11-26T02:01:00.000Z' },
    ],
    customer: {
      name: '张晓雯',
      vip: true,
      phone: '138****8000',
      earlier: [{ conversationId: 'conv-0', status: 'closed', groupId: 'grp-sales', lastText: '发票怎么开', createdAt: '2026-11-01T02:00:00.000Z', updatedAt: '2026-11-01T02:10:00.000Z', rating: 5 }],
      appointments: [{ id: 'appt-1', serviceName: '上门安装', start: '2026-11-28T01:00:00.000Z', status: 'booked' }],
    },
    ...over,
  };
}

export const quickReplies: QuickReply[] = [
  { id: 'qr-hello', scope: 'team', title: '问候', text: '{客户昵称}您好，我是{客服昵称}，很高兴为您服务', editable: false },
  { id: 'qr-mine', scope: 'personal', title: '稍等', text: '请稍等，我查一下', editable: true },
];

export const groups: GroupLoad[] = [
  {
    groupId: 'grp-sales',
    name: '售前咨询',
    mode: 'least_loaded',
    queued: 2,
    longestWaitSeconds: 135,
    agents: [
      { openid: 'openid-agent', name: '客服小暖', status: 'online', active: 2, capacity: 5 },
      { openid: 'openid-li', name: '李雷', status: 'online', active: 1, capacity: 3 },
      { openid: 'openid-han', name: '韩梅梅', status: 'offline', active: 0, capacity: 3 },
    ],
  },
  {
    groupId: 'grp-after',
    name: '售后服务',
    mode: 'round_robin',
    queued: 0,
    longestWaitSeconds: 0,
    agents: [{ openid: 'openid-wang', name: '王芳', status: 'online', active: 0, capacity: 4 }],
  },
];

/** The events one action received, in order. */
export function callsOf(fake: FakeFunctions, key: string): FunctionEvent[] {
  const [name, action] = key.split('.');
  return fake.calls.filter((c) => c.name === name && c.event.action === action).map((c) => c.event);
}
