// Shapes shared by the platform transports and the realtime clients.
import type { FunctionName } from '../../core/api';

/** What a cloud function receives: the action name plus that action's input fields. */
export type FunctionEvent = { action: string } & Record<string, unknown>;

/**
 * Delivers one event to one cloud function and resolves with what the function returned
 * (normally an envelope). Rejects with ApiCallError when the call never reached the function.
 */
export type Transport = (name: FunctionName, event: FunctionEvent) => Promise<unknown>;

/** A change notice for the current user: `seq` grows by one per change, `kinds` says what changed. */
export interface Signal {
  seq: number;
  kinds: string[];
}

export type SignalListener = (signal: Signal) => void;
export type Unsubscribe = () => void;
