// The HTTP gateway the H5 build talks to (design.md, "API: the stable core").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isErrorCode } from '../core/envelope';
import { REQUEST_MAX_BYTES } from '../core/abuse/limits';
import { IMAGE_MAX_BYTES } from '../core/schemas/session.schema';
import { deeperThan, formatZodError } from '../core/validation';
import type { Database } from './db';
import { devLoginInput, devLoginUser } from './dev-users';
import type { FunctionHost } from './functions/host';
import { BodyTooLarge, readBody, sendError, sendJson } from './http';
import type { SignalHub } from './realtime';
import { devSubscribeInput, openOutboxRecord, recordWechatSubscriptions } from './outbox';
import type { Keyring } from '../cloudfunctions/_shared/seal';
import { OUTBOX } from './sdk-endpoint';
import { SECCHECK } from './seccheck';
import { CONTENT_TYPES, contentTypeOf, createFileStore, parseStoragePath, fileIdOf, isImageExtension, newChatPath, parseChatPath, sniffImage, type FileStore } from './storage';
import { fireTrigger } from './timers';
import type { LinkSigner } from './file-links';
import type { TokenSigner } from './tokens';

/** The same limit the function wrapper enforces for weapp calls (core/abuse/limits.ts). */
export const GATEWAY_BODY_LIMIT = REQUEST_MAX_BYTES;
/** Deepest nesting of a body: deeper values overflow the stack when passed on to a function instance. */
export const GATEWAY_MAX_DEPTH = 64;

export interface GatewayDeps {
  db: Database;
  host: FunctionHost;
  hub: SignalHub;
  tokens: TokenSigner;
  dev: boolean;
  appid: string;
  /** Chat images (`/api/upload`, `/api/files/…`); without one, files are kept in memory for this gateway. */
  files?: FileStore;
  /** Signed temporary links (`cloud.getTempFileURL`): `/api/files/<path>?e=…&sign=…` serves any stored file. */
  links?: LinkSigner;
  /** The functions' data keys (the outbox keeps sent data sealed). */
  keyring: Keyring;
  log(line: string): void;
}

type Json = Record<string, unknown>;

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    const raw = await readBody(req, GATEWAY_BODY_LIMIT);
    const text = raw.toString('utf8').trim();
    const value = text === '' ? {} : (JSON.parse(text) as unknown);
    if (deeperThan(value, GATEWAY_MAX_DEPTH)) {
      sendError(res, 400, 'INVALID_INPUT', '请求内容层级过深');
      return { ok: false };
    }
    return { ok: true, value };
  } catch (err) {
    if (err instanceof BodyTooLarge) sendError(res, 413, 'INVALID_INPUT', '请求内容过大（上限 64 KiB）');
    else sendError(res, 400, 'INVALID_INPUT', '请求体不是合法的 JSON');
    return { ok: false };
  }
}

