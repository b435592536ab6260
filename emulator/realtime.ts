// Realtime signals for the H5 build over Server-Sent Events. Functions write `signals/<openid>`;
// weapp watches that document, h5 gets the same document here. No data rides on a signal.
import type { ServerResponse } from 'node:http';

export interface SignalDoc {
  seq?: unknown;
  kinds?: unknown;
  at?: unknown;
}

export class SignalHub {
  private readonly clients = new Map<string, Set<ServerResponse>>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    // A comment line keeps proxies and the browser from closing an idle stream.
    this.heartbeat = setInterval(() => {
      for (const set of this.clients.values()) for (const res of set) res.write(': ping\n\n');
    }, 20_000);
    this.heartbeat.unref();
  }

  open(openid: string, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\nevent: ready\ndata: {}\n\n`);
    let set = this.clients.get(openid);
    if (!set) this.clients.set(openid, (set = new Set()));
    set.add(res);
    res.on('close', () => {
      set!.delete(res);
      if (set!.size === 0) this.clients.delete(openid);
    });
  }

  /** Relay a changed signal document to its owner's open streams. */
  publish(openid: string, doc: SignalDoc): void {
    const set = this.clients.get(openid);
    if (!set) return;
    const payload = JSON.stringify({
      seq: typeof doc.seq === 'number' ? doc.seq : 0,
      kinds: Array.isArray(doc.kinds) ? doc.kinds : [],
      at: doc.at instanceof Date ? doc.at.toISOString() : String(doc.at ?? ''),
    });
    for (const res of set) res.write(`event: signal\ndata: ${payload}\n\n`);
  }

  connections(openid?: string): number {
    if (openid) return this.clients.get(openid)?.size ?? 0;
    let n = 0;
    for (const set of this.clients.values()) n += set.size;
    return n;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const set of this.clients.values()) for (const res of set) res.end();
    this.clients.clear();
  }
}
