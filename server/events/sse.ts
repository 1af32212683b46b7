import 'server-only';
import type { MeridianEvent } from '@/lib/events';
import { clusterCacheStates } from '@/server/kube/informers';
import { sseClients } from '@/server/observability/metrics';
import { subscribe } from './bus';

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

// The open streams of this process (on globalThis: Next loads this module once per route bundle), so
// that shutdown can end them: a browser reconnects after the `retry` delay, to another replica.
interface Streams {
  open: Set<() => void>;
  closed: boolean;
}
const KEY = Symbol.for('meridian.events.streams');
type WithStreams = typeof globalThis & { [KEY]?: Streams };
function streams(): Streams {
  const g = globalThis as WithStreams;
  g[KEY] ??= { open: new Set(), closed: false };
  return g[KEY];
}

/**
 * Shutdown: ends every open stream, and from now on a new stream ends right after its `retry` line
 * (the browser then tries again, to another replica). Returns how many streams were open.
 */
export function closeEventStreams(): number {
  const s = streams();
  s.closed = true;
  const open = [...s.open];
  for (const close of open) close();
  return open.length;
}

function frame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * A Server-Sent Events stream of the bus: first a `hello` with every cluster's cache state, then
 * each event as it happens (event name = its type), a comment heartbeat every 15 s so proxies keep
 * the connection; closes and unsubscribes when the client goes (`signal` aborts) or the server shuts
 * down (closeEventStreams).
 */
export function eventStream(signal: AbortSignal, filter: (e: MeridianEvent) => boolean = () => true): Response {
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const registry = streams();
      if (registry.closed) {
        controller.enqueue(encoder.encode('retry: 1000\n\n'));
        controller.close();
        return;
      }
      const gauge = sseClients();
      gauge.inc();
      const send = (chunk: Uint8Array) => {
        try {
          controller.enqueue(chunk);
        } catch {
          cleanup();
        }
      };
      const states = clusterCacheStates().map((s) => ({ cluster: s.cluster, state: s.state, error: s.error }));
      send(encoder.encode('retry: 3000\n\n'));
      send(frame('hello', { clusters: states }));
      const unsubscribe = subscribe((e) => filter(e) && send(frame(e.type, e)));
      const heartbeat = setInterval(() => send(encoder.encode(`: heartbeat ${Date.now()}\n\n`)), HEARTBEAT_MS);
      let done = false;
      cleanup = () => {
        if (done) return;
        done = true;
        registry.open.delete(cleanup);
        clearInterval(heartbeat);
        unsubscribe();
        gauge.dec();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      registry.open.add(cleanup);
      signal.addEventListener('abort', () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
