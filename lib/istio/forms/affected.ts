// What a routing change touches: the services its hosts resolve to, and the graph edges into and
// out of those services (the traffic the change can move), with the clusters they are in.
import { nodeId, type Graph, type GraphEdge, type GraphNode } from '../../graph/types';
import { hostMatches, isWildcard, serviceFqdn, serviceOfHost, type ServiceRef } from '../../mesh-rules/hosts';
import { routeDestinations } from '../../mesh-rules/routes';
import { at, str, strs } from '../../mesh-rules/spec';

/** A host as written, with the Service it names (lib/mesh-rules/hosts.ts), if any. */
interface HostTarget {
  host: string;
  service?: ServiceRef;
}

/** The hosts a VirtualService or DestinationRule applies to and routes to (lib/mesh-rules/routes.ts; mirrors aside). */
export function hostsOf(obj: unknown): string[] {
  const spec = at(obj, 'spec');
  const hosts = new Set<string>();
  const host = str(at(spec, 'host'));
  if (host !== undefined) hosts.add(host);
  for (const h of strs(at(spec, 'hosts'))) hosts.add(h);
  for (const d of routeDestinations(spec)) if (d.host && !d.mirror) hosts.add(d.host);
  return [...hosts];
}

/** A service node by its name; a wildcard host by the FQDNs it covers; an external node by its host. */
function matches(node: GraphNode, targets: HostTarget[]): boolean {
  return targets.some(({ host, service }) => {
    if (node.kind === 'service') {
      if (service) return node.namespace === service.namespace && node.name === service.name;
      return isWildcard(host) && hostMatches(host, serviceFqdn(node.name, node.namespace));
    }
    if (node.kind !== 'serviceEntry' && node.kind !== 'external') return false;
    return !service && (node.name === host || node.id === nodeId.external(host) || (isWildcard(host) && hostMatches(host, node.name)));
  });
}

export interface Affected {
  services: GraphNode[];
  edges: GraphEdge[];
  clusters: string[];
}

/** The service nodes the object's hosts resolve to (in every cluster) and their edges. */
export function affectedByObject(graph: Graph, obj: unknown): Affected {
  const namespace = str(at(obj, 'metadata', 'namespace')) || 'default';
  const targets = hostsOf(obj).map((host) => ({ host, service: serviceOfHost(host, namespace) }));
  const services = graph.nodes.filter((n) => matches(n, targets));
  const ids = new Set(services.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.target) || ids.has(e.source));
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const clusters = new Set<string>();
  for (const e of edges) {
    for (const id of [e.source, e.target]) {
      const c = byId.get(id)?.cluster;
      if (c && c !== 'unknown') clusters.add(c);
    }
  }
  for (const s of services) if (s.cluster) clusters.add(s.cluster);
  return { services, edges, clusters: [...clusters].sort() };
}

/** Versions of a service's pods, from versionedApp nodes the service sends to (for subsets). */
export function versionsOfService(graph: Graph, namespace: string, service: string): string[] {
  const svcIds = new Set(graph.nodes.filter((n) => n.kind === 'service' && n.namespace === namespace && n.name === service).map((n) => n.id));
  const versions = new Set<string>();
  for (const n of graph.nodes) {
    if (n.kind === 'app' && n.namespace === namespace && n.app === service && n.version) versions.add(n.version);
  }
  for (const e of graph.edges) {
    if (!svcIds.has(e.source)) continue;
    const t = graph.nodes.find((n) => n.id === e.target);
    if (t?.version) versions.add(t.version);
  }
  return [...versions].sort();
}
