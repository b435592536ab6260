// Service notifications (subscribe messages) from conversations and left messages. They go through
// notify(), which records every outcome (no grant, cap, quiet hours…); a notification never fails the
// action that caused it.
import { _ } from '../cloud';
import { updated } from '../db';
import { notify, type NotifyRequest } from '../notify';
import { conversations, customerAway, type ConversationDoc } from './conversation.repo';
import { TEXTS } from './texts';
import { logWarn } from '../log';

/** The chat page of a conversation, where a notification opens. */
export const chatPage = (conversationId: string) => `pages/chat/index?id=${conversationId}`;
export const MESSAGES_PAGE = 'pages/messages/index';

export async function notifySafely(req: NotifyRequest): Promise<void> {
  try {
    await notify(req);
  } catch (err) {
    logWarn(`[conversations] notification ${req.event} not sent`, err);
  }
}

/**
 * An agent replied while the customer was away: one notification until they look again (the flag is
 * set with a conditional update, so two quick replies notify once; looking resets it).
 */
export async function noticeAgentReplied(conv: ConversationDoc, agentName: string, preview: string, now: Date): Promise<void> {
  if (!customerAway(conv, now) || conv.awayNotified === true) return;
  try {
    const n = await updated(conversations().where({ _id: conv._id, awayNotified: _.neq(true) }).update({ data: { awayNotified: true } }));
    if (n !== 1) return;
  } catch (err) {
    logWarn('[conversations] agent_replied flag not set', err);
    return;
  }
  await notifySafely({ event: 'agent_replied', touser: conv.customer, values: { agentName, preview, time: now }, page: chatPage(conv._id), now, subject: { kind: 'conversation', id: conv._id } });
}

/** A conversation a person handled was closed while the customer was away: invite them to rate it. */
export async function noticeRateRequest(conv: ConversationDoc, now: Date): Promise<void> {
  if (conv.handoffAt === null || !customerAway(conv, now)) return;
  await notifySafely({ event: 'rate_request', touser: conv.customer, values: { topic: TEXTS.rateTopic, time: now, tip: TEXTS.rateTip }, page: chatPage(conv._id), now, subject: { kind: 'conversation', id: conv._id } });
}
