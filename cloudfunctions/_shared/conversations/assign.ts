// The assignment engine, shared in-process by `session`, `desk` and the `routing` timer.
//
// Work-conserving: every event that can make an assignment possible (hand-off, agent online, close,
// transfer, capacity raised) calls assignQueued() right away; the routing timer is only a safety net.
//
// Atomic: a claim is one transaction of document-level operations over
//   conversations/<id>  (must still be `queued`, or `assigned` to the expected agent),
//   users/<agent>       (must be online, in the group),
//   agent_load/<agent>  ({active, lastAssignedAt}: active < capacity, then +1).
// The database rejects the commit when any of the three changed after it was read (the emulator and
// CloudBase both check the versions read at commit), so two concurrent runs can never give one
// conversation twice, nor push an agent over capacity: the loser re-reads and decides again.
import { DESK_STAFF, type Role } from '../../../core/roles';
import { chooseAgent, isPresent, type AgentState, type SelectionMode } from '../../../core/routing';
import { AppError } from '../../../core/envelope';
import { db, _ } from '../cloud';
import { rows } from '../db';
import { signal } from '../signals';
import { lastSeenMs, type UserDoc } from '../users.repo';
import { addMessage, groupsWithQueue, listGroups, orderedQueue, recordEvent, routingSettings, seconds, stamp, type ConversationDoc } from './conversation.repo';
import { SYSTEM_NAME, TEXTS } from './texts';
import { transact as runTransaction, txGet, type Tx } from '../tx';
import { logWarn } from '../log';

const transact = <T>(run: (t: Tx) => Promise<T>): Promise<T> => runTransaction(run, '当前咨询的人较多，请稍后重试');

export interface AgentLoadDoc {
  _id: string;
  active: number;
  /** Epoch ms of the last assignment (0 = never): "longest idle" and round robin read it. */
  lastAssignedAt: number;
  updatedAt: Date;
}

/** Roles that take conversations (an admin only with a capacity above 0): the desk staff of core/roles.ts. */
export const DESK_ROLES: readonly Role[] = DESK_STAFF;

export type ClaimOutcome = 'claimed' | 'gone' | 'ineligible' | 'full';

/**
 * Online desk staff of a group (or of every group) with their current loads. Staff not heard from
 * within the presence timeout are left out (their app is closed; the timer sets them offline).
 */
export async function agentStates(groupId?: string, opts: { now?: Date; presenceTimeoutSec?: number } = {}): Promise<AgentState[]> {
  const where: Record<string, unknown> = { status: 'online', role: _.in([...DESK_ROLES]) };
  if (groupId) where.groups = groupId;
  const now = opts.now ?? new Date();
  const timeoutSec = opts.presenceTimeoutSec ?? (await routingSettings()).presenceTimeoutSec;
  const users = (await rows<UserDoc>(db.collection('users').where(where).limit(1000))).filter((u) => isPresent(lastSeenMs(u), now.getTime(), timeoutSec));
  if (users.length === 0) return [];
  const loads = await rows<AgentLoadDoc>(db.collection('agent_load').where({ _id: _.in(users.map((u) => u._id)) }).limit(1000));
  const byId = new Map(loads.map((l) => [l._id, l]));
  return users.map((u) => ({
    id: u._id,
    status: u.status,
    groups: Array.isArray(u.groups) ? u.groups : [],
    capacity: typeof u.capacity === 'number' ? u.capacity : 0,
    active: byId.get(u._id)?.active ?? 0,
    lastAssignedAt: byId.get(u._id)?.lastAssignedAt ?? 0,
  }));
}

/** Inside a transaction: one more conversation for the agent, or why not. */
async function txTake(t: Tx, agentId: string, groupId: string | null, now: Date): Promise<'ok' | 'ineligible' | 'full'> {
  const user = await txGet<UserDoc>(t, 'users', agentId);
  if (!user || !DESK_ROLES.includes(user.role) || user.status !== 'online' || (groupId !== null && !(user.groups ?? []).includes(groupId))) return 'ineligible';
  const load = await txGet<AgentLoadDoc>(t, 'agent_load', agentId);
  const active = load?.active ?? 0;
  if (active >= (user.capacity ?? 0)) return 'full';
  const patch = { active: active + 1, lastAssignedAt: now.getTime(), updatedAt: now };
  if (load) await t.collection('agent_load').doc(agentId).update({ data: patch });
  else await t.collection('agent_load').add({ data: { _id: agentId, ...patch } });
  return 'ok';
}

