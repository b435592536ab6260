// Conversation flows shared by `session` (customers), `desk` (agents) and the `routing` timer:
// each commits its change first, then records the reporting event, tells the people concerned and
// runs the assignment again where the change can make one possible (work-conserving).
import { basePriority, hoursText, inBusinessHours, isUrgent, wantsHuman } from '../../../core/routing';
import { AppError } from '../../../core/envelope';
import { maskPersonal } from '../../../core/privacy/mask';
import { db, _ } from '../cloud';
import { first, rows, updated } from '../db';
import { askFaq } from '../faq/index-cache';
import { seal } from '../seal';
import type { UserDoc } from '../users.repo';
import { agentStates, assignQueued, closeAtomically, groupWatchers, tell, type AgentLoadDoc } from './assign';
import { addMessage, categoryOf, conversations, listMessages, recordEvent, routingSettings, seconds, sealedLastText, stamp, type ConversationDoc, type MessageDoc } from './conversation.repo';
import { previewOf, storedContent, type MessageContent } from './content';
import { BOT_NAME, ERRORS, SYSTEM_NAME, TEXTS } from './texts';
import { logWarn } from '../log';

export async function systemLine(conversationId: string, text: string, kind: 'text' | 'note' = 'text'): Promise<void> {
  await addMessage({ conversationId, from: 'system', author: 'system', authorName: SYSTEM_NAME, text, kind, createdAt: stamp() });
}

export async function botLine(conv: ConversationDoc, text: string, suggestions?: Array<{ id: string; question: string }>): Promise<void> {
  await addMessage({
    conversationId: conv._id,
    from: 'bot',
    author: 'bot',
    authorName: BOT_NAME,
    text,
    kind: 'text',
    createdAt: stamp(),
    ...(suggestions && suggestions.length > 0 ? { suggestions } : {}),
  });
}

/** A question the bot could not answer, for the unanswered report; never fails the conversation. */
async function recordUnanswered(text: string, conversationId: string, at: Date, suggested: string[]): Promise<void> {
  try {
    await db.collection('faq_unanswered').add({ data: { text: seal(maskPersonal(text), 'faq_unanswered.text'), at, conversationId, ...(suggested.length > 0 ? { suggested } : {}) } });
  } catch (err) {
    logWarn('[conversations] unanswered question not recorded', err);
  }
}

/**
 * The bot's reply from the FAQ matcher: confident → the answer; grey zone → up to 3 questions to pick
 * from; nothing → says so and offers a person. Whatever it could not answer itself (grey zone and
 * nothing) goes to `faq_unanswered`, the grey zone with the ids it suggested.
 */
async function botReply(conv: ConversationDoc, text: string, now: Date): Promise<void> {
  let res: Awaited<ReturnType<typeof askFaq>> | null = null;
  try {
    res = await askFaq(text);
  } catch (err) {
    // The FAQ being unavailable must not lose the customer: fall back to the offer of a person.
    logWarn('[conversations] FAQ matcher unavailable', err);
  }
  const event = { type: 'bot_answered' as const, conversationId: conv._id, groupId: conv.groupId, at: now, ...categoryOf(conv) };
  if (res?.match) {
    await botLine(conv, res.match.answer);
    // The conversation's own category when it has one, else the answered entry's.
    await recordEvent({ ...event, outcome: 'answered', faqId: res.match.id, ...(event.categoryId ? {} : res.match.categoryId ? { categoryId: res.match.categoryId } : {}) });
  } else if (res && res.suggestions.length > 0) {
    const suggestions = res.suggestions.slice(0, 3).map((s) => ({ id: s.id, question: s.question }));
    await botLine(conv, TEXTS.botSuggest, suggestions);
    await recordEvent({ ...event, outcome: 'suggested' });
    await recordUnanswered(text, conv._id, now, suggestions.map((s) => s.id));
  } else {
    await botLine(conv, res ? TEXTS.botNoAnswer : TEXTS.botFallback);
    await recordEvent({ ...event, outcome: 'unanswered' });
    if (res) await recordUnanswered(text, conv._id, now, []);
  }
}

async function userDoc(openid: string): Promise<UserDoc | null> {
  return first<UserDoc>(db.collection('users').where({ _id: openid }));
}

export interface HandoffResult {
  conv: ConversationDoc;
  /** Outside business hours: it stayed with the bot, which offered a message or an appointment. */
  offHours: boolean;
}

/**
 * Hand a bot conversation over to the human queue: one conditional update from `bot` (so a double tap
 * queues once), the hand-off event, then an assignment attempt at once. Already queued or assigned:
 * nothing changes. Closed: CONFLICT. Outside business hours it stays with the bot, which says so.
 */
