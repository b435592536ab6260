// The one path every service notification takes (subscribe messages): template lookup by event,
// rendering and validation of fields by WeChat's type rules, grant bookkeeping, daily cap, quiet hours,
// the send through cloud.openapi.subscribeMessage.send, and a record of every attempt.
// OWNED BY THE TEMPLATES WORK: the signature of notify() is the contract other functions code against.
//
// Order of checks: template → render → daily cap → one-time grant (consumed) → quiet hours → send.
// Grant bookkeeping (`subscriptions/<openid>|<templateId>`, `remaining`):
// - a send consumes one grant with a conditional update, so two sends never share one;
// - a notification queued for quiet hours RESERVES its grant when queued (consumed then), so the grants
//   a user gave are never promised twice; it is given back if the message is in the end not sent
//   (daily cap reached at flush time, 47003, any error other than a refusal);
// - a refusal by WeChat (43101: the user refused or cancelled the subscription) gives nothing back:
//   WeChat says there is no subscription, so ours was an over-count.
import type { NotificationEvent, NotificationRecord, NotificationSettings, NotificationStatus } from '../../core/api';
import type { FieldInput } from '../../core/templates/fields';
import { classifySendError } from '../../core/templates/outcomes';
import { renderTemplate, type MessageData, type TemplateFieldDef } from '../../core/templates/render';
import { businessDay, hhmmOf, inQuietHours, nextClockTime } from '../../core/templates/time';
import { cloud, db, _ } from './cloud';
import { first, rows, total, updated } from './db';
import { logError } from './log';
import { openJson, sealJson } from './seal';

const DATA_FIELD = 'notifications.data';

/**
 * What a notification is about: the conversation, appointment or left message whose change caused it.
 * The staff outbox shows a record to those who may see its subject (templates/outbox.ts).
 */
export interface NotificationSubject {
  kind: 'conversation' | 'appointment' | 'left_message';
  id: string;
}

export interface NotifyRequest {
  event: NotificationEvent;
  /** The recipient's OPENID. */
  touser: string;
  /** Values the template's fields are filled from, by `source` name (strings, numbers, Dates). */
  values: Record<string, string | number | Date | undefined>;
  /** Overrides the template's page, e.g. with a query string: `pages/appointments/index?id=…`. */
  page?: string;
  now?: Date;
  /**
   * Optional: the message is pointless from then on (a reminder: the appointment's start). A message
   * that quiet hours would hold until then is not queued, and a queued one found past it is not sent:
   * both are recorded `failed` with the reason, and the grant is kept.
   */
  expiresAt?: Date;
  /** What it is about. Without one, only managers see the record in the staff outbox. */
  subject?: NotificationSubject;
}

/** A template in `notification_templates` (`_id` = the event). */
export interface TemplateDoc {
  _id: string;
  event: NotificationEvent;
  templateId: string;
  title: string;
  page: string;
  fields: Array<TemplateFieldDef & { type: string }>;
  enabled: boolean;
  updatedAt?: Date;
  updatedBy?: string;
}

