import { z } from 'zod';
import { empty, id, text } from './common';

/** WeChat subscribe-message field types (the key prefix of each data field, e.g. `thing1`). */
export const FIELD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;

/** What a notification is about; each maps to one template in the registry. */
export const NOTIFICATION_EVENTS = [
  'appointment_confirmed',
  'appointment_rescheduled',
  'appointment_cancelled',
  'appointment_reminder',
  'agent_replied',
  'message_answered',
  'rate_request',
] as const;

export const templateInput = z.object({
  event: z.enum(NOTIFICATION_EVENTS),
  /** WeChat's template id from the mini-program admin console. */
  templateId: z.string().trim().min(1).max(64),
  title: text(30),
  /** Mini-program page opened from the message, e.g. `pages/appointments/index`. */
  page: z.string().trim().max(128).default('pages/index/index'),
  fields: z
    .array(
      z.object({
        /** WeChat's key, type prefix + number: `thing1`, `time2`. */
        key: z.string().max(32, '字段名过长').regex(/^[a-z_]+\d+$/, '字段名应为类型加序号，如 thing1'),
        label: text(20),
        /** Which value of the event fills it (e.g. `serviceName`, `start`, `status`). */
        source: z.string().trim().min(1).max(40),
      }),
    )
    .min(1)
    .max(10),
  enabled: z.boolean().default(true),
});

export const templatesSchemas = {
  /** Templates a page may ask permission for (`Taro.requestSubscribeMessage`), by event. */
  available: z.object({ events: z.array(z.enum(NOTIFICATION_EVENTS)).min(1).max(3) }),
  /** Record the user's answer to requestSubscribeMessage: one one-time grant per accepted template. */
  grant: z.object({ accepted: z.array(z.string().trim().min(1).max(64)).max(3), rejected: z.array(z.string().trim().min(1).max(64)).max(3).default([]) }),
  // managers
  list: empty,
  save: templateInput,
  settings: empty,
  saveSettings: z.object({
    dailyCap: z.number().int().min(1).max(50),
    quietStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    quietEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  }),
  /** Staff: what was sent, skipped, queued or refused. */
  outbox: z.object({ status: z.string().max(20).optional(), limit: z.number().int().min(1).max(200).default(50) }),
  remove: z.object({ id }),
} as const;
