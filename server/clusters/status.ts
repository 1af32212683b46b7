import 'server-only';
import { VersionApi } from '@kubernetes/client-node';
import type { ClusterStatus } from '@/lib/clusters';
import { describeCause, fromKubeError } from '@/server/http/errors';
import { apiClient, clusterNames, withTimeout } from '@/server/kube/clients';

const PROBE_TIMEOUT_MS = 3000;

/** Asks one cluster's API server for /version. An unreachable cluster is data, not an exception. */
export async function probeCluster(name: string): Promise<ClusterStatus> {
  const started = Date.now();
  try {
    const v = await withTimeout(apiClient(name, VersionApi).getCode(), PROBE_TIMEOUT_MS, `Cluster ${name}`);
    return { name, reachable: true, kubernetesVersion: v.gitVersion, latencyMs: Date.now() - started };
  } catch (err) {
    const e = fromKubeError(err, name);
    const message = e.code === 'unavailable' ? `Cannot reach the API server: ${describeCause(err)}` : e.message;
    return { name, reachable: false, error: message, latencyMs: Date.now() - started };
  }
}

/** Every configured cluster probed in parallel; one slow or dead cluster never hides the others. */
export async function clustersStatus(): Promise<ClusterStatus[]> {
  return Promise.all(clusterNames().map(probeCluster));
}