function bearer(req: IncomingMessage): string {
  const header = String(req.headers.authorization ?? '');
  return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

export async function handleGateway(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean); // ['api', ...]
  const route = parts.slice(1);
  const method = req.method ?? 'GET';

  if (route[0] === 'healthz' && route.length === 1) {
    sendJson(res, 200, { ok: true });
    return;
  }

  if (route[0] === 'fn' && route.length === 2) {
    if (method !== 'POST') return sendError(res, 405, 'INVALID_INPUT', '请使用 POST');
    await callFunction(deps, req, res, route[1]!);
    return;
  }

  if (route[0] === 'realtime' && route.length === 1 && method === 'GET') {
    const openid = deps.tokens.verify(url.searchParams.get('token') ?? bearer(req));
    if (!openid) return sendError(res, 401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    deps.hub.open(openid, res);
    return;
  }

  if (route[0] === 'upload' && route.length === 1) {
    if (method !== 'POST') return sendError(res, 405, 'INVALID_INPUT', '请使用 POST');
    await uploadFile(deps, req, res, url);
    return;
  }

  if (route[0] === 'files' && (method === 'GET' || method === 'HEAD')) {
    await serveFile(deps, req, res, url);
    return;
  }

  if (route[0] === 'dev') {
    if (!deps.dev) return sendError(res, 403, 'FORBIDDEN', '仅在开发模式下可用');
    await handleDev(deps, req, res, route.slice(1), method);
    return;
  }

  sendError(res, 404, 'NOT_FOUND', '没有这个接口');
}

async function callFunction(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const started = Date.now();
  const openid = deps.tokens.verify(bearer(req));
  if (!openid) {
    req.resume();
    sendError(res, 401, 'UNAUTHENTICATED', '请先登录');
    deps.log(`fn ${name} 401 no valid token`);
    return;
  }
  if (!deps.host.has(name)) {
    req.resume();
    sendError(res, 404, 'NOT_FOUND', `没有名为 ${name.slice(0, 40)} 的云函数`);
    return;
  }
  const body = await readJson(req, res);
  if (!body.ok) {
    deps.log(`fn ${name} ${res.statusCode} bad body`);
    return;
  }
  const event = body.value;
  const action = typeof event === 'object' && event !== null && typeof (event as Json).action === 'string' ? String((event as Json).action).slice(0, 64) : '?';
  // CloudBase adds userInfo to events from the mini-program; functions must not trust it, and ours don't.
  const withUserInfo = typeof event === 'object' && event !== null && !Array.isArray(event) ? { ...(event as Json), userInfo: { appId: deps.appid, openId: openid } } : event;
  const ip = req.socket.remoteAddress ?? '';
  const out = await deps.host.invoke(name, withUserInfo, { openid, appid: deps.appid, source: 'wx_client', clientIp: ip.replace(/^::ffff:/, '') });
  const ms = Date.now() - started;
  if (!out.ok) {
    const timeout = out.reason === 'timeout';
    deps.log(`fn ${name}.${action} ${ms}ms ${timeout ? 'UNAVAILABLE (timeout)' : `INTERNAL (${out.reason})`}`);
    sendError(res, timeout ? 504 : 500, timeout ? 'UNAVAILABLE' : 'INTERNAL', timeout ? '服务响应超时，请稍后再试' : '服务暂时出了点问题，请稍后再试');
    return;
  }
  const result = out.result as { ok?: unknown; error?: { code?: unknown } } | null;
  const outcome = result && result.ok === false && isErrorCode(result.error?.code) ? result.error.code : 'ok';
  deps.log(`fn ${name}.${action} ${ms}ms ${outcome}${out.cold ? ' (cold)' : ''}`);
  sendJson(res, 200, out.result);
}

/** The uploader, staff, or the customer of a conversation with a message carrying this image. */
function mayViewChatImage(db: Database, viewer: string, envId: string, chatPath: string): boolean {
  if (chatPath.split('/')[1] === viewer) return true;
  const fileID = fileIdOf(envId, chatPath);
  const role = db.get('users', viewer)?.role;
  if (typeof role === 'string' && role !== 'customer') return true;
  const conversationIds = new Set(db.find('messages', { image: fileID }).map((m) => String(m.conversationId)));
  return [...conversationIds].some((id) => db.get('conversations', id)?.customer === viewer);
}

// ---------------------------------------------------------------------------------------------------
// Storage for h5: the gateway stands in for `wx.cloud.uploadFile` and for showing a `cloud://` fileID.

const memoryStores = new WeakMap<GatewayDeps, FileStore>();

function fileStore(deps: GatewayDeps): FileStore {
  if (deps.files) return deps.files;
  let store = memoryStores.get(deps);
  if (!store) memoryStores.set(deps, (store = createFileStore(null)));
  return store;
}

/** The env id the functions see (`TCB_ENV`), so a fileID from here is one `chatImage` accepts. */
const envIdOf = (deps: GatewayDeps) => deps.host.baseEnv.TCB_ENV ?? 'local';

/** `POST /api/upload?ext=jpg`, raw image bytes → `{fileID}` under the caller's `chat/<openid>/`. */
async function uploadFile(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const openid = deps.tokens.verify(bearer(req));
  if (!openid) {
    req.resume();
    return sendError(res, 401, 'UNAUTHENTICATED', '请先登录');
  }
  const ext = (url.searchParams.get('ext') ?? '').toLowerCase();
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!isImageExtension(ext) || !contentType.startsWith('image/')) {
    req.resume();
    return sendError(res, 400, 'INVALID_INPUT', '图片格式不支持');
  }
  let bytes: Buffer;
  try {
    bytes = await readBody(req, IMAGE_MAX_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) return sendError(res, 413, 'INVALID_INPUT', `图片过大（上限 ${IMAGE_MAX_BYTES / 1024 / 1024} MB）`);
    throw err;
  }
  // The bytes decide, not the name: the file is served with its extension's type, so the two must agree.
  if (sniffImage(bytes) !== CONTENT_TYPES[ext]) return sendError(res, 400, 'INVALID_INPUT', '图片格式不支持');
  const envId = envIdOf(deps);
  const target = parseChatPath(envId, newChatPath(openid, ext));
  if (!target) return sendError(res, 400, 'INVALID_INPUT', '当前账号不能上传图片');
  await fileStore(deps).put(target.path, bytes);
  deps.log(`upload ${target.path} ${bytes.length} bytes`);
  sendJson(res, 200, { fileID: fileIdOf(envId, target.path) });
}

/**
 * `GET /api/files/chat/<openid>/<name>?token=…`: the uploader, staff (agents see customers' images), and
 * the customer of a conversation that holds the image (an agent's reply). Anyone else gets the answer of
 * a file that does not exist.
 */
