import { meridianEventSchema, type MeridianEvent } from '@/lib/events';

// The browser's one connection to GET /api/events: every component that wants live data subscribes
// here instead of opening its own EventSource. The connection opens with the first subscriber and
// closes with the last one.

/** An event of the bus, or 'resync': the stream came back after a gap, events may have been missed. */
export type LiveSignal = MeridianEvent | { type: 'resync' };
export type LiveListener = (signal: LiveSignal) => void;

/** What the hub needs of an EventSource (the browser's, or a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (msg: MessageEvent<string>) => void): void;
  close(): void;
  onerror: ((ev: Event) => unknown) | null;
}

export interface EventHubOptions {
  open: (url: string) => EventSourceLike;
  /** Delay before reopening a stream the browser gave up on (HTTP error): doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

/** The event types of the bus that /api/events forwards (lib/events.ts), plus its greeting. */
const TYPES = ['inventory', 'cluster', 'alerts'] as const;
const CLOSED = 2;

export interface EventHub {
  subscribe(listener: LiveListener): () => void;
  /** Open connections (0 or 1): what the tests and the page's single-stream promise rest on. */
  readonly connections: number;
}

export function createEventHub(opts: EventHubOptions): EventHub {
  const retryMs = opts.retryMs ?? 2_000;
  const maxRetryMs = opts.maxRetryMs ?? 60_000;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const listeners = new Set<LiveListener>();
  let source: EventSourceLike | undefined;
  let retry: unknown;
  let backoff = retryMs;
  let greeted = false;

  const emit = (s: LiveSignal) => {
    for (const l of [...listeners]) l(s);
  };

  const connect = () => {
    const es = opts.open('/api/events');
    source = es;
    // Every (re)connection starts with `hello`; a second one means there was a gap.
    es.addEventListener('hello', () => {
      backoff = retryMs;
      if (greeted) emit({ type: 'resync' });
      greeted = true;
    });
    for (const type of TYPES) {
      es.addEventListener(type, (msg) => {
        let data: unknown;
        try {
          data = JSON.parse(msg.data);
        } catch {
          return;
        }
        const parsed = meridianEventSchema.safeParse(data);
        if (parsed.success) emit(parsed.data);
      });
    }
    // A network error: the browser reconnects by itself (the server's `retry:`). An HTTP error
    // (401, 5xx) closes the stream for good: reopen it with a growing delay while anyone listens.
    es.onerror = () => {
      if (es.readyState !== CLOSED || source !== es) return;
      es.close();
      source = undefined;
      retry = setTimer(() => {
        retry = undefined;
        if (listeners.size > 0 && !source) connect();
      }, backoff);
      backoff = Math.min(maxRetryMs, backoff * 2);
    };
  };

  const disconnect = () => {
    if (retry !== undefined) clearTimer(retry);
    retry = undefined;
    source?.close();
    source = undefined;
    greeted = false;
    backoff = retryMs;
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!source && retry === undefined) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) disconnect();
      };
    },
    get connections() {
      return source ? 1 : 0;
    },
  };
}
