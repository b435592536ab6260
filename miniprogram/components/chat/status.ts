// What the customer reads for each conversation state, and the queue line; one place for every page.
import type { ChatMessage, ConversationStatus } from '../../../core/api';

export const STATUS_TEXT: Record<ConversationStatus, string> = {
  bot: '机器人',
  queued: '排队中',
  assigned: '服务中',
  closed: '已结束',
};

/**
 * 「前面还有 N 位，预计等待约 M 分钟」: `position` is 1-based, so N people are ahead of the customer.
 * Without an estimate (nobody on duty), the customer is told a person is being found.
 */
export function queueText(position: number | undefined, etaSeconds: number | undefined): string {
  if (position === undefined) return '正在为您安排客服';
  const ahead = Math.max(0, position - 1);
  // No estimate while nobody is on duty: the place in the line still tells the customer where they stand.
  if (etaSeconds === undefined) return `前面还有 ${ahead} 位，客服上线后将尽快为您服务`;
  const minutes = Math.max(1, Math.ceil(etaSeconds / 60));
  return `前面还有 ${ahead} 位，预计等待约 ${minutes} 分钟`;
}

/**
 * Union of two message lists by id, in time order (ties keep their first-seen order). A reload that
 * answers late or a local message not yet on the server never makes a message disappear.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map<string, { message: ChatMessage; order: number }>();
  let order = 0;
  for (const message of current) byId.set(message.id, { message, order: order++ });
  for (const message of incoming) {
    const seen = byId.get(message.id);
    byId.set(message.id, { message, order: seen ? seen.order : order++ });
  }
  const time = (m: ChatMessage) => Date.parse(m.createdAt) || 0;
  return [...byId.values()]
    .sort((a, b) => time(a.message) - time(b.message) || a.order - b.order)
    .map((entry) => entry.message);
}
