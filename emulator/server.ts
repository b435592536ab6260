// The local CloudBase: database + function host + gateway + outbox + timers in one process.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { maskPersonal } from '../core/privacy/mask';
import { createFileStore } from './storage';
import { openDatabase, type Database } from './db';
import { FunctionHost } from './functions/host';
import { handleGateway } from './gateway';
import { sendError } from './http';
import { SignalHub } from './realtime';
import { DEMO_APPID, seedDemoData } from './seed';
import { seedHistory } from './seed/history';
import { handleCosUpload, handleSdkRequest } from './sdk-endpoint';
import { createLinkSigner } from './file-links';
import { DEFAULT_SECCHECK_RULES, type SecCheckRules } from './seccheck';
import { serveStatic } from './static';
import { startTimers } from './timers';
import { createSigner, loadSecret } from './tokens';
import { loadDataKeys, type DataKeys } from './data-keys';
import { DATA_KEYS_ENV, parseKeyring } from '../cloudfunctions/_shared/seal';

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Folder for the SQLite file and the gateway secret; ':memory:' keeps nothing. */
  dataDir?: string;
  /** Dev mode: dev login, dev triggers, outbox listing. Off in production mode. */
  dev?: boolean;
  functionsDir?: string;
  staticDir?: string;
  /** Seed demo data into an empty database. */
  seed?: boolean;
  /** With the demo data, also the last weeks of conversations (`npm start`; tests start without). */
  history?: boolean;
  timers?: boolean;
  /** Environment for every function instance (e.g. KEFU_SETUP_CODE). */
  functionEnv?: Record<string, string>;
  /**
   * `KEFU_DATA_KEYS` for every function (`id:base64,…`, the first seals). Default: a fresh key for in-memory
   * data; with a data folder, the key kept in `<dataDir>/data-keys` (generated on first start).
   */
  dataKeys?: string;
  maxInstances?: number;
  /** `security.msgSecCheck` test phrases (risky / review / failing); each list replaces its default. */
  secCheck?: Partial<SecCheckRules>;
  log?: (line: string) => void;
}

export interface Emulator {
  url: string;
  port: number;
  db: Database;
  host: FunctionHost;
  hub: SignalHub;
  seeded: boolean;
  /** The data keys the functions run with, and where they came from. */
  dataKeys: DataKeys;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');
export const ENV_ID = 'kefu-local';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const sink = opts.log ?? ((line: string) => console.log(line));
  // Every line may quote what a caller sent (an action name, an error about a document): masked, as the functions' own logs are.
  const log = (line: string) => sink(maskPersonal(line));
  const dataDir = opts.dataDir ?? path.join(ROOT, '.data');
  const inMemory = dataDir === ':memory:';
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase({ file: inMemory ? ':memory:' : path.join(dataDir, 'kefu.sqlite') });
  const dataKeys = loadDataKeys(inMemory ? null : dataDir, opts.dataKeys);
  const keyring = parseKeyring(dataKeys.spec);
  const seeded = opts.seed !== false ? seedDemoData(db) : false;
  if (seeded && opts.history) seedHistory(db, { keyring });
  const secret = loadSecret(inMemory ? null : dataDir);
  const tokens = createSigner(secret);
  const hub = new SignalHub();
  const dev = opts.dev ?? true;
  const staticDir = opts.staticDir ?? path.join(ROOT, 'dist', 'h5');

  let port = 0;
  const host = new FunctionHost({
    functionsDir: opts.functionsDir ?? path.join(ROOT, 'cloudfunctions'),
    sdkUrl: (key) => `http://127.0.0.1:${port}/admin/i/${key}`,
    env: { TCB_ENV: ENV_ID, SCF_NAMESPACE: ENV_ID, [DATA_KEYS_ENV]: dataKeys.spec, ...(opts.functionEnv ?? {}) },
    maxInstances: opts.maxInstances,
    log,
  });

  const unsubscribe = db.onChange((change) => {
    if (change.collection === 'signals' && change.doc) hub.publish(change.id, change.doc);
  });

  const secCheck: SecCheckRules = { ...DEFAULT_SECCHECK_RULES, ...(opts.secCheck ?? {}) };
  const deps = { db, host, hub, tokens, dev, appid: DEMO_APPID, log, keyring, files: createFileStore(inMemory ? null : dataDir), links: createLinkSigner(secret), secCheck };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const done = (err: unknown) => {
      log(`[emulator] ${req.method} ${url.pathname} failed: ${err instanceof Error ? err.message : String(err)}`);
      sendError(res, 500, 'INTERNAL', '服务暂时出了点问题，请稍后再试');
    };
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
      const key = /^\/admin\/i\/([0-9a-f]+)$/.exec(url.pathname)?.[1] ?? null;
      handleSdkRequest(deps, req, res, key).catch(done);
    } else if (url.pathname.startsWith('/cos/')) {
      // The bytes of `cloud.uploadFile` (what COS takes in production).
      handleCosUpload(deps, req, res, url).catch(done);
    } else if (url.pathname.startsWith('/api/')) {
      handleGateway(deps, req, res, url).catch(done);
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      serveStatic(staticDir, req, res);
    } else {
      sendError(res, 405, 'INVALID_INPUT', '不支持的请求');
    }
  });
  // wx-server-sdk drops idle sockets after 4.8 s; keep ours open longer (cloudbase-wire.md).
  server.keepAliveTimeout = 10_000;
  server.headersTimeout = 15_000;
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, opts.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const stopTimers = opts.timers === false ? () => {} : startTimers(host, DEMO_APPID, log);

  return {
    url: `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`,
    port,
    db,
    host,
    hub,
    seeded,
    dataKeys,
    async close() {
      stopTimers();
      unsubscribe();
      hub.close();
      await host.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