/** A record in `notifications`. */
export interface NotificationDoc {
  _id: string;
  touser: string;
  event: NotificationEvent;
  templateId: string;
  page: string;
  /** The rendered fields (names, message previews…): sealed at rest as one string; older records hold the object. */
  data: MessageData | string;
  status: NotificationStatus;
  reason: string;
  errCode?: number;
  createdAt: Date;
  /** UTC+8 day it counts against the daily cap: the day sent, else the day created. */
  day: string;
  sendAfter?: Date;
  sentAt?: Date;
  expiresAt?: Date;
  /** Whether a grant is held for it (queued ones). */
  grantHeld?: boolean;
  /** Epoch ms until which a tick that claimed it is sending it (two ticks never send one twice). */
  lease?: number;
  /** What it is about (absent on records written before subjects were kept). */
  subject?: NotificationSubject;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { dailyCap: 5, quietStart: '22:00', quietEnd: '08:00' };
const LEASE_MS = 10 * 60_000;
const EXPIRED_REASON = '免打扰时段结束时消息已失去时效（如预约已开始），未发送';

const notifications = () => db.collection('notifications');
const subscriptions = () => db.collection('subscriptions');

export function subscriptionId(openid: string, templateId: string): string {
  return `${openid}|${templateId}`;
}

export async function loadNotificationSettings(): Promise<NotificationSettings> {
  const doc = await first<Partial<NotificationSettings>>(db.collection('settings').where({ _id: 'notifications' }));
  const hhmm = (v: unknown, d: string) => (typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? v : d);
  return {
    dailyCap: typeof doc?.dailyCap === 'number' && doc.dailyCap >= 1 ? doc.dailyCap : DEFAULT_NOTIFICATION_SETTINGS.dailyCap,
    quietStart: hhmm(doc?.quietStart, DEFAULT_NOTIFICATION_SETTINGS.quietStart),
    quietEnd: hhmm(doc?.quietEnd, DEFAULT_NOTIFICATION_SETTINGS.quietEnd),
  };
}

/** Consume one one-time grant: true when there was one. */
export async function takeGrant(openid: string, templateId: string): Promise<boolean> {
  const n = await updated(subscriptions().where({ _id: subscriptionId(openid, templateId), remaining: _.gt(0) }).update({ data: { remaining: _.inc(-1), usedAt: new Date() } }));
  return n === 1;
}

/** Add `n` grants (a user's acceptance, or a grant given back), creating the document on first use. */
export async function addGrant(openid: string, templateId: string, n = 1): Promise<void> {
  const _id = subscriptionId(openid, templateId);
  const bump = () => subscriptions().where({ _id }).update({ data: { remaining: _.inc(n), updatedAt: new Date() } });
  if ((await updated(bump())) === 1) return;
  try {
    await subscriptions().add({ data: { _id, openid, templateId, remaining: n, updatedAt: new Date() } });
  } catch {
    // Created by a concurrent grant in between.
    await bump();
  }
}

async function sentOn(touser: string, day: string): Promise<number> {
  return total(notifications().where({ touser, status: 'sent', day }));
}

function capReason(count: number, cap: number): string {
  return `今天已向该用户发送 ${count} 条通知，已达每日上限 ${cap} 条`;
}

export function toRecord(doc: NotificationDoc): NotificationRecord {
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : typeof d === 'string' ? d : undefined);
  return {
    id: String(doc._id),
    event: doc.event,
    touser: doc.touser,
    templateId: doc.templateId,
    page: doc.page,
    data: openJson<MessageData>(doc.data, DATA_FIELD, {}),
    status: doc.status,
    reason: doc.reason ?? '',
    ...(typeof doc.errCode === 'number' ? { errCode: doc.errCode } : {}),
    createdAt: iso(doc.createdAt) ?? '',
    ...(doc.sendAfter ? { sendAfter: iso(doc.sendAfter) } : {}),
    ...(doc.sentAt ? { sentAt: iso(doc.sentAt) } : {}),
  };
}

async function store(doc: Omit<NotificationDoc, '_id'>): Promise<NotificationRecord> {
  const res = (await notifications().add({ data: { ...doc, data: sealJson(doc.data, DATA_FIELD) } })) as { _id: string };
  return toRecord({ ...doc, _id: res._id });
}

function errCodeOf(err: unknown): number | undefined {
  const code = (err as { errCode?: unknown } | null)?.errCode;
  return typeof code === 'number' ? code : undefined;
}

type Outcome = Pick<NotificationDoc, 'status' | 'reason'> & { errCode?: number; sentAt?: Date };

/** The send itself; the grant was consumed by the caller and is given back unless sent or refused. */
async function deliver(msg: { touser: string; templateId: string; page: string; data: MessageData }, now: Date): Promise<Outcome> {
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: msg.touser,
      templateId: msg.templateId,
      page: msg.page,
      data: msg.data,
      miniprogramState: process.env.KEFU_MINIPROGRAM_STATE || 'formal',
    });
    return { status: 'sent', reason: '', errCode: 0, sentAt: now };
  } catch (err) {
    const errCode = errCodeOf(err);
    const failure = classifySendError(errCode, String((err as { errMsg?: unknown } | null)?.errMsg ?? ''));
    if (failure.giveBack) await addGrant(msg.touser, msg.templateId);
    if (failure.status === 'failed') logError('[notify] subscribeMessage.send failed', err);
    return { status: failure.status, reason: failure.reason, ...(errCode !== undefined ? { errCode } : {}) };
  }
}

