// The staff outbox: every notification attempt, newest first, scoped the way the desk scopes what it is
// about. Managers see every record. Other desk staff see a record when they may see its subject now:
// its conversation at the desk (`mayViewAtDesk`), its left message at the desk (`mayViewLeftMessage`),
// its appointment in the schedule (`SCHEDULERS`: the schedule is every desk member's). A record without
// a subject, or whose subject is gone, is the managers' alone.
//
// Whether a conversation is visible depends on its state now (its agent, queued or not, its group), so it
// cannot be a field of the notification: records are read in batches and filtered after each read, and
// the next batch is read until the page is full (at most OUTBOX_SCAN_MAX records are examined).
import { MANAGERS, SCHEDULERS } from '../../core/roles';
import { _, db } from '../_shared/cloud';
import { mayViewAtDesk } from '../_shared/conversations/desk-access';
import { conversations, type ConversationDoc } from '../_shared/conversations/conversation.repo';
import { leftMessages, mayViewLeftMessage, type LeftMessageDoc } from '../_shared/conversations/left-messages';
import { rows } from '../_shared/db';
import type { CallContext } from '../_shared/handler';
import type { NotificationDoc, NotificationSubject } from '../_shared/notify';

/** Records read per batch for a caller who sees only some. */
const OUTBOX_BATCH = 200;
/** Most records examined for one page; a page of a caller who sees few may be short only beyond this. */
export const OUTBOX_SCAN_MAX = 2000;

const notifications = () => db.collection('notifications');

type Visibility = (subject: NotificationSubject) => boolean;

/** The subjects of a batch, loaded once each, and whether the caller may see each. */
async function visibilityOf(ctx: CallContext, docs: NotificationDoc[]): Promise<Visibility> {
  const ids = (kind: NotificationSubject['kind']) => [...new Set(docs.flatMap((d) => (d.subject?.kind === kind ? [d.subject.id] : [])))];
  const load = async <T extends { _id: string }>(collection: () => ReturnType<typeof db.collection>, kind: NotificationSubject['kind'], fields: Record<string, true>): Promise<Map<string, T>> => {
    const wanted = ids(kind);
    if (wanted.length === 0) return new Map();
    const found = await rows<T>(collection().where({ _id: _.in(wanted) }).field({ _id: true, ...fields }).limit(wanted.length));
    return new Map(found.map((d) => [d._id, d]));
  };
  const [convs, left, appts] = await Promise.all([
    load<Pick<ConversationDoc, '_id' | 'agentId' | 'status' | 'groupId'>>(conversations, 'conversation', { agentId: true, status: true, groupId: true }),
    load<Pick<LeftMessageDoc, '_id' | 'groupId'>>(leftMessages, 'left_message', { groupId: true }),
    SCHEDULERS.includes(ctx.role) ? load<{ _id: string }>(() => db.collection('appointments'), 'appointment', {}) : Promise.resolve(new Map<string, { _id: string }>()),
  ]);
  return (subject) => {
    switch (subject.kind) {
      case 'conversation': {
        const conv = convs.get(subject.id);
        return conv !== undefined && mayViewAtDesk(ctx, conv);
      }
      case 'left_message': {
        const msg = left.get(subject.id);
        return msg !== undefined && mayViewLeftMessage(ctx, msg);
      }
      case 'appointment':
        return appts.has(subject.id);
      default:
        return false;
    }
  };
}

/** The newest `limit` records the caller may see, optionally of one status. */
export async function outboxFor(ctx: CallContext, status: string | undefined, limit: number): Promise<NotificationDoc[]> {
  const byStatus = status ? { status } : {};
  const page = (where: object, n: number) => rows<NotificationDoc>(notifications().where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(n));
  if (MANAGERS.includes(ctx.role)) return page(byStatus, limit);

  const out: NotificationDoc[] = [];
  let last: NotificationDoc | undefined;
  for (let examined = 0; out.length < limit && examined < OUTBOX_SCAN_MAX; ) {
    // Newest first by (createdAt, _id), so a batch boundary inside one millisecond is exact.
    const after = last ? [_.or([{ createdAt: _.lt(last.createdAt) }, { createdAt: last.createdAt, _id: _.lt(last._id) }])] : [];
    const conditions = [...(status ? [byStatus] : []), { subject: _.exists(true) }, ...after];
    const size = Math.min(OUTBOX_BATCH, OUTBOX_SCAN_MAX - examined);
    const batch = await page(conditions.length === 1 ? conditions[0]! : _.and(conditions), size);
    const visible = await visibilityOf(ctx, batch);
    out.push(...batch.filter((d) => d.subject !== undefined && visible(d.subject)));
    if (batch.length < size) break;
    examined += batch.length;
    last = batch[batch.length - 1];
  }
  return out.slice(0, limit);
}
