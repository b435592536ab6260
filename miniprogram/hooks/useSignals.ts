import { useEffect, useRef } from 'react';
import { subscribe } from '../api/realtime';
import type { Signal } from '../api/types';

/**
 * Calls `onSignal` whenever something changed for the current user — only for signals that carry one of
 * `kinds` when given. Data is then re-read through the functions, so permission checks stay there.
 */
export function useSignals(onSignal: (signal: Signal) => void, kinds?: readonly string[]): void {
  const handler = useRef(onSignal);
  handler.current = onSignal;
  const filter = useRef(kinds);
  filter.current = kinds;

  useEffect(
    () =>
      subscribe((signal) => {
        const wanted = filter.current;
        if (!wanted || signal.kinds.some((kind) => wanted.includes(kind))) handler.current(signal);
      }),
    [],
  );
}
