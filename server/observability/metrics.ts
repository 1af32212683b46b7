import 'server-only';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { requestsInFlight } from './in-flight';

/**
 * The console's own metrics (GET /metrics). One registry per process, kept on globalThis so that
 * Next's module duplication across route bundles does not register metrics twice.
 */
interface ConsoleMetrics {
  registry: Registry;
  httpDuration: Histogram<'route' | 'method' | 'status'>;
  sseClients: Gauge;
  graphBuild: Histogram<'graphType'>;
}

const KEY = Symbol.for('meridian.metrics');
type WithMetrics = typeof globalThis & { [KEY]?: ConsoleMetrics };

function create(): ConsoleMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meridian_' });
  const httpDuration = new Histogram({
    name: 'meridian_http_request_duration_seconds',
    help: 'Duration of HTTP API requests handled by the console, by route and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'meridian_http_requests_in_flight',
    help: 'API requests being handled (a shutdown waits for them)',
    registers: [registry],
    collect() {
      this.set(requestsInFlight());
    },
  });
  const sseClients = new Gauge({ name: 'meridian_sse_clients', help: 'Browsers connected to /api/events', registers: [registry] });
  const graphBuild = new Histogram({
    name: 'meridian_graph_build_seconds',
    help: 'Time to build a graph from inventory and telemetry (appender pipeline, without Prometheus queries)',
    labelNames: ['graphType'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  return { registry, httpDuration, sseClients, graphBuild };
}

export function consoleMetrics(): ConsoleMetrics {
  const g = globalThis as WithMetrics;
  g[KEY] ??= create();
  return g[KEY];
}

export const sseClients = () => consoleMetrics().sseClients;
