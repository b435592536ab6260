import { RATE_LIMITS } from '../../core/abuse/limits';
import type { NotificationEvent, NotificationRecord, NotificationSettings, NotificationStatus, TemplateView } from '../../core/api';
import { AppError } from '../../core/envelope';
import { maskPersonal } from '../../core/privacy/mask';
import { DESK_STAFF, MANAGERS } from '../../core/roles';
import { templatesSchemas } from '../../core/schemas/templates.schema';
import type { FieldType } from '../../core/templates/fields';
import { APPOINTMENT_STATUS_PHRASES, dueReminder, flagsAfter, reminderTip, type ReminderKind } from '../../core/templates/reminders';
import { maskOpenid, typedFields } from '../../core/templates/render';
import { DAY_BEFORE_WINDOW_MS } from '../../core/templates/reminders';
import { audit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { first, rows, updated } from '../_shared/db';
import { action } from '../_shared/handler';
import { logError } from '../_shared/log';
import { addGrant, flushQueued, loadNotificationSettings, notify, toRecord, type TemplateDoc } from '../_shared/notify';
import { outboxFor } from './outbox';
import { openFields } from '../_shared/seal';
import { saveSettingsDoc } from '../_shared/settings';

const STATUSES: readonly NotificationStatus[] = ['sent', 'queued', 'skipped_no_grant', 'skipped_cap', 'skipped_no_template', 'refused', 'invalid', 'failed'];
const templates = () => db.collection('notification_templates');

function templateView(doc: TemplateDoc): TemplateView {
  return {
    id: String(doc._id),
    event: doc.event,
    templateId: doc.templateId,
    title: doc.title,
    page: doc.page,
    fields: doc.fields.map((f) => ({ key: f.key, type: f.type as FieldType, label: f.label, source: f.source })),
    enabled: doc.enabled,
  };
}

export const templatesActions = {
  /** Templates a page may ask permission for, by event (enabled ones only). */
  available: action({
    access: 'anyone',
    input: templatesSchemas.available,
    async run(_ctx, input) {
      const docs = await rows<TemplateDoc>(templates().where({ event: _.in(input.events), enabled: true }).limit(20));
      const byEvent = new Map(docs.map((d) => [d.event, d]));
      return input.events.flatMap((event) => {
        const d = byEvent.get(event);
        return d ? [{ event, templateId: d.templateId, title: d.title }] : [];
      });
    },
  }),

  /** The user's answer to requestSubscribeMessage: +1 one-time grant per accepted template of the registry. */
  grant: action({
    access: 'anyone',
    input: templatesSchemas.grant,
    rate: RATE_LIMITS['templates.grant'],
    async run(ctx, input) {
      const accepted = [...new Set(input.accepted)];
      if (accepted.length === 0) return { recorded: 0 };
      const known = await rows<{ templateId: string }>(templates().where({ templateId: _.in(accepted) }).field({ templateId: true }).limit(50));
      const ids = accepted.filter((id) => known.some((k) => k.templateId === id));
      for (const id of ids) await addGrant(ctx.openid, id);
      return { recorded: ids.length };
    },
  }),

  list: action({
    access: MANAGERS,
    input: templatesSchemas.list,
    async run() {
      const docs = await rows<TemplateDoc>(templates().orderBy('event', 'asc').limit(100));
      return docs.map(templateView);
    },
  }),

  /** Upsert by event (`_id` = the event); each field's type comes from its key. */
  save: action({
    access: MANAGERS,
    input: templatesSchemas.save,
    async run(ctx, input) {
      const typed = typedFields(input.fields);
      if (!typed.ok) throw new AppError('INVALID_INPUT', typed.reason);
      const before = await first<TemplateDoc>(templates().where({ _id: input.event }));
      const doc = {
        event: input.event,
        templateId: input.templateId,
        title: input.title,
        page: input.page.replace(/^\//, ''),
        fields: typed.fields.map((f) => ({ key: f.key, type: f.type, label: f.label, source: f.source })),
        enabled: input.enabled,
        updatedAt: ctx.now,
        updatedBy: ctx.openid,
      };
      // set() replaces the whole document (fields included), creating it when absent.
      await templates().doc(input.event).set({ data: doc });
      const after = { _id: input.event, ...doc } as TemplateDoc;
      await audit(ctx.openid, 'template.save', `notification_templates/${input.event}`, before ? templateView(before) : null, templateView(after));
      return templateView(after);
    },
  }),

  remove: action({
    access: MANAGERS,
    input: templatesSchemas.remove,
    async run(ctx, input) {
      const before = await first<TemplateDoc>(templates().where({ _id: input.id }));
      if (!before) return { removed: false };
      const res = (await templates().where({ _id: input.id }).remove()) as { stats: { removed: number } };
      const removed = res.stats.removed === 1;
      if (removed) await audit(ctx.openid, 'template.remove', `notification_templates/${input.id}`, templateView(before), null);
      return { removed };
    },
  }),

  settings: action({
    access: MANAGERS,
    input: templatesSchemas.settings,
    async run() {
      return loadNotificationSettings();
    },
  }),

  saveSettings: action({
    access: MANAGERS,
    input: templatesSchemas.saveSettings,
    async run(ctx, input): Promise<NotificationSettings> {
      const before = await loadNotificationSettings();
      const after: NotificationSettings = { dailyCap: input.dailyCap, quietStart: input.quietStart, quietEnd: input.quietEnd };
      await saveSettingsDoc(ctx, 'notifications', 'notification.settings', before, { ...after });
      return after;
    },
  }),

  /**
   * Desk staff: what was sent, queued, skipped or refused, newest first; OPENIDs masked except for admins.
   * Managers see every record, agents those about what they may see at the desk (outbox.ts).
   */
  outbox: action({
    access: DESK_STAFF,
    input: templatesSchemas.outbox,
    async run(ctx, input): Promise<NotificationRecord[]> {
      if (input.status !== undefined && !STATUSES.includes(input.status as NotificationStatus)) {
        throw new AppError('INVALID_INPUT', `没有这种通知状态：${input.status}（可用：${STATUSES.join('、')}）`);
      }
      const docs = await outboxFor(ctx, input.status, input.limit);
      return docs.map((d) => {
        const rec = toRecord(d);
        // The values sent carry customers' words (a left message, an appointment note): masked for every viewer.
        const data = Object.fromEntries(Object.entries(rec.data).map(([k, v]) => [k, { value: maskPersonal(String(v?.value ?? '')) }]));
        return { ...rec, data, touser: ctx.role === 'admin' ? rec.touser : maskOpenid(rec.touser) };
      });
    },
  }),
};

type AppointmentDoc = {
  _id: string;
  serviceId: string;
  customer: string;
  start: Date;
  end?: Date;
  status: string;
  name?: string;
  address?: string;
  note?: string;
  remindedDayBefore?: boolean;
  reminded2h?: boolean;
};

/**
 * Appointment reminders (core/templates/reminders.ts): each is claimed by a conditional update of its
 * flag before notify(), so two ticks never remind twice; if notify() fails on infrastructure (throws),
 * the flag is put back and the next tick tries again.
 */
export async function sendReminders(now: Date): Promise<Record<ReminderKind, number>> {
  const sent: Record<ReminderKind, number> = { day_before: 0, two_hours: 0 };
  const due = (
    await rows<AppointmentDoc>(
      db
        .collection('appointments')
        .where({ status: _.in(['booked', 'confirmed']), start: _.gt(now).and(_.lte(new Date(now.getTime() + DAY_BEFORE_WINDOW_MS))) })
        .orderBy('start', 'asc')
        .limit(500),
    )
  ).map((a) => openFields('appointments', a));
  if (due.length === 0) return sent;
  const serviceIds = [...new Set(due.map((a) => a.serviceId))];
  const services = await rows<{ _id: string; name: string }>(db.collection('appointment_services').where({ _id: _.in(serviceIds) }).field({ _id: true, name: true }).limit(100));
  const serviceName = new Map(services.map((s) => [s._id, s.name]));

  for (const a of due) {
    const start = a.start instanceof Date ? a.start : new Date(a.start);
    const kind = dueReminder(start, now, a);
    if (!kind) continue;
    const flag = kind === 'two_hours' ? 'reminded2h' : 'remindedDayBefore';
    const claim = await updated(
      db
        .collection('appointments')
        .where({ _id: a._id, status: _.in(['booked', 'confirmed']), [flag]: _.neq(true) })
        .update({ data: flagsAfter(kind) }),
    );
    if (claim !== 1) continue;
    try {
      await notify({
        event: 'appointment_reminder' satisfies NotificationEvent,
        touser: a.customer,
        page: `pages/appointments/index?id=${encodeURIComponent(a._id)}`,
        subject: { kind: 'appointment', id: a._id },
        now,
        // A reminder held by quiet hours past the start is pointless.
        expiresAt: start,
        values: {
          serviceName: serviceName.get(a.serviceId) ?? '预约服务',
          start,
          end: a.end,
          address: a.address ?? '',
          note: a.note ?? '',
          name: a.name ?? '',
          status: APPOINTMENT_STATUS_PHRASES[a.status] ?? a.status,
          tip: reminderTip(kind),
        },
      });
      sent[kind]++;
    } catch (err) {
      logError('[templates] reminder failed; will retry', a._id, err);
      await db
        .collection('appointments')
        .doc(a._id)
        .update({ data: { [flag]: false, ...(kind === 'two_hours' && !a.remindedDayBefore ? { remindedDayBefore: false } : {}) } });
    }
  }
  return sent;
}

/** The one timer (CloudBase allows one per function): flush the quiet-hours queue, then reminders. */
export async function tick(now: Date): Promise<{ flushed: { sent: number; other: number }; reminders: Record<ReminderKind, number> }> {
  const flushed = await flushQueued(now);
  const reminders = await sendReminders(now);
  return { flushed, reminders };
}
