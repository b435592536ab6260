// `cloud.openapi.subscribeMessage.send` lands here: the emulator records exactly what would
// have gone to WeChat and answers as WeChat does (cloudbase-wire.md, "Other services").
//
// WeChat's side of subscriptions is emulated too: WeChat keeps its own ledger of one-time
// subscriptions (what `wx.requestSubscribeMessage` accepted; on h5 `POST /api/dev/subscribe`), and a send
// answers 43101 without one, 47003 when a data field breaks its type's rule. Only a delivered message
// consumes a subscription.
import protobuf from 'protobufjs';
import { z } from 'zod';
import { invalidDataField } from '../core/templates/render';
import type { Database } from './db';
import { openWith, sealWith, type Keyring } from '../cloudfunctions/_shared/seal';

const { Type, Field } = protobuf;

const KeyValue = new Type('KeyValue').add(new Field('key', 1, 'string')).add(new Field('value', 2, 'bytes'));
const OpenApiData = new Type('OpenApiData').add(new Field('pairs', 1, 'KeyValue', 'repeated'));
const CommApiData = new Type('CommApiData')
  .add(new Field('apiType', 1, 'int32'))
  .add(new Field('openapiData', 2, 'OpenApiData'))
  .add(new Field('appid', 6, 'string'));
const CommOpenApiResp = new Type('CommOpenApiResp')
  .add(new Field('respData', 1, 'bytes'))
  .add(new Field('contentType', 2, 'string'))
  .add(new Field('errorCode', 3, 'int32'))
  .add(new Field('httpCode', 4, 'int32'));
// A root resolves the fields that name other types.
new protobuf.Root().add(KeyValue).add(OpenApiData).add(CommApiData).add(CommOpenApiResp);

/** One recorded send, in WeChat's field names. */
export interface OutboxMessage {
  apiName: string;
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang: string;
  /** The other keys of the request, if any. */
  extra: Record<string, unknown>;
}

/** Split a multipart/form-data body into its named parts. */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const parts = new Map<string, Buffer>();
  if (!match) return parts;
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
  let start = body.indexOf(boundary);
  while (start >= 0) {
    const next = body.indexOf(boundary, start + boundary.length);
    if (next < 0) break;
    const part = body.subarray(start + boundary.length + 2, next - 2); // skip CRLF after boundary and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString();
      const name = /name="([^"]+)"/i.exec(headers)?.[1];
      if (name) parts.set(name, part.subarray(headerEnd + 4));
    }
    start = next;
  }
  return parts;
}

/** The request fields of a protobuf `wx.openApi` call (`CommApiData`), JSON values parsed. */
export function decodeOpenApiFields(requestData: Buffer): Record<string, unknown> {
  const msg = CommApiData.decode(requestData) as unknown as { openapiData?: { pairs?: Array<{ key: string; value: Uint8Array }> } };
  const fields: Record<string, unknown> = {};
  for (const pair of msg.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value).toString();
    try {
      fields[pair.key] = JSON.parse(text);
    } catch {
      fields[pair.key] = text;
    }
  }
  return fields;
}

/** Decode the protobuf request of `wx.openApi` into the JSON WeChat would receive. */
export function decodeOpenApiRequest(apiName: string, requestData: Buffer): OutboxMessage {
  const fields = decodeOpenApiFields(requestData);
  const { touser, template_id, page, data, miniprogram_state, lang, ...extra } = fields;
  return {
    apiName,
    touser: String(touser ?? ''),
    template_id: String(template_id ?? ''),
    page: String(page ?? ''),
    data: (data ?? {}) as OutboxMessage['data'],
    miniprogram_state: String(miniprogram_state ?? 'formal'),
    lang: String(lang ?? 'zh_CN'),
    extra,
  };
}

