import type { Graph, GraphEdge, GraphNode } from '@/lib/graph/types';

/** Requests/s by response code over a set of edges, largest first. */
export function sumCodes(edges: GraphEdge[]): [string, number][] {
  const out = new Map<string, number>();
  for (const e of edges) for (const [code, v] of Object.entries(e.responseCodes)) out.set(code, (out.get(code) ?? 0) + v);
  return [...out.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
}

export function edgesOf(graph: Graph, id: string): { inbound: GraphEdge[]; outbound: GraphEdge[] } {
  return { inbound: graph.edges.filter((e) => e.target === id), outbound: graph.edges.filter((e) => e.source === id) };
}

/**
 * The same app (or service/workload name) in every cluster of the graph, grouped by cluster: where
 * its versions or replicas run, with their health (what the graph carries about pods per cluster).
 */
export function acrossClusters(graph: Graph, node: GraphNode): { cluster: string; nodes: GraphNode[] }[] {
  const key = (n: GraphNode) => `${n.kind}/${n.namespace}/${n.app ?? n.name}`;
  const k = key(node);
  const byCluster = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) if (key(n) === k) byCluster.set(n.cluster, [...(byCluster.get(n.cluster) ?? []), n]);
  return [...byCluster.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([cluster, nodes]) => ({ cluster, nodes }));
}

/** Links to the Istio config of a node: existing config of its namespace, and creating routing for a service. */
export function configLinks(node: GraphNode): { label: string; href: string }[] {
  if (node.kind === 'external' || node.kind === 'unknown') return [];
  const q = new URLSearchParams({ namespaces: node.namespace, clusters: node.cluster });
  const links = [];
  const b = node.badges;
  if (b.virtualService || b.destinationRule || b.faultInjection || b.circuitBreaker || b.configErrors) links.push({ label: 'Istio config of this namespace', href: `/istio?${q.toString()}` });
  if (node.kind === 'service' && !b.virtualService) {
    const n = new URLSearchParams({ kind: 'VirtualService', cluster: node.cluster, namespace: node.namespace, service: node.name });
    links.push({ label: 'Create routing', href: `/istio/new?${n.toString()}` });
  }
  return links;
}