async function serveFile(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (url.searchParams.has('sign')) return serveLinkedFile(deps, req, res, url);
  // An <Image> cannot send headers, hence the token in the query (as for SSE); it is never logged.
  const viewer = deps.tokens.verify(url.searchParams.get('token') ?? bearer(req));
  if (!viewer) return sendError(res, 401, 'UNAUTHENTICATED', '请先登录');
  // The raw path, not the split route: a doubled or encoded slash must not normalize into a valid one.
  const target = parseChatPath(envIdOf(deps), url.pathname.slice('/api/files/'.length));
  const bytes = target && mayViewChatImage(deps.db, viewer, envIdOf(deps), target.path) ? await fileStore(deps).get(target.path) : null;
  if (!target || !bytes) return sendError(res, 404, 'NOT_FOUND', '图片不存在');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[target.ext],
    'content-length': bytes.length,
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * `GET /api/files/<path>?e=…&sign=…`: a temporary link from `cloud.getTempFileURL` (exports, which the
 * admin function hands to supervisors and admins only). The signature is the permission, as with
 * CloudBase's temporary URLs; it expires, and it opens that one file.
 */
async function serveLinkedFile(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const filePath = parseStoragePath(url.pathname.slice('/api/files/'.length));
  if (!filePath || !deps.links?.verify('get', filePath, url.searchParams.get('e'), url.searchParams.get('sign'))) {
    return sendError(res, 403, 'FORBIDDEN', '下载链接无效或已过期，请重新获取');
  }
  const bytes = await fileStore(deps).get(filePath);
  if (!bytes) return sendError(res, 404, 'NOT_FOUND', '文件不存在');
  const name = filePath.slice(filePath.lastIndexOf('/') + 1);
  res.writeHead(200, {
    'content-type': contentTypeOf(filePath),
    'content-length': bytes.length,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

async function handleDev(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, route: string[], method: string): Promise<void> {
  if (route[0] === 'login' && route.length === 1 && method === 'POST') {
    const body = await readJson(req, res);
    if (!body.ok) return;
    const input = devLoginInput.safeParse(body.value);
    if (!input.success) return sendError(res, 400, 'INVALID_INPUT', formatZodError(input.error));
    const user = devLoginUser(deps.db, input.data);
    deps.log(`dev login ${user.role} as ${user.openid}`);
    sendJson(res, 200, { token: deps.tokens.sign(user.openid), openid: user.openid, role: user.role });
    return;
  }
  if (route[0] === 'trigger' && route.length === 2 && method === 'POST') {
    const body = await readJson(req, res);
    if (!body.ok) return;
    const fn = route[1]!;
    if (!deps.host.has(fn)) return sendError(res, 404, 'NOT_FOUND', `没有名为 ${fn.slice(0, 40)} 的云函数`);
    const triggers = deps.host.config(fn).triggers;
    const wanted = (body.value as Json | null)?.trigger;
    // CloudBase allows one timer per function; a function whose timer runs several jobs (admin's `tick`)
    // also accepts each job's name as TriggerName, so a dev trigger may name the job instead of the trigger.
    const trigger = typeof wanted === 'string' ? triggers.find((t) => t.name === wanted) ?? (triggers.length > 0 && /^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(wanted) ? { name: wanted } : undefined) : triggers[0];
    if (!trigger) return sendError(res, 404, 'NOT_FOUND', `${fn} 没有这个定时触发器`);
    const out = await fireTrigger(deps.host, deps.appid, fn, trigger.name);
    deps.log(`trigger ${fn}/${trigger.name} ${out.ms}ms ${out.ok ? 'ok' : out.reason}`);
    sendJson(res, out.ok ? 200 : 500, out.ok ? { ok: true, data: { trigger: trigger.name, result: out.result } } : { ok: false, error: { code: 'INTERNAL', message: out.message } });
    return;
  }
  if (route[0] === 'outbox' && route.length === 1 && method === 'GET') {
    // Delivered messages only (errcode 0; older records have none); `?all=1` adds the ones WeChat refused.
    const all = new URL(req.url ?? '/', 'http://local').searchParams.get('all') === '1';
    const list = deps.db.find(OUTBOX, all ? {} : { errcode: { $in: [0, null] } }, { sort: { at: -1 }, limit: 200 });
    sendJson(res, 200, { ok: true, data: list.map((doc) => openOutboxRecord(deps.keyring, doc)) });
    return;
  }
  if (route[0] === 'seccheck' && route.length === 1 && method === 'GET') {
    // Every `security.msgSecCheck` the functions made, newest first: openid, scene, length and SHA-256 of the text, verdict.
    sendJson(res, 200, { ok: true, data: deps.db.find(SECCHECK, {}, { sort: { at: -1 }, limit: 500 }) });
    return;
  }
  if (route[0] === 'subscribe' && route.length === 1 && method === 'POST') {
    // What `wx.requestSubscribeMessage` does on weapp: WeChat records the user's one-time subscriptions.
    const openid = deps.tokens.verify(bearer(req));
    if (!openid) {
      req.resume();
      return sendError(res, 401, 'UNAUTHENTICATED', '请先登录');
    }
    const body = await readJson(req, res);
    if (!body.ok) return;
    const input = devSubscribeInput.safeParse(body.value);
    if (!input.success) return sendError(res, 400, 'INVALID_INPUT', formatZodError(input.error));
    const recorded = recordWechatSubscriptions(deps.db, openid, input.data.accepted);
    deps.log(`dev subscribe ${openid} ${input.data.accepted.join(',') || '-'}`);
    sendJson(res, 200, { ok: true, data: { recorded } });
    return;
  }
  sendError(res, 404, 'NOT_FOUND', '没有这个接口');
}
