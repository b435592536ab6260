// What wx-server-sdk talks to: `POST /admin[/i/<instance>]?env=…` with `{action, …}`.
// database.* goes to the database, functions.invokeFunction to the function host,
// wx.openApi (subscribe messages) to the outbox, storage.* to the file store (`PUT /cos/<path>` takes
// the bytes of an upload). Loopback only: this is the data itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from './db';
import type { FunctionHost, Identity } from './functions/host';
import { BodyTooLarge, isLoopback, readBody, sendJson } from './http';
import type { LinkSigner } from './file-links';
import { fileIdOf, parseStoragePath, storagePathOf, type FileStore } from './storage';
import { OUTBOX, sealOutboxData, decodeOpenApiFields, decodeOpenApiRequest, encodeOpenApiReply, judgeSubscribeSend, parseMultipart, type SendVerdict } from './outbox';
import type { Keyring } from '../cloudfunctions/_shared/seal';
import { DEFAULT_SECCHECK_RULES, judgeSecCheck, type SecCheckRules } from './seccheck';

/** Large enough for a batch insert; the gateway's own limit for clients is 64 KiB. */
const SDK_BODY_LIMIT = 32 * 1024 * 1024;
export { OUTBOX };

export interface SdkEndpointDeps {
  db: Database;
  host: FunctionHost;
  appid: string;
  /** Cloud storage (`cloud.uploadFile`, `cloud.getTempFileURL`); without both, storage.* is refused. */
  files?: FileStore;
  links?: LinkSigner;
  /** The functions' data keys: the outbox keeps what was sent sealed, like the functions' own records. */
  keyring: Keyring;
  /** What `security.msgSecCheck` calls risky, review or failing (test phrases); defaults otherwise. */
  secCheck?: SecCheckRules;
  log(line: string): void;
}

/** An upload URL is good for 10 minutes; a temporary download link for `max_age` seconds (default 1 day, at most 1 day). */
const UPLOAD_TTL_MS = 10 * 60_000;
const DEFAULT_LINK_AGE_S = 86_400;
/** Largest file `PUT /cos/…` accepts. */
export const COS_BODY_LIMIT = 256 * 1024 * 1024;

export async function handleSdkRequest(deps: SdkEndpointDeps, req: IncomingMessage, res: ServerResponse, instanceKey: string | null): Promise<void> {
  if (!isLoopback(req)) {
    sendJson(res, 403, { code: 'PERMISSION_DENIED', message: 'the SDK endpoint answers loopback only' });
    return;
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, SDK_BODY_LIMIT);
  } catch (err) {
    sendJson(res, err instanceof BodyTooLarge ? 413 : 400, { code: 'INVALID_PARAM', message: 'request body too large or unreadable' });
    return;
  }
  const contentType = String(req.headers['content-type'] ?? '');
  if (contentType.startsWith('multipart/form-data')) {
    handleOpenApi(deps, res, parseMultipart(raw, contentType));
    return;
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: 'malformed JSON' });
    return;
  }
  const action = typeof body.action === 'string' ? body.action : '';
  if (action.startsWith('database.')) {
    sendJson(res, 200, deps.db.handle(body));
  } else if (action === 'functions.invokeFunction') {
    await invokeFromFunction(deps, res, body, instanceKey);
  } else if (action === 'storage.getUploadMetadata' || action === 'storage.batchGetDownloadUrl' || action === 'storage.batchDeleteFile') {
    await handleStorage(deps, req, res, action, body);
  } else {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: `the emulator does not support ${action || 'this request'}` });
  }
}

/** `cloud.callFunction` from inside a function: the callee runs with the caller's identity, SOURCE `…,scf`. */
async function invokeFromFunction(deps: SdkEndpointDeps, res: ServerResponse, body: Record<string, unknown>, instanceKey: string | null): Promise<void> {
  const name = String(body.function_name ?? '');
  if (!deps.host.has(name)) {
    sendJson(res, 200, { code: 'FUNCTIONS_EXECUTE_FAIL', message: `function ${name} not found` });
    return;
  }
  let event: unknown;
  try {
    event = JSON.parse(String(body.request_data ?? '{}'));
  } catch {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: 'request_data is not JSON' });
    return;
  }
  const caller = instanceKey ? deps.host.identityOf(instanceKey) : undefined;
  const identity: Identity = caller ? { ...caller, source: `${caller.source},scf` } : { openid: '', appid: deps.appid, source: 'scf' };
  const out = await deps.host.invoke(name, event, identity);
  deps.log(`call ${name} (from function) ${out.ms}ms ${out.ok ? 'ok' : out.reason}`);
  if (!out.ok) {
    sendJson(res, 200, { code: 'FUNCTIONS_EXECUTE_FAIL', message: out.message });
    return;
  }
  sendJson(res, 200, { data: { response_data: JSON.stringify(out.result ?? null) } });
}

