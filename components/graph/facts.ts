import type { Facts } from '@/lib/graph/find';
import type { Graph, GraphEdge, GraphNode } from '@/lib/graph/types';

/** Per-node aggregates over its edges, computed once per graph. */
export interface NodeAggregates {
  crossCluster: boolean;
  /** Worst p95 of its inbound edges (ms). */
  rt?: number;
  /** Inbound edges with mTLS data, and how many of those the server calls mutual TLS. */
  inboundEdges: number;
  inboundMtls: number;
}

export function aggregate(graph: Graph): Map<string, NodeAggregates> {
  const out = new Map<string, NodeAggregates>();
  const get = (id: string) => {
    let a = out.get(id);
    if (!a) out.set(id, (a = { crossCluster: false, inboundEdges: 0, inboundMtls: 0 }));
    return a;
  };
  for (const e of graph.edges) {
    const s = get(e.source);
    const t = get(e.target);
    if (e.crossCluster) s.crossCluster = t.crossCluster = true;
    const p95 = e.latencyMs.p95;
    if (p95 !== undefined && (t.rt === undefined || p95 > t.rt)) t.rt = p95;
    if (e.mtls !== undefined) {
      t.inboundEdges++;
      if (e.mtls) t.inboundMtls++;
    }
  }
  return out;
}

const NAME_FIELD: Record<GraphNode['kind'], 'svc' | 'wl' | 'app' | undefined> = {
  service: 'svc',
  serviceEntry: 'svc',
  external: 'svc',
  workload: 'wl',
  app: 'app',
  unknown: undefined,
};

/** What a node offers to find/hide expressions. */
export function nodeFacts(n: GraphNode, agg: NodeAggregates | undefined): Facts {
  const traffic = n.inbound.rps > 0 ? n.inbound : n.outbound;
  const field = NAME_FIELD[n.kind];
  const text: Facts['text'] = { name: n.name, cluster: n.cluster, ns: n.namespace };
  if (field) text[field] = n.name;
  if (n.app) text.app = n.app;
  if (n.version) text.version = n.version;
  const idle = Boolean(n.idle) || n.health === 'idle';
  return {
    text,
    numbers: { rps: traffic.rps, '%error': traffic.errorRate * 100, ...(agg?.rt !== undefined ? { rt: agg.rt } : {}) },
    flags: {
      mtls: n.badges.mtls === 'strict' || (agg !== undefined && agg.inboundEdges > 0 && agg.inboundMtls === agg.inboundEdges),
      crosscluster: agg?.crossCluster ?? false,
      exported: Boolean(n.badges.exported),
      imported: Boolean(n.badges.imported),
      nosidecar: Boolean(n.badges.missingSidecar),
      idle,
      healthy: n.health === 'healthy',
      degraded: n.health === 'degraded',
      failing: n.health === 'failing',
    },
  };
}

/** What an edge offers: traffic numbers and edge flags; node-only fields do not apply. */
export function edgeFacts(e: GraphEdge): Facts {
  return {
    text: {},
    numbers: { rps: e.rps, '%error': e.errorRate * 100, ...(e.latencyMs.p95 !== undefined ? { rt: e.latencyMs.p95 } : {}) },
    flags: {
      mtls: Boolean(e.mtls),
      crosscluster: e.crossCluster,
      idle: !(e.rps > 0) && !((e.bytesPerSecond ?? 0) > 0),
      healthy: e.health === 'healthy',
      degraded: e.health === 'degraded',
      failing: e.health === 'failing',
    },
  };
}
