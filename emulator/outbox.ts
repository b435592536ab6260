// `cloud.openapi.subscribeMessage.send` lands here: the emulator records exactly what would
// have gone to WeChat and answers as WeChat does (cloudbase-wire.md, "Other services").
import protobuf from 'protobufjs';

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

/** Decode the protobuf request of `wx.openApi` into the JSON WeChat would receive. */
export function decodeOpenApiRequest(apiName: string, requestData: Buffer): OutboxMessage {
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
