// One connection per app, shared by every subscriber; opened on the first subscribe, closed after the last.
import type { Signal, SignalListener, Unsubscribe } from './types';

/** Opens a platform connection that calls `emit` per new signal; returns how to close it. */
export type Connect = (emit: SignalListener) => () => void;

export function createHub(connect: Connect): (listener: SignalListener) => Unsubscribe {
  const listeners = new Set<SignalListener>();
  let disconnect: (() => void) | null = null;
  return (listener) => {
    listeners.add(listener);
    disconnect ??= connect((signal) => {
      for (const each of [...listeners]) each(signal);
    });
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && disconnect) {
        disconnect();
        disconnect = null;
      }
    };
  };
}

/** Reads `{seq, kinds}` from a signal document or SSE payload; null when it is not one. */
export function parseSignal(value: unknown): Signal | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.seq !== 'number' || !Array.isArray(v.kinds)) return null;
  return { seq: v.seq, kinds: v.kinds.filter((k): k is string => typeof k === 'string') };
}

/** Reconnect delays: 1 s, 2 s, 4 s … capped at 30 s, back to 1 s after a success. */
export function createBackoff(): { next: () => number; reset: () => void } {
  let delay = 1000;
  return {
    next() {
      const current = delay;
      delay = Math.min(delay * 2, 30_000);
      return current;
    },
    reset() {
      delay = 1000;
    },
  };
}
