import 'server-only';
import type { MeridianEvent } from '@/lib/events';
import { clusterCacheStates } from '@/server/kube/informers';
import { sseClients } from '@/server/observability/metrics';
import { subscribe } from './bus';

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

function frame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * A Server-Sent Events stream of the bus: first a `hello` with every cluster's cache state, then
 * each event as it happens (event name = its type), a comment heartbeat every 15 s so proxies keep
 * the connection; closes and unsubscribes when the client goes (`signal` aborts).
 */
export function eventStream(signal: AbortSignal, filter: (e: MeridianEvent) => boolean = () => true): Response {
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
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
        clearInterval(heartbeat);
        unsubscribe();
        gauge.dec();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
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
