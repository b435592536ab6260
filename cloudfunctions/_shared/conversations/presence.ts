// Agent presence: an agent who closes the app sends no more heartbeats; after the routing setting
// `presenceTimeoutSec` the routing timer sets them offline, with the same effect as going offline
// from the desk. Until then routing already skips them (assign.ts agentStates), so nobody new waits
// on an agent who is gone.
import { db, _ } from '../cloud';
import { rows } from '../db';
import { isPresent } from '../../../core/routing';
import { lastSeenMs, type UserDoc } from '../users.repo';
import { transact, txGet } from '../tx';
import { assignQueued, DESK_ROLES, groupWatchers, requeue, tell } from './assign';
import { assignedTo, recordEvent, routingSettings } from './conversation.repo';
import { systemLine } from './flows';
import { TEXTS } from './texts';

/** Statuses that hold presence: an agent in one of them is expected to heartbeat. */
const PRESENT_STATUSES = ['online', 'away'];

/** Inbox polls stamp presence at most this often (each stamp is a write to the user's document). */
const STAMP_EVERY_MS = 10_000;

const present = (user: UserDoc, now: Date, timeoutSec: number) => isPresent(lastSeenMs(user), now.getTime(), timeoutSec);

/**
 * Stamps `users.lastSeenAt`. `always`: the heartbeat itself; otherwise (inbox polls) only when the last
 * stamp is older than a fraction of the timeout, so frequent polling does not turn into frequent writes.
 */
export async function stampPresence(user: UserDoc | null, openid: string, now: Date, opts: { always: boolean; timeoutSec: number }): Promise<void> {
  if (!opts.always && user?.lastSeenAt) {
    const every = Math.min(STAMP_EVERY_MS, (opts.timeoutSec * 1000) / 4);
    if (now.getTime() - new Date(user.lastSeenAt).getTime() < every) return;
  }
  await db.collection('users').doc(openid).update({ data: { lastSeenAt: now } });
}

/**
 * An agent's open conversations go back to the FRONT of their queues and to someone else at once
 * (`returned_to_queue` events, a system line, the customers and the queues' watchers told): what
 * going offline means, from the desk, from the presence timeout or for staff no longer at the desk.
 * Returns how many went back.
 */
export async function returnConversationsOf(agentId: string, now: Date): Promise<number> {
  let returned = 0;
  const groups = new Set<string>();
  for (const conv of await assignedTo(agentId)) {
    const back = await requeue(conv._id, agentId, { front: true }, now);
    if (!back) continue;
    returned++;
    groups.add(back.groupId);
    await recordEvent({ type: 'returned_to_queue', conversationId: back._id, groupId: back.groupId, fromAgentId: agentId, at: now });
    await systemLine(back._id, TEXTS.returnedToQueue);
    await tell([back.customer], 'conversation');
  }
  if (groups.size > 0) await assignQueued([...groups], now);
  // Conversations put in front moved everyone else back.
  for (const g of groups) await tell(await groupWatchers(g), 'queue');
  return returned;
}

/**
 * Desk staff online or away and not heard from for `presenceTimeoutSec` are set offline (one
 * transaction each, re-checked inside it, so a heartbeat arriving meanwhile wins), with the
 * `agent_status` event and their conversations returned. Returns the agents and conversations concerned.
 */
export async function expireAbsent(now: Date): Promise<{ offline: number; returned: number }> {
  const { presenceTimeoutSec } = await routingSettings();
  const candidates = await rows<UserDoc>(db.collection('users').where({ status: _.in(PRESENT_STATUSES), role: _.in([...DESK_ROLES]) }).limit(1000));
  let offline = 0;
  let returned = 0;
  for (const candidate of candidates) {
    if (present(candidate, now, presenceTimeoutSec)) continue;
    const gone = await transact(async (t) => {
      const user = await txGet<UserDoc>(t, 'users', candidate._id);
      if (!user || !PRESENT_STATUSES.includes(user.status) || present(user, now, presenceTimeoutSec)) return null;
      await t.collection('users').doc(user._id).update({ data: { status: 'offline', updatedAt: now } });
      return user;
    });
    if (!gone) continue;
    offline++;
    await recordEvent({ type: 'agent_status', agentId: gone._id, status: 'offline', capacity: gone.capacity ?? 0, at: now });
    returned += await returnConversationsOf(gone._id, now);
    await tell([gone._id], 'desk');
  }
  return { offline, returned };
}
