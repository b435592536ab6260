// Storage of conversations, messages, reporting events, skill groups and routing settings.
// Routing rules live in core/routing; the atomic claims in assign.ts.
import type { ChatMessage, ConversationStatus, MessageFrom, RoutingSettingsView } from '../../../core/api';
import {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_PRIORITY_RULES,
  RECENT_HANDLED,
  SELECTION_MODES,
  meanHandleSeconds,
  parseBusinessHours,
  queueOrder,
  type BusinessHours,
  type PriorityRules,
  type SelectionMode,
} from '../../../core/routing';
import { businessDay } from '../../../core/templates/time';
import { db, _ } from '../cloud';
import { first, newId, rows } from '../db';
import { open, openFields, seal } from '../seal';
import { logWarn } from '../log';

/** A conversation as stored in `conversations`. */
export interface ConversationDoc {
  _id: string;
  /** The customer's OPENID. */
  customer: string;
  customerName: string;
  category?: string;
  groupId: string;
  status: ConversationStatus;
  /** The assigned agent's OPENID while `assigned`; null otherwise. */
  agentId: string | null;
  /** Base priority fixed at hand-off (VIP, urgency words); aging is added when the queue is read. */
  priority: number;
  vip: boolean;
  /** Came back from an agent who went offline: first in the queue. */
  front: boolean;
  /** Entered the human queue (FRT and wait count from here). Kept when it comes back to the queue. */
  handoffAt: Date | null;
  queuedAt: Date | null;
  assignedAt: Date | null;
  firstAssignedAt: Date | null;
  /** The current agent replied since the (latest) assignment: the reply-timeout watches this. */
  repliedSinceAssign: boolean;
  firstResponseAt: Date | null;
  lastCustomerAt: Date | null;
  lastAgentAt: Date | null;
  /** Customer messages since the last agent reply. */
  unread: number;
  /** Sealed at rest (`conversations.lastText`): read it through `lastTextOf`. */
  lastText: string;
  closedAt: Date | null;
  resolved: boolean | null;
  closeReason?: string;
  /** The long-wait offer (message or call back) was made; made once. */
  queueOffered?: boolean;
  rated: boolean;
  /** `comment` is sealed at rest (`conversations.rating.comment`): read it through `ratingView`. */
  rating?: { score: number; comment: string; tags?: string[]; at: Date };
  /** When the customer last looked at the conversation (start, send, history): "away" is measured from here. */
  customerSeenAt?: Date | null;
  /** The customer was notified of an agent reply since they last looked (reset when they look). */
  awayNotified?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface MessageDoc {
  _id: string;
  conversationId: string;
  from: MessageFrom;
  /** OPENID of the author (customer, agent); `bot` or `system` otherwise. */
  author: string;
  authorName: string;
  /** Empty for images. Sealed at rest (`messages.text`); addMessage seals it, listMessages opens it. */
  text: string;
  kind: 'text' | 'note' | 'image';
  /** `kind: 'image'`: the cloud file id. */
  image?: string;
  createdAt: Date;
  /** Bot messages in the FAQ grey zone: the questions offered. */
  suggestions?: Array<{ id: string; question: string }>;
  /** Customer messages WeChat's content check flagged `review` (shown to staff). */
  secReview?: true;
}

export type EventType =
  | 'conversation_started'
  | 'handoff'
  | 'assigned'
  | 'first_response'
  | 'reply'
  | 'transferred'
  | 'timeout_rerouted'
  | 'returned_to_queue'
  | 'resolved'
  | 'closed_unresolved'
  | 'closed_by_customer'
  | 'rated'
  | 'bot_answered'
  | 'bot_not_helpful'
  | 'agent_status'
  | 'appointment_booked'
  | 'appointment_cancelled'
  | 'appointment_done'
  | 'appointment_no_show'
  | 'qa_scored';

/**
 * A reporting event in `events`: what happened, to which conversation, when, how long it took.
 * Appointment and agent-status events carry no conversation. `day` (UTC+8) is added on write.
 */
export interface EventDoc {
  type: EventType;
  conversationId?: string;
  groupId?: string;
  agentId?: string;
  fromAgentId?: string;
  at: Date;
  durationSec?: number;
  /** first_response: the same duration counting only business hours. */
  businessSec?: number;
  score?: number;
  /** agent_status: the new status and the agent's capacity then. */
  status?: 'online' | 'away' | 'offline';
  capacity?: number;
  /** Appointment events. */
  appointmentId?: string;
  serviceId?: string;
  /** bot_answered: what the bot did (FAQ answer, suggestions, nothing found) and the entry it answered with. */
  outcome?: 'answered' | 'suggested' | 'unanswered';
  faqId?: string;
  /** The FAQ category of the conversation when known (started with one, or the answered entry's), for `stats.categories`. */
  categoryId?: string;
}

export interface SkillGroupDoc {
  _id: string;
  name: string;
  isDefault: boolean;
  categoryIds: string[];
  mode: SelectionMode;
}

export interface RoutingSettings extends PriorityRules {
  /** An assigned conversation the agent has not answered for this long goes to another agent. */
  replyTimeoutSec: number;
  /** A customer queued this long is offered to leave a message or book a call back (once). */
  queueOfferSec: number;
  /** Desk staff online or away with no sign of life (heartbeat) for this long are set offline by the routing timer. */
  presenceTimeoutSec: number;
  /** When people are on duty (UTC+8); outside them a hand-off stays with the bot. */
  businessHours: BusinessHours;
}

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = { ...DEFAULT_PRIORITY_RULES, replyTimeoutSec: 60, queueOfferSec: 300, presenceTimeoutSec: 120, businessHours: DEFAULT_BUSINESS_HOURS };

/** The customer counts as away (a reply or the close is worth a notification) when not seen for this long. */
export const AWAY_AFTER_SEC = 60;

let lastStamp = 0;
/** Strictly increasing timestamps within an instance, so the messages of one call keep their order. */
export function stamp(): Date {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp);
}

