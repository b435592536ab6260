// Runs before every `ui` test file: a clean DOM, a clean Taro stand-in, and the browser APIs jsdom lacks.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { taro } from './taro-shim';

type Listener = (event: MessageEvent) => void;

/** EventSource stand-in: tests push server events with `emit` and look at what was opened. */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, Listener[]>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  emit(type: string, data: unknown): void {
    const event = new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** IntersectionObserver stand-in (Taro's h5 <Image lazyLoad> uses it): everything counts as in view. */
class FakeIntersectionObserver {
  constructor(private readonly callback: (entries: Array<{ isIntersecting: boolean; target: Element }>) => void) {}
  observe(target: Element): void {
    this.callback([{ isIntersecting: true, target }]);
  }
  unobserve(): void {}
  disconnect(): void {}
}

Object.assign(globalThis, { EventSource: FakeEventSource, IntersectionObserver: FakeIntersectionObserver });

afterEach(() => {
  cleanup();
  taro.reset();
  FakeEventSource.instances = [];
});
