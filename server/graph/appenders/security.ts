import 'server-only';
import { isFullMtls } from '@/lib/health';
import { edgeIndex, forEachEdgeOf } from '../edges';
import { round6 } from '../nodes';
import { known } from '../series';
import type { Appender, PromSample } from '../types';

/**
 * security: per edge the share of traffic that was mutual TLS (connection_security_policy, which
 * only the destination proxy knows: source-only series say "unknown" and do not count), the
 * source/destination principals (SPIFFE ids) seen, and per node the namespace-wide mTLS mode from
 * PeerAuthentication (namespace policy, else the mesh-wide one in the root namespace). The edge's
 * `mtls` is the verdict on its share (lib/health.ts), so the UI does not judge the share itself.
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
    const edges = edgeIndex(graph).list;
    const mtls = new Float64Array(edges.length);
    const knownPolicy = new Float64Array(edges.length);
    const count = (e: number, s: PromSample) => {
      const policy = s.metric.connection_security_policy;
      if (policy !== 'mutual_tls' && policy !== 'none') return;
      knownPolicy[e]! += s.value;
      if (policy === 'mutual_tls') mtls[e]! += s.value;
    };
    forEachEdgeOf(graph, ctx, t.samples.requests, ctx.reporters?.requests, count);
    forEachEdgeOf(graph, ctx, t.samples.tcp, ctx.reporters?.tcp, count, 'tcp');

    const principals = new Map<number, { source: Set<string>; destination: Set<string> }>();
    forEachEdgeOf(graph, ctx, t.samples.principals, ctx.reporters?.requests, (e, s) => {
      if (!(s.value > 0)) return;
      let p = principals.get(e);
      if (!p) principals.set(e, (p = { source: new Set(), destination: new Set() }));
      if (known(s.metric.source_principal)) p.source.add(s.metric.source_principal);
      if (known(s.metric.destination_principal)) p.destination.add(s.metric.destination_principal);
    });
    edges.forEach((edge, i) => {
      if (knownPolicy[i]! > 0) {
        edge.mtlsShare = Math.min(1, round6(mtls[i]! / knownPolicy[i]!));
        edge.mtls = isFullMtls(edge.mtlsShare);
      }
      const p = principals.get(i);
      if (p && p.source.size + p.destination.size > 0) edge.principals = { source: [...p.source].sort(), destination: [...p.destination].sort() };
    });
  },
};
