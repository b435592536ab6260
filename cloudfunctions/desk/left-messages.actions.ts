// Left messages (留言) at the desk: the list (open ones first) and the one answer each gets. An agent
// sees and answers those left for their skill groups (others are "not found"); managers every group's. The answer
// is a conditional update from `open`, so two agents answering at once answer once; the customer is
// signalled and notified (message_answered).
import type { LeftMessage } from '../../core/api';
import { AppError } from '../../core/envelope';
import { deskSchemas } from '../../core/schemas/desk.schema';
import { updated } from '../_shared/db';
import { agentStates, tell } from '../_shared/conversations/assign';
import { deskLeftMessages, findLeftMessage, leftMessages, leftMessageView } from '../_shared/conversations/left-messages';
import { MESSAGES_PAGE, notifySafely } from '../_shared/conversations/notices';
import { ERRORS } from '../_shared/conversations/texts';
import { action } from '../_shared/handler';
import { DESK, isManager } from './access';

export const leftMessageActions = {
  leftMessages: action({
    access: DESK,
    input: deskSchemas.leftMessages,
    async run(ctx, input): Promise<LeftMessage[]> {
      return (await deskLeftMessages(input.status, isManager(ctx) ? undefined : (ctx.user?.groups ?? []))).map((m) => leftMessageView(m, true));
    },
  }),

  answerMessage: action({
    access: DESK,
    input: deskSchemas.answerMessage,
    async run(ctx, input): Promise<LeftMessage> {
      const msg = await findLeftMessage(input.id);
      if (!msg || !(isManager(ctx) || (ctx.user?.groups ?? []).includes(msg.groupId))) throw new AppError('NOT_FOUND', ERRORS.messageNotFound);
      const answer = { status: 'answered' as const, answer: input.text, answeredBy: ctx.openid, answeredByName: ctx.user?.name || '客服', answeredAt: ctx.now };
      const n = await updated(leftMessages().where({ _id: msg._id, status: 'open' }).update({ data: answer }));
      if (n !== 1) throw new AppError('CONFLICT', ERRORS.messageAnswered);
      await tell([msg.customer, ...(await agentStates(msg.groupId)).map((a) => a.id)], 'messages');
      await notifySafely({ event: 'message_answered', touser: msg.customer, values: { question: msg.text, answer: input.text, time: ctx.now }, page: MESSAGES_PAGE, now: ctx.now });
      return leftMessageView({ ...msg, ...answer }, true);
    },
  }),
};
