import 'server-only';
import { serviceFqdn } from '@/lib/mesh-rules/hosts';
import type { ClusterStoreView } from '../types';

// /debug/mcsz: the Kubernetes Multi-Cluster Services known to istiod. Istio answers with one
// `model.MCSServiceInfo` per (cluster, namespace, name) of every registry it watches (its own
// cluster and the remote-secret clusters), a Go struct without JSON tags, hence the capitalised keys:
//   { Cluster, Name, Namespace, Exported, Imported, ClusterSetVIP, Discoverability }
// Discoverability maps the service's hosts to their endpoint discoverability policy on exported rows
// (null otherwise); the demo reports Istio's default policy, AlwaysDiscoverable.

export const MCS_API_VERSION = 'multicluster.x-k8s.io/v1alpha1';

export interface MCSServiceInfo {
  Cluster: string;
  Name: string;
  Namespace: string;
  Exported: boolean;
  Imported: boolean;
  ClusterSetVIP: string;
  Discoverability: Record<string, string> | null;
}

/** The cluster-set view of one service: where it is exported from and imported into. */
export interface MCSServiceSummary {
  name: string;
  namespace: string;
  exportedFrom: string[];
  importedIn: string[];
  clusterSetVip: string;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rowsOf(view: ClusterStoreView): MCSServiceInfo[] {
  const rows = new Map<string, MCSServiceInfo>();
  const row = (namespace: string, name: string): MCSServiceInfo => {
    const key = `${namespace}/${name}`;
    let r = rows.get(key);
    if (!r) {
      r = { Cluster: view.cluster, Name: name, Namespace: namespace, Exported: false, Imported: false, ClusterSetVIP: '', Discoverability: null };
      rows.set(key, r);
    }
    return r;
  };
  for (const se of view.list(MCS_API_VERSION, 'ServiceExport')) {
    const ns = se.metadata.namespace ?? 'default';
    const r = row(ns, se.metadata.name);
    r.Exported = true;
    r.Discoverability = {
      [serviceFqdn(se.metadata.name, ns)]: 'AlwaysDiscoverable',
      [serviceFqdn(se.metadata.name, ns, 'clusterset')]: 'AlwaysDiscoverable',
    };
  }
  for (const si of view.list(MCS_API_VERSION, 'ServiceImport')) {
    const r = row(si.metadata.namespace ?? 'default', si.metadata.name);
    r.Imported = true;
    r.ClusterSetVIP = (si.spec as { ips?: string[] } | undefined)?.ips?.[0] ?? '';
  }
  return [...rows.values()];
}

/** Istio's /debug/mcsz answer over the given clusters' registries, sorted by cluster, namespace, name. */
export function mcsz(views: readonly ClusterStoreView[]): MCSServiceInfo[] {
  return views
    .flatMap(rowsOf)
    .sort((a, b) => compare(a.Cluster, b.Cluster) || compare(a.Namespace, b.Namespace) || compare(a.Name, b.Name));
}

/** Folds mcsz rows into one entry per service of the cluster set. */
export function mcsSummary(rows: readonly MCSServiceInfo[]): MCSServiceSummary[] {
  const byService = new Map<string, MCSServiceSummary>();
  for (const r of rows) {
    const key = `${r.Namespace}/${r.Name}`;
    let s = byService.get(key);
    if (!s) byService.set(key, (s = { name: r.Name, namespace: r.Namespace, exportedFrom: [], importedIn: [], clusterSetVip: '' }));
    if (r.Exported) s.exportedFrom.push(r.Cluster);
    if (r.Imported) s.importedIn.push(r.Cluster);
    if (r.ClusterSetVIP && !s.clusterSetVip) s.clusterSetVip = r.ClusterSetVIP;
  }
  return [...byService.values()].sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name));
}