/** Inside a transaction: one conversation less for the agent (never below 0). */
export async function txRelease(t: Tx, agentId: string, now: Date): Promise<void> {
  const load = await txGet<AgentLoadDoc>(t, 'agent_load', agentId);
  if (!load) return;
  await t.collection('agent_load').doc(agentId).update({ data: { active: Math.max(0, load.active - 1), updatedAt: now } });
}

function assignedPatch(agentId: string, conv: ConversationDoc, now: Date) {
  return {
    status: 'assigned' as const,
    agentId,
    assignedAt: now,
    firstAssignedAt: conv.firstAssignedAt ?? now,
    repliedSinceAssign: false,
    front: false,
    updatedAt: now,
  };
}

/** Claims a queued conversation for an agent, atomically (see the top of this file). */
export async function claimQueued(conversationId: string, agentId: string, now: Date): Promise<{ outcome: ClaimOutcome; conv?: ConversationDoc }> {
  return transact(async (t) => {
    const conv = await txGet<ConversationDoc>(t, 'conversations', conversationId);
    if (!conv || conv.status !== 'queued') return { outcome: 'gone' as const };
    const taken = await txTake(t, agentId, conv.groupId, now);
    if (taken !== 'ok') return { outcome: taken };
    const patch = assignedPatch(agentId, conv, now);
    await t.collection('conversations').doc(conversationId).update({ data: patch });
    return { outcome: 'claimed' as const, conv: { ...conv, ...patch } };
  });
}

/**
 * Moves an assigned conversation from one agent to another, atomically (transfer, timeout re-route).
 * `anyGroup`: a transfer to a named colleague may cross skill groups; a re-route stays in the group.
 */
export async function reassign(conversationId: string, fromAgent: string, toAgent: string, now: Date, anyGroup = false): Promise<{ outcome: ClaimOutcome; conv?: ConversationDoc }> {
  return transact(async (t) => {
    const conv = await txGet<ConversationDoc>(t, 'conversations', conversationId);
    if (!conv || conv.status !== 'assigned' || conv.agentId !== fromAgent) return { outcome: 'gone' as const };
    const taken = await txTake(t, toAgent, anyGroup ? null : conv.groupId, now);
    if (taken !== 'ok') return { outcome: taken };
    await txRelease(t, fromAgent, now);
    const patch = assignedPatch(toAgent, conv, now);
    await t.collection('conversations').doc(conversationId).update({ data: patch });
    return { outcome: 'claimed' as const, conv: { ...conv, ...patch } };
  });
}

/**
 * Puts an assigned conversation back in a queue (agent offline: at the front; transfer to a group: in
 * that group's queue), releasing the agent's place, atomically. Null when it was not assigned to them.
 */
export async function requeue(conversationId: string, fromAgent: string, opts: { front: boolean; groupId?: string }, now: Date): Promise<ConversationDoc | null> {
  return transact(async (t) => {
    const conv = await txGet<ConversationDoc>(t, 'conversations', conversationId);
    if (!conv || conv.status !== 'assigned' || conv.agentId !== fromAgent) return null;
    await txRelease(t, fromAgent, now);
    const patch = { status: 'queued' as const, agentId: null, front: opts.front, groupId: opts.groupId ?? conv.groupId, queuedAt: conv.queuedAt ?? now, updatedAt: now };
    await t.collection('conversations').doc(conversationId).update({ data: patch });
    return { ...conv, ...patch };
  });
}

/** Closes a conversation (releasing the agent's place when assigned), atomically. Null when already closed. */
export async function closeAtomically(conversationId: string, patch: { resolved: boolean | null; closeReason?: string }, now: Date, guard: (c: ConversationDoc) => void): Promise<ConversationDoc | null> {
  return transact(async (t) => {
    const conv = await txGet<ConversationDoc>(t, 'conversations', conversationId);
    if (!conv) return null;
    guard(conv);
    if (conv.status === 'closed') return null;
    if (conv.status === 'assigned' && conv.agentId) await txRelease(t, conv.agentId, now);
    const data = { status: 'closed' as const, closedAt: now, resolved: patch.resolved, ...(patch.closeReason ? { closeReason: patch.closeReason } : {}), front: false, updatedAt: now };
    await t.collection('conversations').doc(conversationId).update({ data });
    return { ...conv, ...data };
  });
}

/** Safe side effects after a committed change: a failed signal never fails the action. */
export async function tell(openids: ReadonlyArray<string | null | undefined>, kind: string): Promise<void> {
  await Promise.all(
    [...new Set(openids.filter((o): o is string => !!o))].map((o) =>
      signal(o, kind).catch((err: unknown) => {
        logWarn('[conversations] signal failed', err);
      }),
    ),
  );
}

