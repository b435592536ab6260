// What wx-server-sdk talks to: `POST /admin[/i/<instance>]?env=…` with `{action, …}`.
// database.* goes to the database, functions.invokeFunction to the function host,
// wx.openApi (subscribe messages) to the outbox. Loopback only: this is the data itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from './db';
import type { FunctionHost, Identity } from './functions/host';
import { BodyTooLarge, isLoopback, readBody, sendJson } from './http';
import { OUTBOX, decodeOpenApiRequest, encodeOpenApiReply, judgeSubscribeSend, parseMultipart, type SendVerdict } from './outbox';

/** Large enough for a batch insert; the gateway's own limit for clients is 64 KiB. */
const SDK_BODY_LIMIT = 32 * 1024 * 1024;
export { OUTBOX };

export interface SdkEndpointDeps {
  db: Database;
  host: FunctionHost;
  appid: string;
  log(line: string): void;
}

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
  const [id] = deps.db.insert(OUTBOX, [{ ...message, errcode: verdict.errcode, errmsg: verdict.errmsg, at: new Date() }]);
  deps.log(`outbox ${apiName} to ${message.touser} template ${message.template_id}${verdict.errcode ? ` refused ${verdict.errcode}` : ''}`);
  const reply = encodeOpenApiReply(verdict.errcode === 0 ? { errcode: 0, errmsg: 'ok', msgid: id } : { errcode: verdict.errcode, errmsg: verdict.errmsg });
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.length });
  res.end(reply);
}
