import 'server-only';
import type { ClusterStoreView, DemoClusterName } from '../types';

// /debug/clusterz: the clusters an istiod watches, in the shape of Istio's `cluster.DebugInfo`
// ({ id, secretName, syncStatus }): first its own (config) cluster with an empty secret name, then one
// entry per cluster of each remote secret (label istio/multiCluster=true; one data key per cluster id),
// named `<namespace>/<secret>` like Istio's secret controller keys them. syncStatus is one of Istio's:
// syncing | synced | timeout | closed.

export type ClusterSyncStatus = 'syncing' | 'synced' | 'timeout' | 'closed';

export interface ClusterDebugInfo {
  id: string;
  secretName: string;
  syncStatus: ClusterSyncStatus;
}

export interface ClusterzOptions {
  /** Remote clusters whose API this istiod cannot reach (a cut-off scenario): reported as `timeout`. */
  unreachable?: readonly string[];
}

const MULTICLUSTER_LABEL = 'istio/multiCluster';
const CLUSTER_ANNOTATION = 'networking.istio.io/cluster';

export function clusterz(views: readonly ClusterStoreView[], self: DemoClusterName, opts: ClusterzOptions = {}): ClusterDebugInfo[] {
  const own = views.find((v) => v.cluster === self);
  if (!own) throw new Error(`clusterz: no view of cluster ${self}`);
  const known = new Set(views.map((v) => v.cluster as string));
  const unreachable = new Set(opts.unreachable ?? []);
  const out: ClusterDebugInfo[] = [{ id: self, secretName: '', syncStatus: 'synced' }];
  const secrets = own
    .list('v1', 'Secret')
    .filter((s) => s.metadata.labels?.[MULTICLUSTER_LABEL] === 'true')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const s of secrets) {
    // Like Istio: every data key of a remote secret is a cluster id (its value a kubeconfig).
    const keys = Object.keys((s.data as Record<string, string> | undefined) ?? {});
    const annotated = s.metadata.annotations?.[CLUSTER_ANNOTATION];
    const ids = keys.length > 0 ? keys : annotated ? [annotated] : [];
    for (const id of ids.filter((i) => i !== self)) {
      const syncStatus: ClusterSyncStatus = !known.has(id) || unreachable.has(id) ? 'timeout' : 'synced';
      out.push({ id, secretName: `${s.metadata.namespace ?? 'istio-system'}/${s.metadata.name}`, syncStatus });
    }
  }
  return out;
}
