// The routing function: the per-minute safety net (assign whatever is still queued, re-route
// conversations whose agent did not reply within the timeout) and the supervisor's live view and
// switches. Assignment itself runs in-process wherever an event makes it possible (assign.ts).
import type { GroupLoad, RoutingSettingsView, RoutingTickResult } from '../../core/api';
import { AppError } from '../../core/envelope';
import { ANY_STAFF, MANAGERS } from '../../core/roles';
import { chooseAgent, normalizeDays, replyOverdue } from '../../core/routing';
import { routingSchemas } from '../../core/schemas/desk.schema';
import { audit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { first, rows, updated } from '../_shared/db';
import { afterAssigned, agentName, agentStates, assignQueued, reassign, tell, DESK_ROLES } from '../_shared/conversations/assign';
import {
  conversations,
  listGroups,
  recordEvent,
  routingSettings,
  routingSettingsView,
  saveRoutingSettings,
  type ConversationDoc,
} from '../_shared/conversations/conversation.repo';
import { systemLine } from '../_shared/conversations/flows';
import { expireAbsent, returnConversationsOf } from '../_shared/conversations/presence';
import { TEXTS } from '../_shared/conversations/texts';
import { action } from '../_shared/handler';
import type { UserDoc } from '../_shared/users.repo';
import { groupLoads } from '../_shared/conversations/loads';
import { activeConversations } from './active';

const REROUTED_NOTE = (from: string) => `「${from}」超时未回复，会话已自动转给您。`;

/** Assigned conversations with no agent reply since assignment for longer than the timeout go to another eligible agent. */
async function rerouteOverdue(now: Date): Promise<number> {
  const settings = await routingSettings();
  const cutoff = new Date(now.getTime() - settings.replyTimeoutSec * 1000);
  const overdue = await rows<ConversationDoc>(conversations().where({ status: 'assigned', repliedSinceAssign: false, assignedAt: _.lte(cutoff) }).limit(200));
  let rerouted = 0;
  for (const conv of overdue) {
    if (!conv.agentId || !replyOverdue({ assignedAt: new Date(conv.assignedAt ?? now).getTime(), repliedSinceAssign: conv.repliedSinceAssign }, now.getTime(), settings.replyTimeoutSec)) continue;
    const from = conv.agentId;
    const group = (await listGroups()).find((g) => g._id === conv.groupId);
    // Nobody else eligible: it stays with its agent (flagged overdue in their inbox) rather than wait in a queue.
    const to = chooseAgent(await agentStates(conv.groupId, { now, presenceTimeoutSec: settings.presenceTimeoutSec }), conv.groupId, group?.mode ?? 'least_loaded', [from]);
    if (!to) continue;
    const res = await reassign(conv._id, from, to.id, now);
    if (res.outcome !== 'claimed' || !res.conv) continue;
    rerouted++;
    await recordEvent({ type: 'timeout_rerouted', conversationId: conv._id, groupId: conv.groupId, agentId: to.id, fromAgentId: from, at: now });
    await systemLine(conv._id, REROUTED_NOTE(await agentName(from)), 'note');
    await afterAssigned(res.conv, to.id, now, await agentName(to.id));
    await tell([from], 'conversation');
    await assignQueued(((await first<UserDoc>(db.collection('users').where({ _id: from }))) ?? { groups: [] as string[] }).groups, now);
  }
  return rerouted;
}

/** Customers queued longer than the setting are offered a message or a call back, once (conditional update). */
async function offerLongWaits(now: Date): Promise<number> {
  const settings = await routingSettings();
  const cutoff = new Date(now.getTime() - settings.queueOfferSec * 1000);
  const waiting = await rows<ConversationDoc>(conversations().where({ status: 'queued', queueOffered: _.neq(true), queuedAt: _.lte(cutoff) }).limit(200));
  let offered = 0;
  for (const conv of waiting) {
    const n = await updated(conversations().where({ _id: conv._id, status: 'queued', queueOffered: _.neq(true) }).update({ data: { queueOffered: true } }));
    if (n !== 1) continue;
    offered++;
    await systemLine(conv._id, TEXTS.queueOffer);
    await tell([conv.customer], 'conversation');
  }
  return offered;
}

/**
 * Conversations held by someone who can no longer work them (set offline elsewhere, or no longer desk
 * staff) go back to the front of the queue, as when an agent goes offline from the desk: none is lost.
 */
async function returnOrphans(now: Date): Promise<number> {
  const held = await rows<{ _id: string; agentId: string | null }>(conversations().where({ status: 'assigned' }).field({ agentId: true }).limit(1000));
  const agentIds = [...new Set(held.map((c) => c.agentId).filter((a): a is string => !!a))];
  if (agentIds.length === 0) return 0;
  const staff = await rows<UserDoc>(db.collection('users').where({ _id: _.in(agentIds) }).limit(1000));
  const working = new Set(staff.filter((u) => DESK_ROLES.includes(u.role) && u.status !== 'offline').map((u) => u._id));
  let returned = 0;
  for (const agentId of agentIds) {
    if (!working.has(agentId)) returned += await returnConversationsOf(agentId, now);
  }
  return returned;
}

/** One pass of the safety net; safe to overlap with another pass or with in-process assignment. */
export async function tick(now: Date): Promise<RoutingTickResult> {
  // Agents whose app is gone first, so what they held is returned (and re-assigned) in this same pass.
  const absent = await expireAbsent(now);
  const returned = absent.returned + (await returnOrphans(now));
  const rerouted = await rerouteOverdue(now);
  const assigned = await assignQueued(undefined, now);
  const offered = await offerLongWaits(now);
  return { assigned, rerouted, offered, returned, offline: absent.offline };
}

export const routingActions = {
  tick: action({
    access: MANAGERS,
    input: routingSchemas.tick,
    async run(ctx) {
      return tick(ctx.now);
    },
  }),

  overview: action({
    access: MANAGERS,
    input: routingSchemas.overview,
    async run(ctx): Promise<GroupLoad[]> {
      return groupLoads(ctx.now);
    },
  }),

  active: action({
    access: MANAGERS,
    input: routingSchemas.active,
    async run(ctx, input) {
      return activeConversations(ctx.now, input.groupId);
    },
  }),

  /** Any desk staff may read the rules they work under. */
  settings: action({
    access: ANY_STAFF,
    input: routingSchemas.settings,
    async run(): Promise<RoutingSettingsView> {
      return routingSettingsView(await routingSettings());
    },
  }),

  saveSettings: action({
    access: MANAGERS,
    input: routingSchemas.saveSettings,
    async run(ctx, input): Promise<RoutingSettingsView> {
      const before = routingSettingsView(await routingSettings());
      const patch = input.businessHours ? { ...input, businessHours: { ...input.businessHours, days: normalizeDays(input.businessHours.days) } } : input;
      const after = routingSettingsView(await saveRoutingSettings(patch, ctx.openid, ctx.now));
      await audit(ctx.openid, 'routing.settings', 'settings/routing', before, after);
      return after;
    },
  }),

  setCapacity: action({
    access: MANAGERS,
    input: routingSchemas.setCapacity,
    async run(ctx, input) {
      const user = await first<UserDoc>(db.collection('users').where({ _id: input.openid, role: _.in([...DESK_ROLES]) }));
      if (!user) throw new AppError('NOT_FOUND', '客服不存在');
      await db.collection('users').doc(user._id).update({ data: { capacity: input.capacity, updatedAt: ctx.now } });
      await audit(ctx.openid, 'routing.capacity', `users/${user._id}`, { capacity: user.capacity }, { capacity: input.capacity });
      // Utilization weighs online time by capacity: a new capacity starts a new interval.
      await recordEvent({ type: 'agent_status', agentId: user._id, status: user.status, capacity: input.capacity, at: ctx.now });
      // A raised capacity can take someone from the queue at once.
      const assigned = input.capacity > (user.capacity ?? 0) ? await assignQueued(user.groups ?? [], ctx.now) : 0;
      await tell([user._id], 'desk');
      return { openid: user._id, capacity: input.capacity, assigned };
    },
  }),

  setMode: action({
    access: MANAGERS,
    input: routingSchemas.setMode,
    async run(ctx, input) {
      const group = (await listGroups()).find((g) => g._id === input.groupId);
      if (!group) throw new AppError('NOT_FOUND', '技能组不存在');
      await db.collection('skill_groups').doc(group._id).update({ data: { mode: input.mode, updatedAt: ctx.now } });
      await audit(ctx.openid, 'routing.mode', `skill_groups/${group._id}`, { mode: group.mode }, { mode: input.mode });
      return { groupId: group._id, mode: input.mode };
    },
  }),
};
