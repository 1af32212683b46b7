import 'server-only';
import type { Graph } from '@/lib/graph/types';
import type { AppenderContext, Appender, WorkGraph } from '../types';

/** "10 min", "1 h", "90 s": the graph's window in words. */
function windowText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

const names = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * Why a graph without nodes is empty, from what the server knows: Prometheus down (the idle
 * appender then shows the inventory, so an empty graph means the scope has nothing either), no
 * current Istio series in any selected cluster, or telemetry present and simply no traffic in the
 * window. Clusters without telemetry are named even when others have some.
 */
export function explainEmpty(graph: WorkGraph, ctx: AppenderContext): NonNullable<Graph['empty']> {
  const window = windowText(ctx.options.duration);
  if (!ctx.telemetry) {
    const why = ctx.queryErrors.requests ?? Object.values(ctx.telemetryErrors)[0];
    return { reason: 'prometheus-unreachable', message: `Prometheus did not answer${why ? ` (${why})` : ''}, and the inventory has nothing in this scope.` };
  }
  const states = graph.clusters.flatMap((c) => (c.telemetryState ? [c.telemetryState] : [])).sort((a, b) => (a.cluster < b.cluster ? -1 : 1));
  const seeing = states.filter((s) => s.verdict === 'ok' || s.verdict === 'partial');
  const blind = states.filter((s) => s.verdict !== 'ok' && s.verdict !== 'partial');
  const noTraffic = `No requests were recorded in the last ${window} in this scope.`;
  if (states.length === 0) return { reason: 'no-traffic', message: noTraffic };
  if (seeing.length > 0) {
    const also = blind.length ? ` Telemetry is missing from ${names(blind.map((s) => `${s.cluster} (${s.summary})`))}, so its traffic cannot be shown.` : '';
    return { reason: 'no-traffic', message: `${noTraffic}${also}` };
  }
  const detail = blind.map((s) => `${s.cluster}: ${s.reason}`).join(' ');
  if (blind.every((s) => s.verdict === 'unreachable')) {
    return { reason: 'prometheus-unreachable', message: `The Prometheus of ${names(blind.map((s) => s.cluster))} did not answer. ${detail}` };
  }
  return { reason: 'no-telemetry', message: `Prometheus has no current Istio telemetry from ${names(blind.map((s) => s.cluster))}: traffic may be flowing, but it cannot be seen. ${detail}` };
}

/**
 * telemetryState: each cluster's telemetry state (server/telemetry, shared with /api/clusters, the
 * mesh page and the alert check) onto graph.clusters, and `empty` when the graph has no node.
 * Runs after clusterStatus, which lists the clusters.
 */
export const telemetryState: Appender = {
  name: 'telemetryState',
  append(graph, ctx) {
    const states = ctx.telemetryStates;
    if (states) {
      for (const c of graph.clusters) {
        const s = states.get(c.cluster);
        if (s) c.telemetryState = s;
      }
    }
    if (graph.nodes.size === 0) graph.empty = explainEmpty(graph, ctx);
  },
};
