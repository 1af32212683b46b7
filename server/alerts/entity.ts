import 'server-only';
import { createHash } from 'node:crypto';
import type { AlertEntity, AlertSeverity } from '@/lib/alerts';
import { nodeId } from '@/lib/graph/types';
import { matrixLink } from '@/lib/mesh';

// What an alert is about, read from its labels (the same for Prometheus rules and Meridian's own
// checks, which use Istio's label names), and the console page that shows it:
//   calling app + destination service        edge   app:<c>:<ns>:<app>[:<v>]->svc:<c>:<ns>:<svc>:<proto>  graph, edge selected
//   source_cluster + destination_cluster     edge   cluster:<a>->cluster:<b>                               graph, cross-cluster edges
//   destination service (maybe + caller's cluster) service svc:<c>:<ns>:<name>                             graph, node selected
//   mcs_service (Meridian MCS checks)        service svc:<c>:<ns>:<name>                                   mesh, MCS tab
//   proxy                                    proxy  <pod>.<ns>                                             mesh, cluster card
//   a certificate alert                      certificate <cluster>                                         mesh, cluster card
//   exported_cluster (istiod remote sync)    cluster <remote>                                              mesh, cluster card
//   otherwise                                cluster <cluster>                                             mesh, cluster card

export interface Located {
  entity: AlertEntity;
  cluster: string;
  namespace?: string;
  link: string;
}

const known = (v: string | undefined): v is string => Boolean(v) && v !== 'unknown';
const q = (params: Record<string, string | undefined>) => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) out.set(k, v);
  return out.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
};
const uniq = (...xs: string[]) => [...new Set(xs)].join(',');
const meshLink = (params: Record<string, string | undefined>) => `/mesh?${q(params)}`;

export function locate(l: Record<string, string>, fallbackCluster = 'unknown'): Located {
  const cluster = known(l.cluster) ? l.cluster : known(l.source_cluster) ? l.source_cluster : known(l.destination_cluster) ? l.destination_cluster : fallbackCluster;
  const sc = l.source_cluster;
  const dc = l.destination_cluster;
  const dns = l.destination_service_namespace;
  const dsn = l.destination_service_name;
  if (known(l.mcs_service)) {
    const [ns = '', name = ''] = l.mcs_service.split('/');
    return { entity: { kind: 'service', id: nodeId.service(cluster, ns, name) }, cluster, namespace: ns, link: meshLink({ tab: 'mcs', service: l.mcs_service }) };
  }
  if (known(sc) && known(dc) && known(dns) && known(dsn) && known(l.source_workload_namespace) && (known(l.source_canonical_service) || known(l.source_workload))) {
    const sns = l.source_workload_namespace;
    const rev = known(l.source_canonical_revision) ? l.source_canonical_revision : undefined;
    const graphType = !known(l.source_canonical_service) ? 'workload' : rev ? undefined : 'app';
    const src = known(l.source_canonical_service) ? nodeId.app(sc, sns, l.source_canonical_service, rev) : nodeId.workload(sc, sns, l.source_workload as string);
    const proto = l.request_protocol === 'grpc' || l.request_protocol === 'tcp' ? l.request_protocol : 'http';
    const id = nodeId.edge(src, nodeId.service(dc, dns, dsn), proto);
    return { entity: { kind: 'edge', id }, cluster: sc, namespace: sns, link: `/graph?${q({ clusters: uniq(sc, dc), namespaces: uniq(sns, dns), graphType, selected: id })}` };
  }
  if (known(sc) && known(dc) && !known(dsn)) {
    return { entity: { kind: 'edge', id: `${nodeId.clusterBox(sc)}->${nodeId.clusterBox(dc)}` }, cluster: sc, link: matrixLink(sc, dc) };
  }
  if (known(dns) && known(dsn)) {
    // A service; called from another cluster (a cross-cluster alert without the calling app) the
    // graph shows both clusters, and the alert belongs to the calling one.
    const c = known(dc) ? dc : cluster;
    const id = nodeId.service(c, dns, dsn);
    const from = known(sc) && sc !== c ? sc : undefined;
    return { entity: { kind: 'service', id }, cluster: from ?? c, namespace: dns, link: `/graph?${q({ clusters: from ? uniq(from, c) : c, namespaces: dns, selected: id })}` };
  }
  if (known(l.proxy)) {
    const ns = l.proxy.includes('.') ? l.proxy.slice(l.proxy.lastIndexOf('.') + 1) : undefined;
    return { entity: { kind: 'proxy', id: l.proxy }, cluster, namespace: ns, link: meshLink({ cluster, proxy: l.proxy }) };
  }
  if (/cert/i.test(l.alertname ?? '')) return { entity: { kind: 'certificate', id: cluster }, cluster, link: meshLink({ cluster }) };
  if (known(l.exported_cluster)) return { entity: { kind: 'cluster', id: l.exported_cluster }, cluster, link: meshLink({ cluster: l.exported_cluster }) };
  return { entity: { kind: 'cluster', id: cluster }, cluster, namespace: l.namespace, link: meshLink({ cluster }) };
}

export function severityOf(v: string | undefined): AlertSeverity {
  const s = (v ?? '').toLowerCase();
  if (['critical', 'error', 'page', 'high'].includes(s)) return 'critical';
  if (['info', 'none', 'low'].includes(s)) return 'info';
  return 'warning';
}

/** Identity of an alert: its label set (alertname included), order-free. */
export function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function alertId(labels: Record<string, string>): string {
  return createHash('sha1').update(labelKey(labels)).digest('hex').slice(0, 16);
}