/** Whole seconds from `from` to `to` (never negative); undefined without a start. */
export const seconds = (from: Date | null | undefined, to: Date): number | undefined =>
  from ? Math.max(0, Math.round((to.getTime() - new Date(from).getTime()) / 1000)) : undefined;

export const conversations = () => db.collection('conversations');
const messages = () => db.collection('messages');
const events = () => db.collection('events');

export async function findConversation(id: string): Promise<ConversationDoc | null> {
  return first<ConversationDoc>(conversations().where({ _id: id }));
}

export async function openConversationOf(customer: string): Promise<ConversationDoc | null> {
  return first<ConversationDoc>(conversations().where({ customer, status: _.neq('closed') }).orderBy('createdAt', 'desc'));
}

export async function conversationsOf(customer: string): Promise<ConversationDoc[]> {
  return rows<ConversationDoc>(conversations().where({ customer }).orderBy('createdAt', 'desc').limit(100));
}

export async function queuedIn(groupId: string): Promise<ConversationDoc[]> {
  return rows<ConversationDoc>(conversations().where({ status: 'queued', groupId }).limit(1000));
}

/** A group's queued conversations in routing order (front, effective priority, time, id). */
export async function orderedQueue(groupId: string, now: Date, rules: PriorityRules): Promise<ConversationDoc[]> {
  const items = (await queuedIn(groupId)).map((conv) => ({
    id: conv._id,
    priority: conv.priority,
    queuedAt: new Date(conv.queuedAt ?? conv.createdAt).getTime(),
    front: conv.front,
    conv,
  }));
  return queueOrder(items, now.getTime(), rules).map((i) => i.conv);
}

export async function assignedTo(agentId: string): Promise<ConversationDoc[]> {
  return rows<ConversationDoc>(conversations().where({ status: 'assigned', agentId }).limit(1000));
}

/** Groups that have someone waiting. */
export async function groupsWithQueue(): Promise<string[]> {
  const queued = await rows<{ groupId: string }>(conversations().where({ status: 'queued' }).field({ groupId: true }).limit(1000));
  return [...new Set(queued.map((c) => c.groupId))].sort();
}

/** Appends a message (its text sealed); `createdAt` is the caller's clock so the order of one call's messages is its own. */
export async function addMessage(msg: Omit<MessageDoc, '_id'>): Promise<string> {
  const _id = newId();
  await messages().add({ data: { _id, ...msg, text: seal(msg.text, 'messages.text') } });
  return _id;
}

/** One message of a conversation (text opened), or null. */
export async function findMessage(conversationId: string, id: string): Promise<MessageDoc | null> {
  const msg = await first<MessageDoc>(messages().where({ _id: id, conversationId }));
  return msg ? openFields('messages', msg) : null;
}

/** Customers see everything but internal notes (texts and images). Texts come back opened. */
export async function listMessages(conversationId: string, includeNotes: boolean): Promise<MessageDoc[]> {
  const where = includeNotes ? { conversationId } : { conversationId, kind: _.neq('note') };
  return (await rows<MessageDoc>(messages().where(where).orderBy('createdAt', 'asc').limit(1000))).map((m) => openFields('messages', m));
}

/** The `lastText` of a conversation to store (sealed). */
export const sealedLastText = (text: string): string => seal(text, 'conversations.lastText');

/** The conversation's last line as written (it is sealed at rest). */
export const lastTextOf = (conv: Pick<ConversationDoc, 'lastText'>): string => open(conv.lastText ?? '', 'conversations.lastText');

export function messageView(m: MessageDoc): ChatMessage {
  const view: ChatMessage = { id: m._id, from: m.from, authorName: m.authorName, text: m.text, kind: m.kind, createdAt: new Date(m.createdAt).toISOString() };
  if (m.kind === 'image' && typeof m.image === 'string') view.image = m.image;
  if (Array.isArray(m.suggestions) && m.suggestions.length > 0) view.suggestions = m.suggestions.map((s) => ({ id: s.id, question: s.question }));
  return view;
}

