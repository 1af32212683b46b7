import 'server-only';
import type { GraphQuery } from '@/lib/graph/query';
import type { K8sObject } from '@/lib/inventory/types';
import { derivedServices, mcsImports } from '@/lib/mesh-rules/mcs';
import { readyEndpoints, SERVICE_NAME_LABEL, servicePorts } from '@/lib/mesh-rules/service';
import type { ServicesResponse } from '@/lib/services';
import { graphFor } from '@/server/graph/request';
import { inventorySnapshot } from '@/server/kube/informers';

const key = (cluster: string, ns: string, name: string) => `${cluster}/${ns}/${name}`;

/**
 * Services of the selected clusters and namespaces with their health, traffic and badges: the
 * service graph (idle nodes included, so quiet services are listed) joined with the inventory's
 * ports and endpoints. One pipeline serves the graph and this list.
 */
export async function listServices(q: Pick<GraphQuery, 'clusters' | 'namespaces' | 'duration'>): Promise<ServicesResponse> {
  const { graph } = await graphFor({ ...q, graphType: 'service', idle: true });
  const snapshot = inventorySnapshot();
  const services = new Map<string, K8sObject>();
  const imports = new Map<string, K8sObject>();
  const endpoints = new Map<string, number>();
  // GKE's derived Services (gke-mcs-*) are no rows of their own: a detail of their import's row.
  const derived = derivedServices(snapshot.clusters);
  for (const c of snapshot.clusters) {
    for (const s of c.objects.Service) services.set(key(c.cluster, s.metadata.namespace ?? '', s.metadata.name), s);
    for (const i of mcsImports(c.objects)) imports.set(key(c.cluster, i.metadata.namespace ?? '', i.metadata.name), i);
    for (const e of c.objects.EndpointSlice) {
      const svc = e.metadata.labels?.[SERVICE_NAME_LABEL];
      if (!svc) continue;
      const k = key(c.cluster, e.metadata.namespace ?? '', svc);
      endpoints.set(k, (endpoints.get(k) ?? 0) + readyEndpoints(e));
    }
  }
  const items = graph.nodes
    .filter((n) => n.kind === 'service')
    .map((n) => {
      const k = key(n.cluster, n.namespace, n.name);
      const own = services.get(k);
      const d = derived.of(n.cluster, n.namespace, n.name);
      const ports = servicePorts((own ?? imports.get(k))?.spec).flatMap((p) => (p.port === undefined ? [] : [{ name: p.name, port: p.port, protocol: p.protocol }]));
      return {
        id: n.id,
        cluster: n.cluster,
        namespace: n.namespace,
        name: n.name,
        ports,
        endpoints: own || !d ? (endpoints.get(k) ?? 0) : (endpoints.get(key(n.cluster, n.namespace, d.derived)) ?? 0),
        clusterSetHost: n.clusterSetHost,
        ...(d ? { derivedService: d.derived } : {}),
        health: n.health,
        badges: n.badges,
        rps: n.inbound.rps,
        errorRate: n.inbound.errorRate,
      };
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.cluster.localeCompare(b.cluster));
  const errorsByCluster = Object.fromEntries(graph.clusters.filter((c) => !c.reachable && c.error).map((c) => [c.cluster, c.error as string]));
  return { items, errorsByCluster, warnings: graph.warnings };
}
