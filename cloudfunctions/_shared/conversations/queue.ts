// Where a queued conversation stands: position, agents on duty, expected wait.
import { expectedWaitSeconds } from '../../../core/routing';
import { agentStates } from './assign';
import { orderedQueue, recentHandleSeconds, routingSettings, type ConversationDoc } from './conversation.repo';

export interface QueueStanding {
  /** 1-based. */
  position: number;
  /** Null when nobody of the group is online. */
  etaSeconds: number | null;
  agentsOnline: number;
}

export async function standing(conv: ConversationDoc, now: Date): Promise<QueueStanding> {
  const queue = await orderedQueue(conv.groupId, now, await routingSettings());
  const index = queue.findIndex((c) => c._id === conv._id);
  const position = index >= 0 ? index + 1 : queue.length + 1;
  const agents = await agentStates(conv.groupId);
  const slots = agents.reduce((s, a) => s + a.capacity, 0);
  const eta = expectedWaitSeconds(position, slots, await recentHandleSeconds(conv.groupId));
  return { position, etaSeconds: eta, agentsOnline: agents.length };
}
