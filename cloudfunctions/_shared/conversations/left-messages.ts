// Messages left for the team (留言) when nobody is on duty or the wait is too long: stored in
// `left_messages`, answered once by desk staff. Staff see phone numbers masked (in the text too); the
// customer who left one sees it as written. Text, phone and answer are sealed at rest (_shared/seal.ts):
// the readers here open them, writers seal them (`sealFields('left_messages', …)`, `sealedAnswer`).
import type { LeftMessage } from '../../../core/api';
import { maskPhone } from '../../../core/appointments/phone';
import { maskPersonal } from '../../../core/privacy/mask';
import { MANAGERS } from '../../../core/roles';
import { _, db } from '../cloud';
import { first, rows } from '../db';
import type { CallContext } from '../handler';
import { openFields, seal } from '../seal';

export interface LeftMessageDoc {
  _id: string;
  /** The customer's OPENID. */
  customer: string;
  customerName: string;
  text: string;
  /** Contact number as given (digits only), or ''. */
  phone: string;
  status: 'open' | 'answered';
  answer?: string;
  answeredBy?: string;
  answeredByName?: string;
  answeredAt?: Date;
  createdAt: Date;
  /** The conversation it was left from (closed with it). */
  conversationId?: string;
  /** WeChat's content check flagged the text `review`. */
  secReview?: true;
  /** Whose desk it goes to. */
  groupId: string;
}

/** Most a list returns. */
export const LEFT_MESSAGES_LIMIT = 200;

export const leftMessages = () => db.collection('left_messages');

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

export function leftMessageView(doc: LeftMessageDoc, forStaff: boolean): LeftMessage {
  return {
    id: doc._id,
    text: forStaff ? maskPersonal(doc.text) : doc.text,
    phone: forStaff && doc.phone ? maskPhone(doc.phone) : doc.phone,
    status: doc.status,
    ...(doc.answer !== undefined ? { answer: doc.answer } : {}),
    ...(doc.answeredByName !== undefined ? { answeredByName: doc.answeredByName } : {}),
    ...(doc.answeredAt ? { answeredAt: iso(doc.answeredAt) } : {}),
    createdAt: iso(doc.createdAt) ?? '',
    ...(forStaff ? { customerName: doc.customerName } : {}),
    ...(forStaff && doc.conversationId ? { conversationId: doc.conversationId } : {}),
    ...(forStaff && doc.secReview ? { secReview: true as const } : {}),
  };
}

const opened = (doc: LeftMessageDoc): LeftMessageDoc => openFields('left_messages', doc);

/** The stored form of a staff answer. */
export const sealedAnswer = (text: string): string => seal(text, 'left_messages.answer');

/** Who may see a left message at the desk: managers any, other desk staff those left for their skill groups. */
export function mayViewLeftMessage(ctx: CallContext, msg: Pick<LeftMessageDoc, 'groupId'>): boolean {
  return MANAGERS.includes(ctx.role) || (ctx.user?.groups ?? []).includes(msg.groupId);
}

export async function findLeftMessage(id: string): Promise<LeftMessageDoc | null> {
  const doc = await first<LeftMessageDoc>(leftMessages().where({ _id: id }));
  return doc ? opened(doc) : null;
}

export async function leftMessagesOf(customer: string): Promise<LeftMessageDoc[]> {
  return (await rows<LeftMessageDoc>(leftMessages().where({ customer }).orderBy('createdAt', 'desc').limit(100))).map(opened);
}

/**
 * The desk's list: open ones first (oldest first: they waited longest), then answered (latest answer first).
 * `groupIds`: only those left for these skill groups (an agent's desk); omitted: every group (managers).
 */
export async function deskLeftMessages(status?: 'open' | 'answered', groupIds?: string[]): Promise<LeftMessageDoc[]> {
  if (groupIds && groupIds.length === 0) return [];
  const scope = groupIds ? { groupId: _.in(groupIds) } : {};
  const open = status === 'answered' ? [] : await rows<LeftMessageDoc>(leftMessages().where({ status: 'open', ...scope }).orderBy('createdAt', 'asc').limit(LEFT_MESSAGES_LIMIT));
  const room = LEFT_MESSAGES_LIMIT - open.length;
  const answered = status === 'open' || room <= 0 ? [] : await rows<LeftMessageDoc>(leftMessages().where({ status: 'answered', ...scope }).orderBy('answeredAt', 'desc').limit(room));
  return [...open, ...answered].map(opened);
}
