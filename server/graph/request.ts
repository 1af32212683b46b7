import 'server-only';
import { createHash } from 'node:crypto';
import type { Graph } from '@/lib/graph/types';
import type { GraphQuery } from '@/lib/graph/query';
import { singleFlight } from '@/lib/single-flight';
import { getCluster, getConfig } from '@/server/config';
import { clusterNames } from '@/server/kube/clients';
import { inventorySnapshot } from '@/server/kube/informers';
import { consoleMetrics } from '@/server/observability/metrics';
import { queryInstant } from '@/server/prometheus/client';
import { clustersWithoutPrometheus, prometheusTargets } from '@/server/prometheus/targets';
import { clusterTelemetry } from '@/server/telemetry';
import { liveErrorCount } from '@/server/validation/live';
import { buildGraph } from './build';
import { fetchTelemetry, mergeTelemetry } from './queries';
import type { Telemetry } from './types';

// The request path of GET /api/graph: one batched set of instant queries per Prometheus, the
// appender pipeline over the cached inventory. Identical concurrent requests share one computation
// (single-flight) and results live a few seconds (TTL), so many open consoles cost one build.

const TTL_MS = 5000;

export interface GraphResult {
  graph: Graph;
  etag: string;
  /** Seconds spent in Prometheus queries and in the pipeline (for the bench and Server-Timing). */
  timings: { prometheusMs: number; buildMs: number };
}

const results = singleFlight<GraphResult>('meridian.graphCache', TTL_MS);

async function telemetryFor(clusters: string[], q: GraphQuery, queryTime: number): Promise<{ telemetry: Telemetry | undefined; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  for (const c of clustersWithoutPrometheus(clusters)) errors[c] = 'no Prometheus configured for this cluster';
  const parts = await Promise.all(
    prometheusTargets(clusters).map(async (group) => {
      const t = await fetchTelemetry((_name, promql) => queryInstant(group.target, promql, { time: new Date(queryTime * 1000) }), {
        duration: q.duration,
        namespaces: q.namespaces,
        clusters: group.global ? group.clusters : [],
        clusterLabel: group.target.clusterLabel,
      });
      const failed = Object.values(t.errors)[0];
      if (failed) for (const c of group.clusters) errors[c] = `Prometheus ${group.target.url}: ${failed}`;
      return t;
    }),
  );
  return { telemetry: mergeTelemetry(parts), errors };
}

async function compute(q: GraphQuery, queryTime: number): Promise<GraphResult> {
  const clusters = q.clusters.length ? q.clusters : clusterNames();
  const t0 = performance.now();
  // The clusters' telemetry state is shared with /api/clusters, /api/mesh and the alerts (its own cache).
  const [{ telemetry, errors }, telemetryStates] = await Promise.all([telemetryFor(clusters, q, queryTime), telemetryStates_(q.queryTime)]);
  const t1 = performance.now();
  const endBuild = consoleMetrics().graphBuild.startTimer({ graphType: q.graphType });
  const graph = buildGraph({
    inventory: inventorySnapshot(),
    telemetry,
    telemetryErrors: errors,
    options: { graphType: q.graphType, clusters: q.clusters, namespaces: q.namespaces, duration: q.duration, queryTime, idle: q.idle, thresholds: thresholdsFromConfig() },
    configErrors: liveErrorCount,
    telemetryStates,
  });
  endBuild();
  const t2 = performance.now();
  const etag = `W/"${createHash('sha1').update(JSON.stringify({ ...graph, timestamp: 0 })).digest('base64url').slice(0, 22)}"`;
  return { graph, etag, timings: { prometheusMs: t1 - t0, buildMs: t2 - t1 } };
}

/** The telemetry states, or none when they cannot be computed (the graph does not depend on them). */
function telemetryStates_(at: number | undefined) {
  return clusterTelemetry({ at }).catch((err: unknown) => {
    console.error('[meridian] telemetry state failed:', err);
    return undefined;
  });
}

function thresholdsFromConfig() {
  const h = getConfig().health;
  if (!h) return undefined;
  return { serverError: { degraded: h.degraded5xx, failing: h.failing5xx }, clientError: { degraded: h.degraded4xx, failing: h.failing4xx } };
}

/** The graph for a validated query (unknown clusters are a 404 naming the cluster). */
export async function graphFor(q: GraphQuery): Promise<GraphResult> {
  q.clusters.forEach(getCluster);
  // "now" graphs share a key within the TTL; replays are keyed by their time.
  const queryTime = q.queryTime ?? Math.floor(Date.now() / 1000);
  const key = JSON.stringify({ ...q, queryTime: q.queryTime ?? 'now' });
  return results.get(key, () => compute(q, queryTime));
}