function handleOpenApi(deps: SdkEndpointDeps, res: ServerResponse, parts: Map<string, Buffer>): void {
  const action = parts.get('action')?.toString();
  const apiName = parts.get('apiName')?.toString() ?? '';
  const data = parts.get('requestData');
  if (action !== 'wx.openApi' || !data) {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: 'unsupported multipart request' });
    return;
  }
  if (apiName === 'security.msgSecCheck') {
    let fields: Record<string, unknown>;
    try {
      fields = decodeOpenApiFields(data);
    } catch {
      sendJson(res, 200, { code: 'INVALID_PARAM', message: 'requestData is not a CommApiData message' });
      return;
    }
    const answer = judgeSecCheck(deps.db, deps.secCheck ?? DEFAULT_SECCHECK_RULES, fields);
    const verdict = (answer.result as { suggest?: string } | undefined)?.suggest ?? `errcode ${String(answer.errcode)}`;
    deps.log(`seccheck ${String(fields.openid ?? '')} ${verdict}`);
    const reply = encodeOpenApiReply(answer);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.length });
    res.end(reply);
    return;
  }
  let message;
  try {
    message = decodeOpenApiRequest(apiName, data);
  } catch {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: 'requestData is not a CommApiData message' });
    return;
  }
  // Subscribe messages are judged as WeChat would (subscription ledger, field rules); every attempt is
  // kept, refused ones with their errcode, and the dev outbox lists the delivered ones.
  const verdict: SendVerdict = apiName === 'subscribeMessage.send' ? judgeSubscribeSend(deps.db, message) : { errcode: 0, errmsg: 'ok' };
  const [id] = deps.db.insert(OUTBOX, [{ ...message, data: sealOutboxData(deps.keyring, message.data), errcode: verdict.errcode, errmsg: verdict.errmsg, at: new Date() }]);
  deps.log(`outbox ${apiName} to ${message.touser} template ${message.template_id}${verdict.errcode ? ` refused ${verdict.errcode}` : ''}`);
  const reply = encodeOpenApiReply(verdict.errcode === 0 ? { errcode: 0, errmsg: 'ok', msgid: id } : { errcode: verdict.errcode, errmsg: verdict.errmsg });
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.length });
  res.end(reply);
}

// ---------------------------------------------------------------------------------------------------
// Storage, as @cloudbase/node-sdk (storage/index.js) uses it:
// - `uploadFile` asks `storage.getUploadMetadata {path}` → `{data:{url, token, authorization, fileId,
//   cosFileId}}`, then PUTs the bytes to `url` and reads an empty body as success (COS answers XML errors);
// - `getTempFileURL` sends `storage.batchGetDownloadUrl {file_list:[{fileid, max_age?}]}` →
//   `{data:{download_list:[{fileID, tempFileURL, code:'SUCCESS'|…}]}}`;
// - `deleteFile` sends `storage.batchDeleteFile {fileid_list:[…]}` → `{data:{delete_list:[{fileID,
//   code:'SUCCESS'|'STORAGE_FILE_NONEXIST'}]}}` (wx-server-sdk turns each into `{fileID, status}`).
// The upload URL is this emulator's `/cos/<path>` and the temporary URL the gateway's
// `/api/files/<path>`, both signed and expiring (file-links.ts).

/** Where the SDK reached us: the links handed out point back at the same host. */
function originOf(req: IncomingMessage): string {
  const host = String(req.headers.host ?? '127.0.0.1');
  return `http://${/^[A-Za-z0-9.:[\]-]+$/.test(host) ? host : '127.0.0.1'}`;
}

const envIdOf = (deps: SdkEndpointDeps) => deps.host.baseEnv.TCB_ENV ?? 'local';

