// The supervisors' live list: every open conversation with a person (queued or assigned), so they
// can see who waits where and move work between agents (with desk.transfer).
import type { ActiveConversation } from '../../core/api';
import { AppError } from '../../core/envelope';
import { db, _ } from '../_shared/cloud';
import { rows } from '../_shared/db';
import { conversations, groupsWithQueue, listGroups, orderedQueue, routingSettings, type ConversationDoc } from '../_shared/conversations/conversation.repo';
import { inboxItem } from '../_shared/conversations/views';

const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : 0);

/**
 * Queued first, group by group (skill groups in their stored order) in each queue's routing order with
 * the position; then assigned ones, longest assigned first. `groupId`: that group only.
 */
export async function activeConversations(now: Date, groupId?: string): Promise<ActiveConversation[]> {
  const [groups, settings] = await Promise.all([listGroups(), routingSettings()]);
  if (groupId && !groups.some((g) => g._id === groupId)) throw new AppError('NOT_FOUND', '技能组不存在');
  const groupName = new Map(groups.map((g) => [g._id, g.name]));
  // A queue of a group that no longer exists is still shown: nobody must be forgotten.
  const queueIds = groupId ? [groupId] : [...new Set([...groups.map((g) => g._id), ...(await groupsWithQueue())])];

  const out: ActiveConversation[] = [];
  for (const id of queueIds) {
    (await orderedQueue(id, now, settings)).forEach((c, i) => out.push({ ...inboxItem(c, now, settings.replyTimeoutSec, i + 1), groupName: groupName.get(id) ?? '' }));
  }

  const assigned = await rows<ConversationDoc>(conversations().where(groupId ? { status: 'assigned', groupId } : { status: 'assigned' }).limit(1000));
  assigned.sort((a, b) => ms(a.assignedAt) - ms(b.assignedAt) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const agentIds = [...new Set(assigned.map((c) => c.agentId).filter((a): a is string => !!a))];
  const agents = agentIds.length ? await rows<{ _id: string; name?: unknown }>(db.collection('users').where({ _id: _.in(agentIds) }).field({ name: true }).limit(agentIds.length)) : [];
  const agentName = new Map(agents.map((u) => [u._id, typeof u.name === 'string' && u.name ? u.name : '客服']));
  for (const c of assigned) {
    out.push({
      ...inboxItem(c, now, settings.replyTimeoutSec),
      ...(c.agentId ? { agentId: c.agentId, agentName: agentName.get(c.agentId) ?? '客服' } : {}),
      groupName: groupName.get(c.groupId) ?? '',
    });
  }
  return out;
}
