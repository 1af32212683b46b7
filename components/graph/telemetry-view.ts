import type { EmptyReason, Graph } from '@/lib/graph/types';
import { telemetryProblem, type ClusterTelemetry, type TelemetryVerdict } from '@/lib/telemetry';

// What the graph page says about telemetry: the banner over the graph (clusters whose telemetry is
// missing, stale, partial or whose Prometheus is unreachable, as the server judged them) and why an
// empty graph is empty. The server is the truth for telemetry (graph.empty, clusters[].telemetryState);
// the page adds the one reason only it knows: its own hide filter hides every node.

/** Where the Mesh & Clusters page shows a cluster's card. */
export const meshCardLink = (cluster: string) => `/mesh?cluster=${encodeURIComponent(cluster)}`;

/** The clusters of the banner, with their state, in the graph's order. */
export function telemetryTroubles(graph: Graph): ClusterTelemetry[] {
  return graph.clusters.flatMap((c) => (telemetryProblem(c.telemetryState) ? [c.telemetryState] : []));
}

const TITLE: Record<Exclude<TelemetryVerdict, 'ok'>, string> = {
  missing: 'No Istio telemetry from',
  unreachable: 'Prometheus unreachable for',
  stale: 'Stale Istio telemetry from',
  partial: 'Partial Istio telemetry from',
};

/** "No Istio telemetry from eu-west", or for mixed verdicts "Telemetry missing, stale or partial: eu-west, us-east". */
export function bannerTitle(troubles: readonly ClusterTelemetry[]): string {
  const names = troubles.map((t) => t.cluster).join(', ');
  const verdicts = new Set(troubles.map((t) => t.verdict));
  const only = verdicts.size === 1 ? [...verdicts][0] : undefined;
  return only && only !== 'ok' ? `${TITLE[only]} ${names}: its traffic is not fully shown` : `Telemetry missing, stale or partial: ${names}`;
}

/** The banner's colour: danger when a cluster's traffic cannot be seen at all. */
export function bannerVariant(troubles: readonly ClusterTelemetry[]): 'danger' | 'warning' {
  return troubles.some((t) => t.verdict === 'missing' || t.verdict === 'unreachable') ? 'danger' : 'warning';
}

export type EmptyViewReason = EmptyReason | 'filters';

export interface EmptyViewText {
  reason: EmptyViewReason;
  title: string;
  message: string;
}

const EMPTY_TITLE: Record<EmptyReason, string> = {
  'no-traffic': 'No traffic in the window',
  'no-telemetry': 'No telemetry',
  'prometheus-unreachable': 'Prometheus unreachable',
};

/**
 * Why nothing is drawn, or undefined when something is: the server's reason for a graph without
 * nodes, else "filters hide everything" when the hide expression left no node visible.
 */
export function emptyViewOf(graph: Graph, visibleNodes: number, hide: string): EmptyViewText | undefined {
  if (graph.nodes.length > 0) {
    if (visibleNodes > 0) return undefined;
    const n = graph.nodes.length;
    return { reason: 'filters', title: 'Filters hide everything', message: `The hide expression "${hide}" hides all ${n} node${n === 1 ? '' : 's'} of this graph.` };
  }
  const e = graph.empty ?? { reason: 'no-traffic' as const, message: 'No requests were recorded in the window for this scope.' };
  return { reason: e.reason, title: EMPTY_TITLE[e.reason], message: e.message };
}
