// Keeps a desk view fresh: re-reads on realtime signals of the given kinds (debounced, since one action
// often signals several kinds at once) and, optionally, on a fixed period.
import { useEffect, useRef, useState } from 'react';
import { useSignals } from '../../hooks/useSignals';

const DEBOUNCE_MS = 300;

export function useLive(reload: () => unknown, kinds: readonly string[], everyMs?: number): void {
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useSignals(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void reloadRef.current(), DEBOUNCE_MS);
  }, kinds);

  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    if (!everyMs) return undefined;
    const id = setInterval(() => void reloadRef.current(), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
}

/** The current time, re-read every `ms` (waiting times count up between reloads). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
