// Quick replies (话术库) at the desk: the team's, kept by supervisors and admins, and each agent's own.
// Someone else's personal reply reads as missing (ids reveal nothing), even to a manager. Changes
// are conditional on the reply still being what was checked, so a concurrent move or removal wins.
import type { QuickReply } from '../../core/api';
import { AppError } from '../../core/envelope';
import { PERSONAL_QUICK_REPLY_LIMIT, listQuickReplies } from '../../core/quick-replies';
import { deskSchemas } from '../../core/schemas/desk.schema';
import { audit } from '../_shared/audit';
import { db } from '../_shared/cloud';
import { first, newId, rows, total, updated } from '../_shared/db';
import { action, type CallContext } from '../_shared/handler';
import { assertNoForbiddenWords } from '../_shared/moderation';
import { DESK, isManager } from './access';

/** A quick reply as stored in `quick_replies`. */
interface QuickReplyDoc {
  _id: string;
  /** The agent's OPENID for a personal reply; null for the team's. */
  owner: string | null;
  scope: 'personal' | 'team';
  title: string;
  text: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const ERRORS = {
  notFound: '话术不存在',
  teamOnly: '只有主管或管理员可以维护团队话术',
  full: `个人话术最多 ${PERSONAL_QUICK_REPLY_LIMIT} 条，请先删除不再使用的话术`,
};

const quickReplies = () => db.collection('quick_replies');

function view(ctx: CallContext, doc: QuickReplyDoc): QuickReply {
  const editable = doc.scope === 'personal' ? doc.owner === ctx.openid : isManager(ctx);
  return { id: doc._id, scope: doc.scope, title: doc.title, text: doc.text, editable };
}

/** The query that matches the reply only while it is still what was read (scope and owner). */
const unchanged = (doc: QuickReplyDoc) => quickReplies().where(doc.scope === 'team' ? { _id: doc._id, scope: 'team' } : { _id: doc._id, scope: 'personal', owner: doc.owner });

/** A reply the caller may change: their own personal one, or a team one when they are a manager. */
async function changeable(ctx: CallContext, id: string): Promise<QuickReplyDoc> {
  const doc = await first<QuickReplyDoc>(quickReplies().where({ _id: id }));
  if (!doc || (doc.scope === 'personal' && doc.owner !== ctx.openid)) throw new AppError('NOT_FOUND', ERRORS.notFound);
  if (doc.scope === 'team' && !isManager(ctx)) throw new AppError('FORBIDDEN', ERRORS.teamOnly);
  return doc;
}

/** Room for one more personal reply (a soft cap: two saves at the very same moment may pass it by one). */
async function ensureRoom(openid: string): Promise<void> {
  if ((await total(quickReplies().where({ scope: 'personal', owner: openid }))) >= PERSONAL_QUICK_REPLY_LIMIT) throw new AppError('CONFLICT', ERRORS.full);
}

export const quickReplyActions = {
  quickReplies: action({
    access: DESK,
    input: deskSchemas.quickReplies,
    async run(ctx, input): Promise<QuickReply[]> {
      const [team, mine] = await Promise.all([
        rows<QuickReplyDoc>(quickReplies().where({ scope: 'team' }).limit(1000)),
        rows<QuickReplyDoc>(quickReplies().where({ scope: 'personal', owner: ctx.openid }).limit(1000)),
      ]);
      const listed = listQuickReplies([...team, ...mine].map((d) => ({ ...d, id: d._id })), input.q);
      return listed.map((d) => view(ctx, d));
    },
  }),

  saveQuickReply: action({
    access: DESK,
    input: deskSchemas.saveQuickReply,
    async run(ctx, input): Promise<QuickReply> {
      if (input.scope === 'team' && !isManager(ctx)) throw new AppError('FORBIDDEN', ERRORS.teamOnly);
      // A quick reply is sent to customers as it is: the same word list as replies.
      await assertNoForbiddenWords([input.title, input.text], '话术');
      const fields = { owner: input.scope === 'team' ? null : ctx.openid, scope: input.scope, title: input.title, text: input.text, updatedAt: ctx.now, updatedBy: ctx.openid };

      if (!input.id) {
        if (input.scope === 'personal') await ensureRoom(ctx.openid);
        const doc: QuickReplyDoc = { _id: newId(), ...fields, createdAt: ctx.now };
        await quickReplies().add({ data: doc });
        if (doc.scope === 'team') await audit(ctx.openid, 'quick_reply.save', `quick_replies/${doc._id}`, null, { title: doc.title, text: doc.text });
        return view(ctx, doc);
      }

      const before = await changeable(ctx, input.id);
      // A team reply taken over as one's own counts against the personal limit.
      if (input.scope === 'personal' && before.scope === 'team') await ensureRoom(ctx.openid);
      if ((await updated(unchanged(before).update({ data: fields }))) !== 1) throw new AppError('NOT_FOUND', ERRORS.notFound);
      const doc: QuickReplyDoc = { ...before, ...fields };
      if (before.scope === 'team' || doc.scope === 'team') {
        await audit(ctx.openid, 'quick_reply.save', `quick_replies/${doc._id}`, { scope: before.scope, title: before.title, text: before.text }, { scope: doc.scope, title: doc.title, text: doc.text });
      }
      return view(ctx, doc);
    },
  }),

  removeQuickReply: action({
    access: DESK,
    input: deskSchemas.removeQuickReply,
    async run(ctx, input) {
      const doc = await changeable(ctx, input.id);
      const res = (await unchanged(doc).remove()) as { stats: { removed: number } };
      const removed = res.stats.removed === 1;
      if (removed && doc.scope === 'team') await audit(ctx.openid, 'quick_reply.remove', `quick_replies/${doc._id}`, { title: doc.title, text: doc.text }, null);
      return { removed };
    },
  }),
};
