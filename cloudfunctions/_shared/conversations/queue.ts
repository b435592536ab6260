// Where a queued conversation stands (position, agents on duty, expected wait), and whether anyone is on duty at all.
import type { Availability } from '../../../core/api';
import { expectedWaitSeconds, hoursText, inBusinessHours } from '../../../core/routing';
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

/** Whether people are on duty for a group now: business hours (UTC+8) and its agents online. */
export async function availability(groupId: string, now: Date): Promise<Availability> {
  const { businessHours } = await routingSettings();
  return { inHours: inBusinessHours(now.getTime(), businessHours), agentsOnline: (await agentStates(groupId)).length, hours: hoursText(businessHours) };
}
