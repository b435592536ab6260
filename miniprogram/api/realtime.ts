// Fallback for targets without realtime (and for unit tests): subscribing does nothing.
import type { SignalListener, Unsubscribe } from './types';

export function subscribe(_onSignal: SignalListener): Unsubscribe {
  return () => undefined;
}
