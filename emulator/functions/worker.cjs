// One CloudBase function instance: loads the bundle once (warm module state is kept),
// then runs one invocation at a time. Identity reaches wx-server-sdk through process.env,
// exactly the variables CloudBase sets (WX_CONTEXT_KEYS, WX_OPENID, …); each worker has its own env.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

const mod = require(workerData.entry);
if (typeof mod.main !== 'function') throw new Error(`${workerData.entry} does not export main`);

const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP'];

parentPort.on('message', async (msg) => {
  for (const key of CONTEXT_KEYS) delete process.env[key];
  for (const [key, value] of Object.entries(msg.env)) process.env[key] = value;
  const context = {
    request_id: msg.requestId,
    function_name: workerData.name,
    function_version: '$LATEST',
    namespace: process.env.TCB_ENV,
    memory_limit_in_mb: 256,
    time_limit_in_ms: workerData.timeoutMs,
    environment: JSON.stringify({}),
  };
  try {
    const result = await mod.main(msg.event, context);
    parentPort.postMessage({ id: msg.id, ok: true, result: result === undefined ? null : result });
  } catch (err) {
    // What CloudBase reports for a function that threw: the message, not the stack. The stack goes to the
    // host's log, which masks personal data in every line (the error may quote the event).
    parentPort.postMessage({ id: msg.id, ok: false, error: err && err.message ? String(err.message) : String(err), stack: err && err.stack ? String(err.stack) : undefined });
  }
});
