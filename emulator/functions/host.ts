// The function host: runs each cloud function the way CloudBase does — a pool of instances
// (worker threads) per function, one invocation per instance at a time, warm instances reused.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** What CloudBase puts in the WX context of one invocation. */
export interface Identity {
  openid: string;
  appid: string;
  /** `wx_client`, `wx_client,scf`, `wx_trigger`. */
  source: string;
  clientIp?: string;
}

export type InvokeOutcome =
  | { ok: true; result: unknown; ms: number; cold: boolean }
  | { ok: false; reason: 'crashed' | 'timeout' | 'threw'; message: string; ms: number; cold: boolean };

export interface FunctionConfig {
  timeoutMs: number;
  triggers: Array<{ name: string; type: string; config: string }>;
}

export interface HostOptions {
  functionsDir: string;
  /** The SDK endpoint of one instance; the key lets the server tell which instance is calling. */
  sdkUrl(instanceKey: string): string;
  /** Environment shared by every instance (TCB_ENV, secrets stand-ins, KEFU_SETUP_CODE, …). */
  env: Record<string, string>;
  /** Most instances per function; CloudBase scales out, the emulator keeps it bounded. */
  maxInstances?: number;
  log?: (line: string) => void;
}

interface Pending {
  id: number;
  event: unknown;
  identity: Identity;
  started: number;
  /** Whether it ran on a fresh instance (module loaded for it). */
  cold: boolean;
  resolve(outcome: InvokeOutcome): void;
}

interface Instance {
  key: string;
  worker: Worker;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
  used: boolean;
}

const WORKER_FILE = path.join(__dirname, 'worker.cjs');
let nextId = 1;

class Pool {
  private readonly instances: Instance[] = [];
  private readonly queue: Pending[] = [];

  constructor(
    readonly name: string,
    private readonly entry: string,
    readonly config: FunctionConfig,
    private readonly host: FunctionHost,
  ) {}

  invoke(event: unknown, identity: Identity): Promise<InvokeOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ id: nextId++, event, identity, started: Date.now(), cold: false, resolve });
      this.pump();
    });
  }

  /** Start one instance ahead of the first call (local convenience; CloudBase has its own cold starts). */
  prewarm(): void {
    if (this.instances.length === 0) this.spawn();
  }

  instanceByKey(key: string): Instance | undefined {
    return this.instances.find((i) => i.key === key);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let inst = this.instances.find((i) => !i.busy);
      if (!inst) {
        if (this.instances.length >= this.host.maxInstances) return;
        inst = this.spawn();
      }
      this.dispatch(inst, this.queue.shift()!);
    }
  }

  private spawn(): Instance {
    const key = randomBytes(8).toString('hex');
    const worker = new Worker(WORKER_FILE, {
      workerData: { entry: this.entry, name: this.name, timeoutMs: this.config.timeoutMs },
      env: { ...this.host.baseEnv, TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.host.options.sdkUrl(key) }) },
    });
    const inst: Instance = { key, worker, busy: null, timer: null, used: false };
    worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: string; stack?: string }) => {
      const job = inst.busy;
      if (!job || job.id !== msg.id) return;
      if (!msg.ok) this.host.options.log?.(`[fn ${this.name}] ${msg.stack ?? msg.error ?? 'error'}`);
      this.finish(inst, msg.ok ? { ok: true, result: msg.result, ms: 0, cold: false } : { ok: false, reason: 'threw', message: msg.error ?? 'error', ms: 0, cold: false });
    });
    worker.on('error', (err) => {
      this.host.options.log?.(`[host] ${this.name} instance crashed: ${err.message}`);
      this.retire(inst, { reason: 'crashed', message: err.message });
    });
    worker.on('exit', () => this.retire(inst, { reason: 'crashed', message: 'instance exited' }));
    this.instances.push(inst);
    return inst;
  }

  private dispatch(inst: Instance, job: Pending): void {
    job.cold = !inst.used;
    inst.used = true;
    inst.busy = job;
    inst.timer = setTimeout(() => {
      this.host.options.log?.(`[host] ${this.name} timed out after ${this.config.timeoutMs} ms`);
      this.retire(inst, { reason: 'timeout', message: `函数执行超时（${this.config.timeoutMs / 1000} 秒）` });
    }, this.config.timeoutMs);
    try {
      inst.worker.postMessage({ id: job.id, requestId: `req-${job.id}`, event: job.event, env: contextEnv(job.identity) });
    } catch (err) {
      // An event the structured clone cannot pass (e.g. nested too deep): fail this call, keep the instance.
      this.finish(inst, { ok: false, reason: 'threw', message: err instanceof Error ? err.message : String(err), ms: 0, cold: false });
    }
  }

  private finish(inst: Instance, outcome: InvokeOutcome): void {
    const job = inst.busy!;
    if (inst.timer) clearTimeout(inst.timer);
    inst.timer = null;
    inst.busy = null;
    job.resolve({ ...outcome, ms: Date.now() - job.started, cold: job.cold });
    this.pump();
  }

  /** Remove an instance (crash, timeout, reload); its current invocation, if any, fails. */
  private retire(inst: Instance, why: { reason: 'crashed' | 'timeout'; message: string } | null): void {
    const at = this.instances.indexOf(inst);
    if (at < 0) return;
    this.instances.splice(at, 1);
    if (inst.timer) clearTimeout(inst.timer);
    const job = inst.busy;
    inst.busy = null;
    void inst.worker.terminate();
    if (job && why) {
      job.resolve({ ok: false, reason: why.reason, message: why.message, ms: Date.now() - job.started, cold: job.cold });
    }
    this.pump();
  }

  async close(): Promise<void> {
    const all = [...this.instances];
    this.instances.length = 0;
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, reason: 'crashed', message: 'host closed', ms: 0, cold: false });
    await Promise.all(all.map((i) => i.worker.terminate()));
  }

  get size(): number {
    return this.instances.length;
  }
}

