// Start a real emulator (in-memory SQLite, demo data, built functions) and talk to it over HTTP
// exactly as the H5 build does.
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server';
import { openFields, openerWith, parseKeyring, type SealedCollection } from '../../cloudfunctions/_shared/seal';

export const ROOT = path.resolve(__dirname, '../..');

export interface TestEmulator extends Emulator {
  login(role: string, extra?: { openid?: string; name?: string }): Promise<string>;
  call(token: string | null, fn: string, event: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  raw(pathname: string, init?: RequestInit): Promise<Response>;
}

export async function startTestEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  const emu = await startEmulator({ port: 0, dataDir: ':memory:', timers: false, log: () => {}, ...opts });
  const raw = (pathname: string, init?: RequestInit) => fetch(`${emu.url}${pathname}`, init);
  return Object.assign(emu, {
    raw,
    async login(role: string, extra: { openid?: string; name?: string } = {}) {
      const res = await raw('/api/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, ...extra }) });
      if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async call(token: string | null, fn: string, event: unknown) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await raw(`/api/fn/${fn}`, { method: 'POST', headers, body: JSON.stringify(event) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  });
}

/** Unwrap `{ok:true,data}` or fail the test with the error. */
export function data<T = unknown>(res: { body: Record<string, unknown> }): T {
  if (res.body.ok !== true) throw new Error(`expected ok, got ${JSON.stringify(res.body)}`);
  return res.body.data as T;
}

export function errorCode(res: { body: Record<string, unknown> }): string | undefined {
  return (res.body.error as { code?: string } | undefined)?.code;
}

/**
 * A document read straight from the emulator's database with its sealed fields opened (encryption at
 * rest, cloudfunctions/_shared/seal.ts), with the data keys the emulator gave its functions.
 */
export function opened<T extends Record<string, unknown>>(emu: Emulator, collection: SealedCollection, doc: T): T {
  const out = openFields(collection, doc, openerWith(parseKeyring(emu.dataKeys.spec)));
  // A notification's rendered data is sealed as one JSON string.
  return collection === 'notifications' && typeof out.data === 'string' ? { ...out, data: JSON.parse(out.data) as unknown } : out;
}
