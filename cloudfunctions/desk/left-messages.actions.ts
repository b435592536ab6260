// Left messages (留言) at the desk: the list (open ones first) and the one answer each gets. An agent
// sees and answers those left for their skill groups (others are "not found"); managers every group's. The answer
// is a conditional update from `open`, so two agents answering at once answer once; the customer is
// signalled and notified (message_answered).
import { RATE_LIMITS } from '../../core/abuse/limits';
import type { LeftMessage } from '../../core/api';
import { AppError } from '../../core/envelope';
import { deskSchemas } from '../../core/schemas/desk.schema';
import { updated } from '../_shared/db';
import { agentStates, tell } from '../_shared/conversations/assign';
import { deskLeftMessages, findLeftMessage, leftMessages, leftMessageView, mayViewLeftMessage, sealedAnswer, type LeftMessageDoc } from '../_shared/conversations/left-messages';
import { MESSAGES_PAGE, notifySafely } from '../_shared/conversations/notices';
import { ERRORS } from '../_shared/conversations/texts';
import { action, type CallContext } from '../_shared/handler';
import { assertNoForbiddenWords } from '../_shared/moderation';
import { DESK, isManager } from './access';

/** The desk's view (text and phone masked), flagged `masked` when something was: the desk offers 查看号码. */
function staffView(doc: LeftMessageDoc): LeftMessage {
  const view = leftMessageView(doc, true);
  return view.text !== doc.text || view.phone !== doc.phone ? { ...view, masked: true } : view;
}

/** A left message the caller may see at the desk (their groups'; managers any); NOT_FOUND otherwise, as for an unknown id. */
export async function visibleLeftMessage(ctx: CallContext, id: string): Promise<LeftMessageDoc> {
  const msg = await findLeftMessage(id);
  if (!msg || !mayViewLeftMessage(ctx, msg)) throw new AppError('NOT_FOUND', ERRORS.messageNotFound);
  return msg;
}

export const leftMessageActions = {
  leftMessages: action({
    access: DESK,
    input: deskSchemas.leftMessages,
    async run(ctx, input): Promise<LeftMessage[]> {
      return (await deskLeftMessages(input.status, isManager(ctx) ? undefined : (ctx.user?.groups ?? []))).map(staffView);
    },
  }),

  answerMessage: action({
    access: DESK,
    input: deskSchemas.answerMessage,
    rate: RATE_LIMITS['desk.answerMessage'],
    async run(ctx, input): Promise<LeftMessage> {
      await assertNoForbiddenWords([input.text], '答复');
      const msg = await visibleLeftMessage(ctx, input.id);
      const answer = { status: 'answered' as const, answer: input.text, answeredBy: ctx.openid, answeredByName: ctx.user?.name || '客服', answeredAt: ctx.now };
      const n = await updated(leftMessages().where({ _id: msg._id, status: 'open' }).update({ data: { ...answer, answer: sealedAnswer(answer.answer) } }));
      if (n !== 1) throw new AppError('CONFLICT', ERRORS.messageAnswered);
      await tell([msg.customer, ...(await agentStates(msg.groupId)).map((a) => a.id)], 'messages');
      await notifySafely({ event: 'message_answered', touser: msg.customer, values: { question: msg.text, answer: input.text, time: ctx.now }, page: MESSAGES_PAGE, now: ctx.now, subject: { kind: 'left_message', id: msg._id } });
      return staffView({ ...msg, ...answer });
    },
  }),
};
