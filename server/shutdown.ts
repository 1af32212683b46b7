import 'server-only';
import { stopAlertLoop } from '@/server/alerts/loop';
import { ConfigError } from '@/server/config';
import { closeEventStreams } from '@/server/events/sse';
import { requestsInFlight, waitForIdle } from '@/server/observability/in-flight';
import { stopInventory } from '@/server/kube/informers';
import { log } from '@/server/observability/log';

/**
 * Clean shutdown of the production server (scripts/production-server.mjs hands SIGTERM and SIGINT
 * here through a hook on globalThis; under `next dev` Next keeps its own handling):
 *   1. the HTTP server stops accepting connections, and every SSE stream ends (browsers reconnect
 *      after the stream's `retry` delay, to another replica);
 *   2. requests in flight finish and their responses go out, for at most
 *      MERIDIAN_SHUTDOWN_DRAIN_SECONDS (default 7 s); each connection closes once it is idle;
 *   3. the alert loop and the informers stop;
 *   4. the process exits 0 (connections cut at the drain deadline are logged as a warning).
 * A second signal during the drain ends the process at once.
 * In Kubernetes a terminating pod leaves its Service's endpoints a moment after SIGTERM; the
 * Deployment's preStop pause covers that moment, and terminationGracePeriodSeconds leaves room for
 * the pause and the drain (deploy/kubernetes/base/deployment.yaml).
 */

const HOOK = Symbol.for('meridian.shutdown');
const STATE = Symbol.for('meridian.shutdown.state');
/** The HTTP server, kept by the production entry (absent under `next start`/`next dev` and in tests). */
const HTTP_SERVER = Symbol.for('meridian.http-server');

export interface HttpServer {
  close(callback: (err?: Error) => void): void;
  closeIdleConnections(): void;
  closeAllConnections(): void;
}
type WithShutdown = typeof globalThis & { [STATE]?: Promise<boolean>; [HOOK]?: (signal: string) => void; [HTTP_SERVER]?: HttpServer };

/**
 * Stops accepting connections and resolves true once every connection has closed (each as soon as
 * its response is out), or false at the deadline, when the rest are cut. Without a known server:
 * waits for the API handlers in flight.
 */
export function drainConnections(server: HttpServer | undefined, ms: number): Promise<boolean> {
  if (!server) return waitForIdle(ms);
  return new Promise((resolve) => {
    // A keep-alive connection whose response finished stays open until its client or the
    // keep-alive timeout closes it: close idle ones as they become idle.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      clearInterval(idle);
      server.closeAllConnections();
      resolve(false);
    }, ms);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve(true);
    });
    server.closeIdleConnections();
  });
}

/** MERIDIAN_SHUTDOWN_DRAIN_SECONDS (default 7); a value that is not 0–300 seconds is a ConfigError. */
export function drainSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.MERIDIAN_SHUTDOWN_DRAIN_SECONDS;
  if (raw === undefined || raw === '') return 7;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 300) throw new ConfigError(`MERIDIAN_SHUTDOWN_DRAIN_SECONDS must be a number of seconds from 0 to 300, not "${raw}"`);
  return n;
}

/** Runs steps 1–3 once (later calls get the same promise); resolves true when every request finished. */
export function stopServer(drainMs = drainSeconds() * 1000): Promise<boolean> {
  const g = globalThis as WithShutdown;
  g[STATE] ??= (async () => {
    const server = g[HTTP_SERVER];
    const draining = drainConnections(server, drainMs);
    const streams = closeEventStreams();
    log.info('shutting down', { streamsClosed: streams, requestsInFlight: requestsInFlight(), drainSeconds: drainMs / 1000 });
    const drained = await draining;
    if (!drained) log.warn('connections still open at the drain deadline were closed', { requestsInFlight: requestsInFlight() });
    stopAlertLoop();
    stopInventory();
    return drained;
  })();
  return g[STATE];
}

/** Registers the shutdown with the production entry (called once at server start; checks the drain setting). */
export function installShutdown(): void {
  const drainMs = drainSeconds() * 1000;
  const g = globalThis as WithShutdown;
  g[HOOK] = (signal: string) => {
    if (g[STATE]) {
      log.warn('second signal: exiting without waiting', { signal });
      process.exit(0);
    }
    const started = Date.now();
    log.info('signal received', { signal });
    void stopServer(drainMs).then((drained) => {
      log.info('stopped', { signal, durationMs: Date.now() - started, drained });
      process.exit(0);
    });
  };
}