/** WeChat's reply, wrapped as the SDK expects: `{errcode, errmsg, msgid}` inside CommOpenApiResp. */
export function encodeOpenApiReply(reply: Record<string, unknown>): Buffer {
  return Buffer.from(
    CommOpenApiResp.encode({ respData: Buffer.from(JSON.stringify(reply)), contentType: 'application/json', errorCode: 0, httpCode: 200 }).finish(),
  );
}

/** Delivered and refused sends (`errcode` 0 = delivered). */
export const OUTBOX = '_emulator_outbox';
/** What the outbox keeps of a message's rendered data: sealed with the functions' data key (it carries names, texts). */
const OUTBOX_DATA_FIELD = `${OUTBOX}.data`;

export function sealOutboxData(ring: Keyring, data: OutboxMessage['data']): string {
  return sealWith(ring, JSON.stringify(data), OUTBOX_DATA_FIELD);
}

/** An outbox record as listed: its data opened (older records hold it as an object). */
export function openOutboxRecord(ring: Keyring, doc: Record<string, unknown>): Record<string, unknown> {
  if (typeof doc.data !== 'string') return doc;
  const opened = openWith(ring, doc.data, OUTBOX_DATA_FIELD);
  return { ...doc, data: opened.ok ? (JSON.parse(opened.value) as unknown) : {} };
}

/** WeChat's own ledger of one-time subscriptions: `_id` = `openid|templateId`, `remaining`. */
export const WECHAT_SUBSCRIPTIONS = '_emulator_wechat_subscriptions';

/** `POST /api/dev/subscribe` body: the template ids the user accepted (WeChat takes at most 3 per request). */
export const devSubscribeInput = z.object({
  accepted: z.array(z.string().trim().min(1, '模板 id 不能为空').max(64, '模板 id 过长')).max(3, '一次最多订阅 3 个模板'),
  rejected: z.array(z.string().max(64)).max(3).optional(),
});

const ledgerId = (openid: string, templateId: string) => `${openid}|${templateId}`;

/** The user accepted these templates in `requestSubscribeMessage`: one more one-time subscription each. */
export function recordWechatSubscriptions(db: Database, openid: string, templateIds: readonly string[], now = new Date()): number {
  const ids = [...new Set(templateIds)];
  for (const templateId of ids) {
    const _id = ledgerId(openid, templateId);
    // Synchronous read-modify-write: nothing else runs on the event loop in between.
    if (!db.update(WECHAT_SUBSCRIPTIONS, _id, { $inc: { remaining: 1 }, updatedAt: now })) {
      db.insert(WECHAT_SUBSCRIPTIONS, [{ _id, openid, templateId, remaining: 1, updatedAt: now }]);
    }
  }
  return ids.length;
}

export function wechatSubscriptionsLeft(db: Database, openid: string, templateId: string): number {
  const doc = db.get(WECHAT_SUBSCRIPTIONS, ledgerId(openid, templateId));
  return typeof doc?.remaining === 'number' ? doc.remaining : 0;
}

export interface SendVerdict {
  errcode: number;
  errmsg: string;
}

/**
 * What WeChat answers to `subscribeMessage.send`: 40003 without touser, 40037 without template id,
 * 47003 for a field that breaks its rule, 43101 without a subscription left; else 0, consuming one.
 */
export function judgeSubscribeSend(db: Database, message: OutboxMessage): SendVerdict {
  if (!message.touser) return { errcode: 40003, errmsg: 'invalid openid' };
  if (!message.template_id) return { errcode: 40037, errmsg: 'invalid template_id' };
  const bad = invalidDataField(message.data);
  if (bad) return { errcode: 47003, errmsg: `argument invalid! ${bad} invalid` };
  const left = wechatSubscriptionsLeft(db, message.touser, message.template_id);
  if (left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
  db.update(WECHAT_SUBSCRIPTIONS, ledgerId(message.touser, message.template_id), { $inc: { remaining: -1 }, usedAt: new Date() });
  return { errcode: 0, errmsg: 'ok' };
}
