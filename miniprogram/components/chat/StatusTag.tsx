import type { ConversationStatus } from '../../../core/api';
import { Tag } from '../nutui';
import { STATUS_TEXT } from './status';

// Blue for the bot, orange while waiting, green with a person, light grey once over.
const COLORS: Record<ConversationStatus, { background: string; color: string }> = {
  bot: { background: '#e8f3ff', color: '#1664ff' },
  queued: { background: '#fff7e8', color: '#d25f00' },
  assigned: { background: '#e7f8ee', color: '#07c160' },
  closed: { background: '#f2f3f5', color: '#86909c' },
};

export function ConversationStatusTag({ status }: { status: ConversationStatus }) {
  return (
    <Tag className={`kefu-conv-status kefu-conv-status--${status}`} background={COLORS[status].background} color={COLORS[status].color}>
      {STATUS_TEXT[status]}
    </Tag>
  );
}
