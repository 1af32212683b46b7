import 'server-only';
import { Histogram } from 'prom-client';
import { consoleMetrics } from '@/server/observability/metrics';

// Query time of every Prometheus query the console runs, by target (the cluster name of a
// per-cluster Prometheus, "global" for the shared one) and outcome. Created on first use and kept on
// globalThis, registered on the console registry (GET /metrics).

export type QueryOutcome = 'success' | 'error' | 'timeout' | 'aborted';

const KEY = Symbol.for('meridian.prometheus.metrics');
type WithMetrics = typeof globalThis & { [KEY]?: Histogram<'target' | 'outcome'> };

export function queryDuration(): Histogram<'target' | 'outcome'> {
  const g = globalThis as WithMetrics;
  g[KEY] ??= new Histogram({
    name: 'meridian_prometheus_query_duration_seconds',
    help: 'Duration of PromQL queries sent by the console, by Prometheus target (cluster name or "global") and outcome',
    labelNames: ['target', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [consoleMetrics().registry],
  });
  return g[KEY];
}
