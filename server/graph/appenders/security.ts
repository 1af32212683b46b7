import 'server-only';
import type { GraphEdge } from '@/lib/graph/types';
import { forEachEdgeOf } from '../edges';
import { round6 } from '../nodes';
import { known } from '../series';
import type { Appender } from '../types';

/**
 * security: per edge the share of traffic that was mutual TLS (connection_security_policy, which
 * only the destination proxy knows: source-only series say "unknown" and do not count), the
 * source/destination principals (SPIFFE ids) seen, and per node the namespace-wide mTLS mode from
 * PeerAuthentication (namespace policy, else the mesh-wide one in the root namespace).
 * HTTP share is weighted by requests/s, TCP by bytes/s.
 */
export const security: Appender = {
  name: 'security',
  append(graph, ctx) {
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'app' && node.kind !== 'workload' && node.kind !== 'service') continue;
      const mode = ctx.inventory.mtlsMode(node.cluster, node.namespace);
      if (mode) node.badges.mtls = mode;
    }
    const t = ctx.telemetry;
    if (!t) return;
    const share = new Map<GraphEdge, { mtls: number; known: number }>();
    const count = (edge: GraphEdge, policy: string | undefined, v: number) => {
      if (policy !== 'mutual_tls' && policy !== 'none') return;
      let a = share.get(edge);
      if (!a) share.set(edge, (a = { mtls: 0, known: 0 }));
      a.known += v;
      if (policy === 'mutual_tls') a.mtls += v;
    };
    forEachEdgeOf(graph, ctx, t.samples.requests, ctx.reporters?.requests, (e, s) => count(e, s.metric.connection_security_policy, s.value));
    forEachEdgeOf(graph, ctx, t.samples.tcp, ctx.reporters?.tcp, (e, s) => count(e, s.metric.connection_security_policy, s.value), 'tcp');
    for (const [edge, a] of share) if (a.known > 0) edge.mtlsShare = Math.min(1, round6(a.mtls / a.known));

    const principals = new Map<GraphEdge, { source: Set<string>; destination: Set<string> }>();
    forEachEdgeOf(graph, ctx, t.samples.principals, ctx.reporters?.requests, (edge, s) => {
      if (!(s.value > 0)) return;
      let p = principals.get(edge);
      if (!p) principals.set(edge, (p = { source: new Set(), destination: new Set() }));
      if (known(s.metric.source_principal)) p.source.add(s.metric.source_principal);
      if (known(s.metric.destination_principal)) p.destination.add(s.metric.destination_principal);
    });
    for (const [edge, p] of principals) {
      if (p.source.size + p.destination.size > 0) edge.principals = { source: [...p.source].sort(), destination: [...p.destination].sort() };
    }
  },
};