/** `{categoryId}` of a conversation started with a FAQ category, else `{}` (spread into its events). */
export function categoryOf(conv: Pick<ConversationDoc, 'category'>): { categoryId?: string } {
  return typeof conv.category === 'string' && conv.category ? { categoryId: conv.category } : {};
}

/** Records a reporting event; never fails the action that caused it. */
export async function recordEvent(event: EventDoc): Promise<void> {
  try {
    // `day` lets the reports read a day's events by an indexed equality instead of a range scan.
    await events().add({ data: { ...event, day: businessDay(event.at) } });
  } catch (err) {
    logWarn(`[conversations] event ${event.type} not recorded`, err);
  }
}

/** Mean handling time (seconds) of the group's recently closed conversations. */
export async function recentHandleSeconds(groupId: string): Promise<number> {
  const recent = await rows<{ durationSec?: number }>(
    events()
      .where({ groupId, type: _.in(['resolved', 'closed_unresolved']) })
      .orderBy('at', 'desc')
      .limit(RECENT_HANDLED)
      .field({ durationSec: true }),
  );
  return meanHandleSeconds(recent.map((e) => e.durationSec ?? 0));
}

export async function listGroups(): Promise<SkillGroupDoc[]> {
  const raw = await rows<Record<string, unknown>>(db.collection('skill_groups').limit(1000));
  return raw.map((g) => ({
    _id: String(g._id),
    name: typeof g.name === 'string' ? g.name : '',
    isDefault: g.isDefault === true,
    categoryIds: Array.isArray(g.categoryIds) ? g.categoryIds.map(String) : [],
    mode: SELECTION_MODES.find((m) => m === g.mode) ?? 'least_loaded',
  }));
}

/** The group a category routes to; without a category (or an unknown one) the default group. */
export function groupFor(groups: readonly SkillGroupDoc[], category: string | undefined): string {
  const byCategory = category ? groups.find((g) => g.categoryIds.includes(category)) : undefined;
  return (byCategory ?? groups.find((g) => g.isDefault) ?? groups[0])?._id ?? 'default';
}

export async function routingSettings(): Promise<RoutingSettings> {
  const doc = await first<Partial<RoutingSettings>>(db.collection('settings').where({ _id: 'routing' }));
  const num = (v: unknown, d: number, min: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : d);
  const d = DEFAULT_ROUTING_SETTINGS;
  return {
    replyTimeoutSec: num(doc?.replyTimeoutSec, d.replyTimeoutSec, 1),
    queueOfferSec: num(doc?.queueOfferSec, d.queueOfferSec, 1),
    presenceTimeoutSec: num(doc?.presenceTimeoutSec, d.presenceTimeoutSec, 1),
    vipBoost: num(doc?.vipBoost, d.vipBoost, 0),
    urgencyBoost: num(doc?.urgencyBoost, d.urgencyBoost, 0),
    agingPerMinute: num(doc?.agingPerMinute, d.agingPerMinute, 0),
    maxAging: num(doc?.maxAging, d.maxAging, 0),
    urgencyWords: Array.isArray(doc?.urgencyWords) ? doc.urgencyWords.filter((w): w is string => typeof w === 'string' && w.length > 0) : d.urgencyWords,
    businessHours: parseBusinessHours(doc?.businessHours),
  };
}

/** The settings as supervisors see them (every field, defaults filled in). */
export function routingSettingsView(s: RoutingSettings): RoutingSettingsView {
  return {
    replyTimeoutSec: s.replyTimeoutSec,
    queueOfferSec: s.queueOfferSec,
    presenceTimeoutSec: s.presenceTimeoutSec,
    vipBoost: s.vipBoost,
    urgencyBoost: s.urgencyBoost,
    agingPerMinute: s.agingPerMinute,
    maxAging: s.maxAging,
    urgencyWords: [...s.urgencyWords],
    businessHours: { days: [...s.businessHours.days], start: s.businessHours.start, end: s.businessHours.end },
  };
}

/** Merges the given fields into `settings/routing` (the others keep their stored value); returns the result. */
export async function saveRoutingSettings(patch: Partial<RoutingSettingsView>, actor: string, now: Date): Promise<RoutingSettings> {
  const stored = (await first<Record<string, unknown>>(db.collection('settings').where({ _id: 'routing' }))) ?? {};
  const { _id: _ignored, ...rest } = stored;
  await db.collection('settings').doc('routing').set({ data: { ...rest, ...patch, updatedAt: now, updatedBy: actor } });
  return routingSettings();
}

/** The customer looked at the conversation: not away any more, and the next away reply may notify again. */
export async function markSeen(conversationId: string, now: Date): Promise<void> {
  await conversations().where({ _id: conversationId }).update({ data: { customerSeenAt: now, awayNotified: false } });
}

/** Not seen for AWAY_AFTER_SEC (or never since this was tracked). */
export function customerAway(conv: Pick<ConversationDoc, 'customerSeenAt'>, now: Date): boolean {
  if (!conv.customerSeenAt) return true;
  return now.getTime() - new Date(conv.customerSeenAt).getTime() >= AWAY_AFTER_SEC * 1000;
}
