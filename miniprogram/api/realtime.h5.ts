// h5: the gateway pushes the current user's signals over Server-Sent Events (`event: signal`).
import { ensureToken } from './dev-session';
import { createBackoff, createHub, parseSignal, type Connect } from './signal-hub';

const connectSse: Connect = (emit) => {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let lastSeq: number | null = null;
  const backoff = createBackoff();

  const retryLater = () => {
    if (!closed) timer = setTimeout(() => void open(), backoff.next());
  };

  async function open(): Promise<void> {
    let token: string;
    try {
      token = await ensureToken();
    } catch {
      retryLater();
      return;
    }
    if (closed) return;
    const es = new EventSource('/api/realtime?token=' + encodeURIComponent(token));
    source = es;
    es.onopen = () => backoff.reset();
    es.addEventListener('signal', (event: MessageEvent) => {
      let payload: unknown;
      try {
        payload = JSON.parse(String(event.data));
      } catch {
        return;
      }
      const signal = parseSignal(payload);
      // The same seq again is a replay after a reconnect; a different one (even lower, after a data reset) is news.
      if (signal && signal.seq !== lastSeq) {
        lastSeq = signal.seq;
        emit(signal);
      }
    });
    es.onerror = () => {
      // While CONNECTING the browser retries by itself; CLOSED (e.g. 401) needs a new EventSource.
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        source = null;
        retryLater();
      }
    };
  }

  void open();
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
};

export const subscribe = createHub(connectSse);