async function handleStorage(deps: SdkEndpointDeps, req: IncomingMessage, res: ServerResponse, action: string, body: Record<string, unknown>): Promise<void> {
  const { files, links } = deps;
  if (!files || !links) {
    sendJson(res, 200, { code: 'STORAGE_REQUEST_FAIL', message: 'this emulator has no file store' });
    return;
  }
  const origin = originOf(req);
  if (action === 'storage.getUploadMetadata') {
    const filePath = parseStoragePath(typeof body.path === 'string' ? body.path : '');
    if (!filePath) {
      sendJson(res, 200, { code: 'INVALID_PARAM', message: 'cloudPath must be a relative path of letters, digits, ".", "_" and "-"' });
      return;
    }
    const expiresAt = Date.now() + UPLOAD_TTL_MS;
    const query = links.query('put', filePath, expiresAt);
    const fileId = fileIdOf(envIdOf(deps), filePath);
    const authorization = new URLSearchParams(query).get('sign') ?? '';
    sendJson(res, 200, { data: { url: `${origin}/cos/${filePath}?${query}`, token: String(expiresAt), authorization, fileId, cosFileId: filePath } });
    return;
  }
  if (action === 'storage.batchDeleteFile') {
    const ids = Array.isArray(body.fileid_list) ? (body.fileid_list as unknown[]) : null;
    if (!ids) {
      sendJson(res, 200, { code: 'INVALID_PARAM', message: 'fileid_list must be an array' });
      return;
    }
    const delete_list = [];
    for (const item of ids) {
      const fileID = typeof item === 'string' ? item : '';
      const filePath = storagePathOf(fileID);
      const gone = filePath ? await files.remove(filePath) : false;
      if (gone) deps.log(`storage delete ${filePath}`);
      delete_list.push(gone ? { fileID, code: 'SUCCESS' } : { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' });
    }
    sendJson(res, 200, { data: { delete_list } });
    return;
  }
  const list = Array.isArray(body.file_list) ? (body.file_list as Array<Record<string, unknown>>) : null;
  if (!list) {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: 'file_list must be an array' });
    return;
  }
  const now = Date.now();
  const download_list = await Promise.all(
    list.map(async (item) => {
      const fileID = typeof item?.fileid === 'string' ? item.fileid : '';
      const filePath = storagePathOf(fileID);
      const requested = Number(item?.max_age);
      const maxAge = Number.isFinite(requested) && requested > 0 ? Math.min(Math.floor(requested), DEFAULT_LINK_AGE_S) : DEFAULT_LINK_AGE_S;
      if (!filePath || !(await files.get(filePath))) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' };
      const tempFileURL = `${origin}/api/files/${filePath}?${links.query('get', filePath, now + maxAge * 1000)}`;
      return { fileID, tempFileURL, code: 'SUCCESS', maxAge };
    }),
  );
  sendJson(res, 200, { data: { download_list } });
}

/** `PUT /cos/<path>?e=…&sign=…`: the bytes of a `cloud.uploadFile`, from a function (loopback only). */
export async function handleCosUpload(deps: SdkEndpointDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const refuse = (status: number, code: string, message: string) => {
    req.resume();
    // COS answers errors as XML, which node-sdk parses into its error.
    const xml = `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`;
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  };
  if (!isLoopback(req)) return refuse(403, 'AccessDenied', 'uploads are taken from loopback only');
  if (req.method !== 'PUT') return refuse(405, 'MethodNotAllowed', 'use PUT');
  const filePath = parseStoragePath(url.pathname.slice('/cos/'.length));
  if (!deps.files || !deps.links || !filePath) return refuse(400, 'InvalidURI', 'no such upload target');
  if (!deps.links.verify('put', filePath, url.searchParams.get('e'), url.searchParams.get('sign'))) return refuse(403, 'SignatureDoesNotMatch', 'the upload URL is invalid or expired');
  let bytes: Buffer;
  try {
    bytes = await readBody(req, COS_BODY_LIMIT);
  } catch (err) {
    if (err instanceof BodyTooLarge) return refuse(413, 'EntityTooLarge', 'file too large');
    throw err;
  }
  await deps.files.put(filePath, bytes);
  deps.log(`storage put ${filePath} ${bytes.length} bytes`);
  res.writeHead(200, { 'content-length': 0, etag: `"${bytes.length}"` });
  res.end();
}