/** Never throws for a user-level outcome (no grant, cap, quiet hours, refusal): it is in the record's status. */
export async function notify(req: NotifyRequest): Promise<NotificationRecord> {
  const now = req.now ?? new Date();
  const base = {
    touser: req.touser,
    event: req.event,
    page: req.page ?? '',
    createdAt: now,
    day: businessDay(now),
    data: {} as MessageData,
    templateId: '',
    reason: '',
    ...(req.subject ? { subject: { kind: req.subject.kind, id: req.subject.id } } : {}),
  };

  const tpl = await first<TemplateDoc>(db.collection('notification_templates').where({ event: req.event, enabled: true }));
  if (!tpl) return store({ ...base, status: 'skipped_no_template', reason: '没有为该事件启用的订阅消息模板' });

  const page = req.page ?? tpl.page ?? '';
  const rendered = renderTemplate(tpl, req.values as Record<string, FieldInput>);
  if (!rendered.ok) return store({ ...base, templateId: tpl.templateId, page, status: 'invalid', reason: rendered.reason });
  const msg = { touser: req.touser, templateId: tpl.templateId, page, data: rendered.data };

  const settings = await loadNotificationSettings();
  const count = await sentOn(req.touser, base.day);
  if (count >= settings.dailyCap) return store({ ...base, ...msg, status: 'skipped_cap', reason: capReason(count, settings.dailyCap) });

  if (!(await takeGrant(req.touser, tpl.templateId))) {
    return store({ ...base, ...msg, status: 'skipped_no_grant', reason: '用户没有订阅此消息（没有可用的一次性授权）' });
  }

  if (inQuietHours(now, settings.quietStart, settings.quietEnd)) {
    const sendAfter = nextClockTime(now, settings.quietEnd);
    if (req.expiresAt && sendAfter.getTime() >= req.expiresAt.getTime()) {
      await addGrant(req.touser, tpl.templateId);
      return store({ ...base, ...msg, status: 'failed', reason: EXPIRED_REASON, expiresAt: req.expiresAt });
    }
    return store({
      ...base,
      ...msg,
      status: 'queued',
      reason: `免打扰时段（${settings.quietStart}–${settings.quietEnd}），将于 ${hhmmOf(sendAfter)} 后发送`,
      sendAfter,
      grantHeld: true,
      lease: 0,
      ...(req.expiresAt ? { expiresAt: req.expiresAt } : {}),
    });
  }

  const outcome = await deliver(msg, now);
  return store({ ...base, ...msg, ...outcome });
}

/**
 * Send the queued notifications once quiet hours are over (by the current settings, so a manager who
 * shortens them releases the queue at the next tick). Each one is claimed with a conditional update of
 * its lease first, so two ticks never send one twice; a tick that dies mid-send leaves the lease to run
 * out, and a later tick retries. The daily cap is checked again at sending time.
 */
export async function flushQueued(now: Date, limit = 100): Promise<{ sent: number; other: number }> {
  const settings = await loadNotificationSettings();
  if (inQuietHours(now, settings.quietStart, settings.quietEnd)) return { sent: 0, other: 0 };
  const due = await rows<NotificationDoc>(notifications().where({ status: 'queued', lease: _.lt(now.getTime()) }).orderBy('createdAt', 'asc').limit(limit));
  let sent = 0;
  let other = 0;
  for (const doc of due) {
    const claimed = await updated(notifications().where({ _id: doc._id, status: 'queued', lease: _.lt(now.getTime()) }).update({ data: { lease: now.getTime() + LEASE_MS } }));
    if (claimed !== 1) continue;
    const day = businessDay(now);
    const count = await sentOn(doc.touser, day);
    let outcome: Outcome;
    if (doc.expiresAt && new Date(doc.expiresAt).getTime() <= now.getTime()) {
      if (doc.grantHeld) await addGrant(doc.touser, doc.templateId);
      outcome = { status: 'failed', reason: EXPIRED_REASON };
    } else if (count >= settings.dailyCap) {
      if (doc.grantHeld) await addGrant(doc.touser, doc.templateId);
      outcome = { status: 'skipped_cap', reason: capReason(count, settings.dailyCap) };
    } else {
      outcome = await deliver({ ...doc, data: openJson<MessageData>(doc.data, DATA_FIELD, {}) }, now);
    }
    await notifications()
      .doc(doc._id)
      .update({ data: { ...outcome, day: outcome.status === 'sent' ? day : doc.day, grantHeld: false } });
    if (outcome.status === 'sent') sent++;
    else other++;
  }
  return { sent, other };
}
