// weapp: watch our own signal document (`signals/<OPENID>`, readable only by its owner) in the cloud database.
import Taro from '@tarojs/taro';
import { call } from './client';
import { createBackoff, createHub, parseSignal, type Connect } from './signal-hub';

interface Watcher {
  close(): Promise<unknown>;
}

interface Snapshot {
  type?: string;
  docs?: unknown[];
}

// Taro's typings only declare `watch` on queries; the weapp SDK has it on documents too.
interface WatchableDocument {
  watch(options: { onChange: (snapshot: Snapshot) => void; onError: (error: unknown) => void }): Watcher;
}

const connectWatch: Connect = (emit) => {
  let watcher: Watcher | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let lastSeq: number | null = null;
  const backoff = createBackoff();

  const retryLater = () => {
    if (!closed) timer = setTimeout(() => void open(), backoff.next());
  };

  async function open(): Promise<void> {
    let openid: string;
    try {
      openid = (await call('admin', 'whoami', {})).openid;
    } catch {
      retryLater();
      return;
    }
    if (closed) return;
    const doc = Taro.cloud.database().collection('signals').doc(openid) as unknown as WatchableDocument;
    watcher = doc.watch({
      onChange(snapshot) {
        backoff.reset();
        const signal = parseSignal(snapshot.docs?.[0]);
        if (!signal || signal.seq === lastSeq) return;
        // The very first snapshot is the state before we looked; later ones (and one after a
        // reconnect that shows a newer seq) are changes the page should react to.
        const baseline = lastSeq === null && snapshot.type === 'init';
        lastSeq = signal.seq;
        if (!baseline) emit(signal);
      },
      onError() {
        watcher = null;
        retryLater();
      },
    });
  }

  void open();
  return () => {
    closed = true;
    clearTimeout(timer);
    void watcher?.close().catch(() => undefined);
  };
};

export const subscribe = createHub(connectWatch);
