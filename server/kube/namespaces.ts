import 'server-only';
import { CoreV1Api } from '@kubernetes/client-node';
import type { MultiCluster, NamespaceRef } from '@/lib/api/multi-cluster';
import { getCluster } from '@/server/config';
import { fanOut } from './fan-out';
import { apiClient, clusterNames, withTimeout } from './clients';

/** Namespaces of the given clusters (all when none given); unknown cluster names are a 404. */
export async function listNamespaces(clusters: string[]): Promise<MultiCluster<NamespaceRef>> {
  const names = clusters.length ? clusters : clusterNames();
  names.forEach(getCluster);
  return fanOut(names, async (cluster) => {
    const list = await withTimeout(apiClient(cluster, CoreV1Api).listNamespace(), 5000, `Cluster ${cluster}`);
    return list.items.map((ns) => ({ cluster, name: ns.metadata?.name ?? '' })).filter((n) => n.name);
  });
}
