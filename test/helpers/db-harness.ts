// A bare HTTP server around the emulator database: `POST /admin` (any query string) → db.handle.
// The full emulator mounts the same handle on its /admin route.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from '../../emulator/db';

export interface DbHarness {
  /** Base URL (`http://127.0.0.1:PORT`); the SDK endpoint is `${url}/admin`. */
  url: string;
  db: Database;
  /** Stops the server; closes the database too unless it was passed in. */
  close(): Promise<void>;
}

export interface DbHarnessOptions {
  /** SQLite file (default ':memory:'), used when `db` is not given. */
  file?: string;
  db?: Database;
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startDbHarness(opts: DbHarnessOptions = {}): Promise<DbHarness> {
  const db = opts.db ?? openDatabase({ file: opts.file ?? ':memory:' });
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/admin') return reply(res, 404, { code: 'NOT_FOUND', message: 'not found' });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(res, 200, { code: 'INVALID_PARAM', message: 'malformed JSON body' });
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return reply(res, 200, { code: 'INVALID_PARAM', message: 'request body must be an object' });
      }
      reply(res, 200, db.handle(body as Record<string, unknown>));
    });
  });
  // The SDK's agent keeps idle sockets for 4.8 s: stay above that.
  server.keepAliveTimeout = 10_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!opts.db) db.close();
    },
  };
}
