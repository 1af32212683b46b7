import 'server-only';
import type { Flow, FlowEdge } from './flow';
import { mixtureQuantile, type LatencySpec } from './latency';

// The expected state of the traffic (closed form, from the plan): per edge, the caller's request
// rate, its response codes and flags, its median latency and who reports it. For tests and the
// demo's control port.

export interface SnapshotEdge extends FlowEdge {
  /** Requests (or TCP connections) per second issued by the caller. */
  rps: number;
  /** Requests per second per response code, as the caller experiences them ("0": no response). */
  codes: Record<string, number>;
  /** Requests per second per response_flags value ("-": none). */
  flags: Record<string, number>;
  /** Requests per second the destination's proxy sees (retries included). */
  destinationRps: number;
  /** Median latency (ms) the caller experiences. */
  p50Ms: number;
  reporters: ('source' | 'destination')[];
}

export interface SimSnapshot {
  /** Epoch ms of the plan the snapshot describes. */
  plannedAt: number;
  edges: SnapshotEdge[];
}

const edgeKey = (e: FlowEdge) =>
  [e.sourceCluster, e.sourceNamespace, e.sourceWorkload, e.destinationCluster, e.destinationNamespace, e.destinationWorkload, e.destinationService, e.protocol].join('|');

export function snapshotOf(flows: readonly Flow[], plannedAt: number): SimSnapshot {
  const edges = new Map<string, { edge: SnapshotEdge; latency: { weight: number; spec: LatencySpec }[] }>();
  for (const flow of flows) {
    const key = edgeKey(flow.edge);
    let entry = edges.get(key);
    if (!entry) {
      entry = { edge: { ...flow.edge, rps: 0, codes: {}, flags: {}, destinationRps: 0, p50Ms: 0, reporters: [] }, latency: [] };
      edges.set(key, entry);
    }
    const e = entry.edge;
    e.rps += flow.rate;
    e.mtls ||= flow.edge.mtls;
    if (flow.destination) e.destinationRps += flow.rate * flow.destination.perRequest;
    if (flow.source && !e.reporters.includes('source')) e.reporters.unshift('source');
    if (flow.destination && !e.reporters.includes('destination')) e.reporters.push('destination');
    for (const o of flow.view) {
      const rps = flow.rate * o.share;
      const code = flow.edge.protocol === 'tcp' ? 'tcp' : String(o.code);
      e.codes[code] = (e.codes[code] ?? 0) + rps;
      e.flags[o.flags] = (e.flags[o.flags] ?? 0) + rps;
      entry.latency.push({ weight: rps, spec: o.latency });
    }
  }
  return {
    plannedAt,
    edges: [...edges.values()].map(({ edge, latency }) => ({
      ...edge,
      p50Ms: edge.protocol === 'tcp' ? 0 : Math.round(mixtureQuantile(latency, 0.5) * 100) / 100,
    })),
  };
}
