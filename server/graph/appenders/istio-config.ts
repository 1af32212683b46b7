import 'server-only';
import { nodeId, type Badges, type GraphNode } from '@/lib/graph/types';
import type { K8sObject } from '@/lib/inventory/types';
import { isWildcard, serviceOfHost } from '@/lib/mesh-rules/hosts';
import { arr, rec } from '@/lib/mesh-rules/spec';
import type { Appender, AppenderContext, WorkGraph } from '../types';

/**
 * istioConfig: badges on the service (and ServiceEntry/external) nodes that a VirtualService or
 * DestinationRule targets: virtualService, faultInjection (any http[].fault), destinationRule,
 * circuitBreaker (outlierDetection or connectionPool limits, at the top level, per port or per
 * subset). Hosts resolve as Istio does (lib/mesh-rules/hosts.ts): a short name, `<name>.<ns>` (when
 * that Service exists), `<name>.<ns>.svc` and `<name>.<ns>.svc.cluster.local` to the service in the
 * object's cluster (config shapes the traffic of its own cluster's proxies), `*.svc.clusterset.local`
 * to that service in every cluster, anything else to ext:<host>. Wildcard hosts are skipped. Works
 * per object, never per node pair.
 * The error-level validation findings of each object (ctx.configErrors) add up in badges.configErrors.
 */

const POOL_LIMITS: [string, string][] = [
  ['tcp', 'maxConnections'],
  ['http', 'http1MaxPendingRequests'],
  ['http', 'http2MaxRequests'],
  ['http', 'maxRequestsPerConnection'],
  ['http', 'maxRetries'],
  ['http', 'maxConcurrentStreams'],
];

function breaks(policy: unknown): boolean {
  const p = rec(policy);
  if (p.outlierDetection) return true;
  const pool = rec(p.connectionPool);
  if (POOL_LIMITS.some(([group, field]) => rec(pool[group])[field] !== undefined)) return true;
  return arr(p.portLevelSettings).some(breaks);
}

function hasCircuitBreaker(dr: K8sObject): boolean {
  const spec = rec(dr.spec);
  return breaks(spec.trafficPolicy) || arr(spec.subsets).some((s) => breaks(rec(s).trafficPolicy));
}

function hasFault(vs: K8sObject): boolean {
  return arr(rec(vs.spec).http).some((r) => rec(r).fault !== undefined);
}

/** Node ids a host of an object in (cluster, ns) targets. */
function targets(host: string, cluster: string, ns: string, ctx: AppenderContext, clusterSet: Map<string, string[]>): string[] {
  if (isWildcard(host)) return [];
  const svc = serviceOfHost(host, ns);
  if (svc?.scope === 'clusterset') return clusterSet.get(`${svc.namespace}/${svc.name}`) ?? [];
  if (svc && (!svc.ambiguous || ctx.inventory.hasService(svc.namespace, svc.name))) return [nodeId.service(cluster, svc.namespace, svc.name)];
  return [nodeId.external(host)];
}

function mark(graph: WorkGraph, ids: string[], badges: Partial<Badges>, errors: number) {
  for (const id of ids) {
    const node: GraphNode | undefined = graph.nodes.get(id);
    if (!node) continue;
    Object.assign(node.badges, badges);
    if (errors > 0) node.badges.configErrors = (node.badges.configErrors ?? 0) + errors;
  }
}

export const istioConfig: Appender = {
  name: 'istioConfig',
  append(graph, ctx) {
    const clusterSet = new Map<string, string[]>();
    for (const n of graph.nodes.values()) {
      if (n.kind !== 'service') continue;
      const k = `${n.namespace}/${n.name}`;
      const list = clusterSet.get(k);
      if (list) list.push(n.id);
      else clusterSet.set(k, [n.id]);
    }
    for (const [cluster, snap] of ctx.inventory.clusters) {
      const hostsOf = (o: K8sObject, field: 'hosts' | 'host') => {
        const raw = field === 'hosts' ? arr(rec(o.spec).hosts) : [rec(o.spec).host];
        const ns = o.metadata.namespace ?? 'default';
        return raw.filter((h): h is string => typeof h === 'string').flatMap((h) => targets(h, cluster, ns, ctx, clusterSet));
      };
      // Error-level validation findings of the object count on every node it targets (badges.configErrors).
      const errors = (o: K8sObject) => ctx.configErrors?.(cluster, o.kind ?? '', o.metadata.namespace, o.metadata.name) ?? 0;
      for (const vs of snap.objects.VirtualService ?? []) {
        const badges = hasFault(vs) ? { virtualService: true, faultInjection: true } : { virtualService: true };
        mark(graph, hostsOf(vs, 'hosts'), badges, errors({ ...vs, kind: 'VirtualService' }));
      }
      for (const dr of snap.objects.DestinationRule ?? []) {
        const badges = hasCircuitBreaker(dr) ? { destinationRule: true, circuitBreaker: true } : { destinationRule: true };
        mark(graph, hostsOf(dr, 'host'), badges, errors({ ...dr, kind: 'DestinationRule' }));
      }
    }
  },
};