/** What follows a claim: the reporting event (wait on the first assignment), a system line, signals. */
export async function afterAssigned(conv: ConversationDoc, agentId: string, now: Date, agentName: string): Promise<void> {
  const first = conv.firstAssignedAt !== null && new Date(conv.firstAssignedAt).getTime() === now.getTime();
  await recordEvent({ type: 'assigned', conversationId: conv._id, groupId: conv.groupId, agentId, at: now, ...(first ? { durationSec: seconds(conv.handoffAt, now) } : {}) });
  await addMessage({ conversationId: conv._id, from: 'system', author: 'system', authorName: SYSTEM_NAME, text: TEXTS.assigned(agentName), kind: 'text', createdAt: stamp() });
  await tell([conv.customer, agentId], 'conversation');
}

export async function agentName(agentId: string): Promise<string> {
  const user = await rows<UserDoc>(db.collection('users').where({ _id: agentId }).limit(1));
  return user[0]?.name || '客服';
}

/** Claim a specific queued conversation for an agent with the follow-ups; throws when not possible. */
export async function claimFor(conversationId: string, agentId: string, now: Date): Promise<ConversationDoc> {
  const res = await claimQueued(conversationId, agentId, now);
  if (res.outcome === 'gone' || !res.conv) throw new AppError('CONFLICT', '该会话已不在排队中');
  if (res.outcome !== 'claimed') throw new AppError('CONFLICT', '您当前不能接待该会话（需在线、属于该技能组且未达接待上限）');
  await afterAssigned(res.conv, agentId, now, await agentName(agentId));
  await tell(await groupWatchers(res.conv.groupId), 'queue');
  return res.conv;
}

/** How many of the first in line are told when a queue moves (their position and wait changed). */
const TOLD_IN_LINE = 100;

/** Everyone who watches a group's queue: its online desk staff, and the customers waiting in it. */
export async function groupWatchers(groupId: string): Promise<string[]> {
  const waiting = await rows<{ customer: string }>(db.collection('conversations').where({ status: 'queued', groupId }).field({ customer: true }).limit(TOLD_IN_LINE));
  return [...(await agentStates(groupId)).map((a) => a.id), ...waiting.map((c) => c.customer)];
}

/**
 * Assigns queued conversations of the given groups (all groups with a queue when omitted) while an
 * eligible agent exists, in queue order. Safe to run concurrently anywhere: every claim is atomic and
 * a lost race just re-reads. Returns how many it assigned.
 */
export async function assignQueued(groupIds?: readonly string[], now: Date = new Date()): Promise<number> {
  const groups = await listGroups();
  const modes = new Map<string, SelectionMode>(groups.map((g) => [g._id, g.mode]));
  const targets = groupIds ? [...new Set(groupIds)] : await groupsWithQueue();
  const settings = await routingSettings();
  let assigned = 0;
  for (const groupId of targets) {
    const mode = modes.get(groupId) ?? 'least_loaded';
    // Bounded: each round either assigns, or finds nobody eligible, or lost a race and re-reads.
    for (let round = 0; round < 50; round++) {
      const queue = await orderedQueue(groupId, now, settings);
      if (queue.length === 0) break;
      const agents = await agentStates(groupId, { now, presenceTimeoutSec: settings.presenceTimeoutSec });
      let raced = false;
      let gotOne = false;
      for (const conv of queue) {
        const chosen = chooseAgent(agents, groupId, mode);
        if (!chosen) break;
        let res: { outcome: ClaimOutcome; conv?: ConversationDoc };
        try {
          res = await claimQueued(conv._id, chosen.id, now);
        } catch (err) {
          if (err instanceof AppError && err.code === 'UNAVAILABLE') {
            raced = true;
            break;
          }
          throw err;
        }
        if (res.outcome === 'claimed' && res.conv) {
          assigned++;
          gotOne = true;
          chosen.active++;
          chosen.lastAssignedAt = now.getTime();
          await afterAssigned(res.conv, chosen.id, now, await agentName(chosen.id));
        } else if (res.outcome === 'gone') {
          // Taken or closed by someone else meanwhile: the next one.
          continue;
        } else {
          // The agent changed meanwhile (went offline, filled up elsewhere): read again.
          raced = true;
          break;
        }
      }
      if (gotOne) await tell(await groupWatchers(groupId), 'queue');
      if (!raced) break;
    }
  }
  return assigned;
}