export async function handoff(conv: ConversationDoc, now: Date): Promise<HandoffResult> {
  if (conv.status === 'closed') throw new AppError('CONFLICT', ERRORS.closed);
  if (conv.status !== 'bot') return { conv, offHours: false };
  const settings = await routingSettings();
  if (!inBusinessHours(now.getTime(), settings.businessHours)) {
    await botLine(conv, TEXTS.offHours(hoursText(settings.businessHours)));
    await tell([conv.customer], 'conversation');
    return { conv, offHours: true };
  }
  const customer = await userDoc(conv.customer);
  const texts = (await listMessages(conv._id, false)).filter((m) => m.from === 'customer').map((m) => m.text);
  const vip = customer?.vip === true;
  const patch = { status: 'queued' as const, handoffAt: now, queuedAt: now, priority: basePriority({ vip, texts }, settings), vip, updatedAt: now };
  const n = await updated(conversations().where({ _id: conv._id, status: 'bot' }).update({ data: patch }));
  if (n !== 1) return { conv: (await first<ConversationDoc>(conversations().where({ _id: conv._id }))) ?? conv, offHours: false };
  await recordEvent({ type: 'handoff', conversationId: conv._id, groupId: conv.groupId, at: now, ...categoryOf(conv) });
  const online = (await agentStates(conv.groupId, { now, presenceTimeoutSec: settings.presenceTimeoutSec })).length;
  await systemLine(conv._id, online > 0 ? TEXTS.queued : TEXTS.queuedNobodyOnline);
  await tell([conv.customer], 'conversation');
  await assignQueued([conv.groupId], now);
  return { conv: (await first<ConversationDoc>(conversations().where({ _id: conv._id }))) ?? { ...conv, ...patch }, offHours: false };
}

/**
 * A customer message (text or image): stored, counted as unread for the agent; the bot answers while
 * `bot` (an image: it cannot read pictures and offers a person). Sending counts as looking (not away).
 */
export async function customerMessage(conv: ConversationDoc, content: MessageContent, now: Date, flags: { secReview?: boolean } = {}): Promise<ConversationDoc> {
  if (conv.status === 'closed') throw new AppError('CONFLICT', ERRORS.closed);
  const at = stamp();
  await addMessage({ conversationId: conv._id, from: 'customer', author: conv.customer, authorName: conv.customerName, ...storedContent(content), createdAt: at, ...(flags.secReview ? { secReview: true as const } : {}) });
  const patch: Record<string, unknown> = { lastCustomerAt: at, lastText: sealedLastText(previewOf(content)), customerSeenAt: now, awayNotified: false, updatedAt: now };
  const text = content.text;
  if (conv.status !== 'bot') patch.unread = _.inc(1);
  if (conv.status === 'queued' && text !== undefined) {
    const settings = await routingSettings();
    // An urgency word while waiting moves the customer up (never down).
    if (isUrgent(text, settings.urgencyWords)) patch.priority = Math.max(conv.priority, basePriority({ vip: conv.vip, texts: [text] }, settings));
  }
  await conversations().where({ _id: conv._id }).update({ data: patch });

  if (conv.status === 'bot') {
    if (text === undefined) await botLine(conv, TEXTS.botCannotReadImage);
    else if (wantsHuman(text)) return (await handoff(conv, now)).conv;
    else await botReply(conv, text, now);
    await tell([conv.customer], 'conversation');
    return conv;
  }
  await tell([conv.customer, conv.agentId], 'conversation');
  return conv;
}

/** Groups of an agent, so freed capacity is used in every group they work in. */
export async function groupsOf(agentId: string): Promise<string[]> {
  return (await userDoc(agentId))?.groups ?? [];
}

/** After an agent's place was freed (close, transfer away, capacity raised): assign at once. */
export async function afterCapacityFreed(agentId: string | null | undefined, now: Date): Promise<void> {
  if (!agentId) return;
  await assignQueued(await groupsOf(agentId), now);
}

/**
 * Close a conversation (customer or staff), releasing the agent's place atomically, then record
 * resolved / closed_unresolved / closed_by_customer with the handling time, and reassign.
 */
export async function closeConversation(
  conversationId: string,
  by: { kind: 'customer' | 'staff'; resolved: boolean | null; reason?: string },
  now: Date,
  guard: (c: ConversationDoc) => void,
): Promise<ConversationDoc> {
  let wasQueued = false;
  const closed = await closeAtomically(conversationId, { resolved: by.resolved, ...(by.reason ? { closeReason: by.reason } : {}) }, now, (c) => {
    guard(c);
    wasQueued = c.status === 'queued';
  });
  if (!closed) throw new AppError('CONFLICT', ERRORS.closed);
  const humanHandled = closed.handoffAt !== null;
  if (humanHandled) {
    const type = by.kind === 'customer' ? 'closed_by_customer' : by.resolved ? 'resolved' : 'closed_unresolved';
    const durationSec = seconds(closed.firstAssignedAt, now);
    await recordEvent({ type, conversationId: closed._id, groupId: closed.groupId, ...(closed.agentId ? { agentId: closed.agentId } : {}), at: now, ...(durationSec !== undefined ? { durationSec } : {}), ...categoryOf(closed) });
  }
  await systemLine(closed._id, by.kind === 'customer' ? TEXTS.closedByCustomer : TEXTS.closedByAgent);
  await tell([closed.customer, closed.agentId], 'conversation');
  // Someone left the line: the ones behind moved up.
  if (wasQueued) await tell(await groupWatchers(closed.groupId), 'queue');
  await afterCapacityFreed(closed.agentId, now);
  return closed;
}

/** Makes sure an agent's load document exists and matches what is assigned to them now. */
export async function ensureLoad(agentId: string, now: Date): Promise<void> {
  const existing = await first<AgentLoadDoc>(db.collection('agent_load').where({ _id: agentId }));
  if (existing) return;
  const active = (await rows<{ _id: string }>(conversations().where({ status: 'assigned', agentId }).field({ _id: true }).limit(1000))).length;
  try {
    await db.collection('agent_load').add({ data: { _id: agentId, active, lastAssignedAt: 0, updatedAt: now } });
  } catch {
    // Created by a concurrent claim in between: that one is authoritative.
  }
}

export { stamp, type MessageDoc };
