import { nodeId, type Graph, type GraphEdge, type GraphNode } from '@/lib/graph/types';
import { DEFAULT_THRESHOLDS, healthOf } from '@/lib/health';

/**
 * A synthetic graph for benchmarks and tests: `size` app nodes over 3 clusters and 4 namespaces
 * each, ~2 edges per node (mostly within a namespace, some across namespaces and clusters).
 * Deterministic for a given size (seeded generator). Health as the server would judge it.
 */
export function syntheticGraph(size: number, seed = 42): Graph {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const clusters = ['us-east', 'eu-west', 'ap-south'];
  const namespaces = ['shop', 'payments', 'search', 'identity'];
  const traffic = (rps: number, err: number) => ({ rps, errorRate: err, clientErrorRate: 0 });
  const nodes: GraphNode[] = [];
  for (let i = 0; i < size; i++) {
    const cluster = clusters[i % 3] as string;
    const ns = namespaces[Math.floor(i / 3) % 4] as string;
    const name = `svc-${i}`;
    const err = rnd() < 0.05 ? 0.02 + rnd() * 0.2 : 0;
    // Draw order matters (seeded): badges, inbound, outbound.
    const badges = rnd() < 0.1 ? { virtualService: true } : {};
    const inbound = traffic(rnd() * 50, err);
    nodes.push({
      id: nodeId.app(cluster, ns, name, 'v1'),
      kind: 'app',
      cluster,
      namespace: ns,
      name,
      app: name,
      version: 'v1',
      parent: nodeId.namespaceBox(cluster, ns),
      health: healthOf(inbound),
      badges,
      inbound,
      outbound: traffic(rnd() * 50, 0),
    });
  }
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < 2; k++) {
      const r = rnd();
      // Same cluster and namespace ~75%, same cluster ~15%, another cluster ~10%.
      const stride = r < 0.75 ? 12 * (1 + Math.floor(rnd() * 4)) : r < 0.9 ? 3 * (1 + Math.floor(rnd() * 3)) : 1 + Math.floor(rnd() * 2);
      const j = (i + stride) % size;
      const src = nodes[i] as GraphNode;
      const dst = nodes[j] as GraphNode;
      const id = nodeId.edge(src.id, dst.id, 'http');
      if (i === j || seen.has(id)) continue;
      seen.add(id);
      const rps = rnd() * 40;
      edges.push({
        id,
        source: src.id,
        target: dst.id,
        protocol: 'http',
        rps,
        errorRate: dst.inbound.errorRate,
        responseCodes: { '200': rps },
        latencyMs: { p50: 5 + rnd() * 20, p95: 20 + rnd() * 80, p99: 50 + rnd() * 150 },
        mtlsShare: 1,
        mtls: true,
        crossCluster: src.cluster !== dst.cluster,
        health: dst.health,
      });
    }
  }
  const boxes = clusters.flatMap((c) => [
    { id: nodeId.clusterBox(c), kind: 'cluster' as const, cluster: c },
    ...namespaces.map((ns) => ({ id: nodeId.namespaceBox(c, ns), kind: 'namespace' as const, cluster: c, namespace: ns, parent: nodeId.clusterBox(c) })),
  ]);
  return {
    graphType: 'versionedApp',
    nodes,
    edges,
    boxes,
    clusters: clusters.map((cluster) => ({ cluster, reachable: true, telemetry: true })),
    warnings: [],
    timestamp: 1_760_000_000,
    duration: 600,
    thresholds: DEFAULT_THRESHOLDS,
  };
}
