import 'server-only';
import type { Appender } from '../types';

export const PROMETHEUS_DOWN_WARNING = 'Prometheus unavailable: graph shows inventory only';
export const unreachableWarning = (cluster: string) => `cluster ${cluster} unreachable: its nodes may be stale`;

/**
 * clusterStatus: graph.clusters (one per selected cluster of the inventory: cache usable, telemetry
 * answered) and the warnings that explain a partial graph: Prometheus down, a cluster whose cache
 * is not synced, a failed secondary query, a telemetry error not tied to a known cluster.
 */
export const clusterStatus: Appender = {
  name: 'clusterStatus',
  append(graph, ctx) {
    const selected = new Set(ctx.options.clusters);
    const errors = ctx.telemetryErrors;
    if (!ctx.telemetry) {
      graph.warnings.push(PROMETHEUS_DOWN_WARNING);
      if (ctx.queryErrors.requests) graph.warnings.push(`Prometheus query failed: ${ctx.queryErrors.requests}`);
    } else {
      for (const [q, err] of Object.entries(ctx.queryErrors)) graph.warnings.push(`telemetry query ${q} failed: ${err}`);
    }
    for (const [cluster, snap] of ctx.inventory.clusters) {
      if (selected.size > 0 && !selected.has(cluster)) continue;
      const reachable = snap.state === 'synced';
      const telemetryError = errors[cluster];
      const error = [snap.error, telemetryError && `telemetry: ${telemetryError}`].filter(Boolean).join('; ');
      graph.clusters.push({ cluster, reachable, telemetry: ctx.telemetry !== undefined && telemetryError === undefined, ...(error ? { error } : {}) });
      if (!reachable) graph.warnings.push(unreachableWarning(cluster));
    }
    for (const [source, err] of Object.entries(errors)) {
      if (!ctx.inventory.clusters.has(source)) graph.warnings.push(`Prometheus ${source}: ${err}`);
    }
  },
};
