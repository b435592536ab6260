// 查看: staff see personal data in what customers wrote masked; these actions show one record whole to
// someone who may see it anyway, and record it (`data.unmask`, _shared/unmask.ts). A record the caller
// may not see is "not found", as an unknown id, before anything is read or written.
import type { RevealedCustomer, RevealedLeftMessage, RevealedMessage } from '../../core/api';
import { AppError } from '../../core/envelope';
import { deskSchemas } from '../../core/schemas/desk.schema';
import { findMessage } from '../_shared/conversations/conversation.repo';
import { deskConversation } from '../_shared/conversations/desk-access';
import { action } from '../_shared/handler';
import { recordUnmask } from '../_shared/unmask';
import { DESK } from './access';
import { visibleLeftMessage } from './left-messages.actions';
import { customerPhone } from './customer-info';

const MESSAGE_NOT_FOUND = '消息不存在';

export const revealActions = {
  reveal: action({
    access: DESK,
    input: deskSchemas.reveal,
    async run(ctx, input): Promise<RevealedMessage> {
      const conv = await deskConversation(ctx, input.conversationId);
      const msg = await findMessage(conv._id, input.messageId);
      if (!msg) throw new AppError('NOT_FOUND', MESSAGE_NOT_FOUND);
      await recordUnmask(ctx, `messages/${msg._id}`, { text: msg.text }, { conversationId: conv._id });
      return { messageId: msg._id, conversationId: conv._id, text: msg.text };
    },
  }),

  /** The phone of the customer panel (profile, else their latest appointment), same rule as `reveal`. */
  revealCustomer: action({
    access: DESK,
    input: deskSchemas.revealCustomer,
    async run(ctx, input): Promise<RevealedCustomer> {
      const conv = await deskConversation(ctx, input.conversationId);
      const phone = await customerPhone(conv);
      await recordUnmask(ctx, `users/${conv.customer}`, { phone }, { conversationId: conv._id });
      return { conversationId: conv._id, phone };
    },
  }),

  /** Whoever sees the left message at the desk (their groups'; managers any). */
  revealLeftMessage: action({
    access: DESK,
    input: deskSchemas.revealLeftMessage,
    async run(ctx, input): Promise<RevealedLeftMessage> {
      const msg = await visibleLeftMessage(ctx, input.id);
      await recordUnmask(ctx, `left_messages/${msg._id}`, { text: msg.text, phone: msg.phone }, msg.conversationId ? { conversationId: msg.conversationId } : {});
      return { id: msg._id, text: msg.text, phone: msg.phone };
    },
  }),
};
