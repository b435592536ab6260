import { describe, expect, it, vi } from 'vitest';
import { subscribe } from '../../miniprogram/api/realtime.h5';
import { createHub, parseSignal } from '../../miniprogram/api/signal-hub';
import type { Signal } from '../../miniprogram/api/types';
import { FakeEventSource } from './setup';
import { setStorageSync } from './taro-shim';

async function openedSource(): Promise<FakeEventSource> {
  await vi.waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
  return FakeEventSource.instances[FakeEventSource.instances.length - 1];
}

describe('h5 realtime', () => {
  it('opens one EventSource with the token and hands `signal` events to every subscriber', async () => {
    setStorageSync('kefu.token', 'tok/1');
    const a: Signal[] = [];
    const b: Signal[] = [];
    const stopA = subscribe((s) => a.push(s));
    const stopB = subscribe((s) => b.push(s));
    const source = await openedSource();

    expect(FakeEventSource.instances).toHaveLength(1);
    expect(source.url).toBe('/api/realtime?token=tok%2F1');

    source.emit('signal', { seq: 4, kinds: ['faq', 'queue'], at: '2025-11-26T08:00:00Z' });
    source.emit('signal', { seq: 4, kinds: ['faq', 'queue'], at: '2025-11-26T08:00:00Z' });
    source.emit('signal', 'not json');
    source.emit('signal', { seq: 5, kinds: ['queue'], at: '2025-11-26T08:00:01Z' });

    expect(a).toEqual([
      { seq: 4, kinds: ['faq', 'queue'] },
      { seq: 5, kinds: ['queue'] },
    ]);
    expect(b).toEqual(a);

    stopA();
    expect(source.readyState).not.toBe(FakeEventSource.CLOSED);
    stopB();
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
  });

  it('reconnects with a new EventSource when the stream is closed by the server', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      setStorageSync('kefu.token', 't');
      const stop = subscribe(() => undefined);
      const first = await openedSource();
      first.readyState = FakeEventSource.CLOSED;
      first.onerror?.();
      await vi.advanceTimersByTimeAsync(1000);
      expect(FakeEventSource.instances).toHaveLength(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('signal hub', () => {
  it('connects on the first subscriber and disconnects after the last', () => {
    const disconnect = vi.fn();
    const connect = vi.fn(() => disconnect);
    const hub = createHub(connect);
    const stop1 = hub(() => undefined);
    const stop2 = hub(() => undefined);
    expect(connect).toHaveBeenCalledTimes(1);
    stop1();
    expect(disconnect).not.toHaveBeenCalled();
    stop2();
    expect(disconnect).toHaveBeenCalledTimes(1);
  });

  it('parses only {seq:number, kinds:string[]}', () => {
    expect(parseSignal({ seq: 1, kinds: ['a', 2], at: 'x', _openid: 'o' })).toEqual({ seq: 1, kinds: ['a'] });
    expect(parseSignal({ seq: '1', kinds: [] })).toBeNull();
    expect(parseSignal(null)).toBeNull();
  });
});