/** The environment variables wx-server-sdk reads for one invocation's context. */
function contextEnv(identity: Identity): Record<string, string> {
  const env: Record<string, string> = { TCB_SOURCE: identity.source, WX_APPID: identity.appid };
  if (identity.openid) env.WX_OPENID = identity.openid;
  if (identity.clientIp) env.WX_CLIENTIP = identity.clientIp;
  return env;
}

export function readFunctionConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json');
  const raw = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { timeout?: number; triggers?: FunctionConfig['triggers'] }) : {};
  return { timeoutMs: (raw.timeout ?? 3) * 1000, triggers: raw.triggers ?? [] };
}

export class FunctionHost {
  readonly maxInstances: number;
  readonly baseEnv: Record<string, string>;
  private readonly pools = new Map<string, Pool>();

  constructor(readonly options: HostOptions) {
    this.maxInstances = options.maxInstances ?? 4;
    // The variables that make the unmodified SDK talk to the emulator (cloudbase-wire.md).
    this.baseEnv = {
      ...(process.env as Record<string, string>),
      TENCENTCLOUD: 'true',
      TENCENTCLOUD_SECRETID: 'emulator',
      TENCENTCLOUD_SECRETKEY: 'emulator',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
      ...options.env,
    };
  }

  /** Functions that have a built bundle (index.js). */
  names(): string[] {
    if (!fs.existsSync(this.options.functionsDir)) return [];
    return fs
      .readdirSync(this.options.functionsDir)
      .filter((n) => !n.startsWith('_') && fs.existsSync(path.join(this.options.functionsDir, n, 'index.js')))
      .sort();
  }

  has(name: string): boolean {
    return /^[a-z][a-z0-9_-]*$/i.test(name) && this.names().includes(name);
  }

  config(name: string): FunctionConfig {
    return this.pool(name).config;
  }

  private pool(name: string): Pool {
    let pool = this.pools.get(name);
    if (!pool) {
      const dir = path.join(this.options.functionsDir, name);
      pool = new Pool(name, path.join(dir, 'index.js'), readFunctionConfig(dir), this);
      this.pools.set(name, pool);
    }
    return pool;
  }

  invoke(name: string, event: unknown, identity: Identity): Promise<InvokeOutcome> {
    if (!this.has(name)) return Promise.resolve({ ok: false, reason: 'crashed', message: `no function ${name}`, ms: 0, cold: false });
    return this.pool(name).invoke(event, identity);
  }

  /** The identity of the invocation an instance is running (for `callFunction` from inside it). */
  identityOf(instanceKey: string): Identity | undefined {
    for (const pool of this.pools.values()) {
      const inst = pool.instanceByKey(instanceKey);
      if (inst?.busy) return inst.busy.identity;
    }
    return undefined;
  }

  /** One loaded instance of every function, so the first page view does not wait for cold starts. */
  prewarm(): void {
    for (const name of this.names()) this.pool(name).prewarm();
  }

  instanceCount(name: string): number {
    return this.pools.get(name)?.size ?? 0;
  }

  /** Drop the instances of one function, or of all (dev mode after a rebuild): the next call starts cold with the new code. */
  async reload(name?: string): Promise<void> {
    const names = name === undefined ? [...this.pools.keys()] : [name];
    const pools = names.map((n) => this.pools.get(n)).filter((p): p is Pool => p !== undefined);
    for (const n of names) this.pools.delete(n);
    await Promise.all(pools.map((p) => p.close()));
  }

  close(): Promise<void> {
    return this.reload();
  }
}
