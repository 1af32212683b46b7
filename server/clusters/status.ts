import 'server-only';
import { VersionApi } from '@kubernetes/client-node';
import type { ClusterStatus } from '@/lib/clusters';
import type { ClusterTelemetry } from '@/lib/telemetry';
import { describeCause, fromKubeError } from '@/server/http/errors';
import { istiodInfo } from '@/server/istiod';
import { apiClient, clusterNames, withTimeout } from '@/server/kube/clients';
import { clusterCacheStates, inventorySnapshot } from '@/server/kube/informers';
import { prometheusState, type PrometheusState } from '@/server/prometheus/health';
import { prometheusTargets } from '@/server/prometheus/targets';
import { clusterTelemetry } from '@/server/telemetry';

const PROBE_TIMEOUT_MS = 3000;

type ApiProbe = Pick<ClusterStatus, 'name' | 'reachable' | 'kubernetesVersion' | 'error' | 'latencyMs'>;

/** Asks one cluster's API server for /version. An unreachable cluster is data, not an exception. */
async function probeCluster(name: string): Promise<ApiProbe> {
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

/** Each Prometheus probed once, however many clusters share it. */
async function prometheusByCluster(clusters: string[]): Promise<Map<string, PrometheusState & { global: boolean }>> {
  const out = new Map<string, PrometheusState & { global: boolean }>();
  await Promise.all(
    prometheusTargets(clusters).map(async (group) => {
      const state = await prometheusState(group.target);
      for (const c of group.clusters) out.set(c, { ...state, global: group.global });
    }),
  );
  return out;
}

/**
 * Every configured cluster: live API probe, inventory cache state, istiod revision/version, mesh id
 * and network (from the cache), Prometheus state and the state of its Istio telemetry (shared with the
 * graph). One slow or dead cluster never hides the others.
 */
export async function clustersStatus(): Promise<ClusterStatus[]> {
  const names = clusterNames();
  const [probes, proms, telemetry] = await Promise.all([
    Promise.all(names.map(probeCluster)),
    prometheusByCluster(names),
    clusterTelemetry().catch(() => new Map<string, ClusterTelemetry>()),
  ]);
  const caches = new Map(clusterCacheStates().map((s) => [s.cluster, s]));
  const snapshot = inventorySnapshot();
  return probes.map((probe) => {
    const cache = caches.get(probe.name);
    const info = istiodInfo(probe.name, snapshot);
    const prom = proms.get(probe.name);
    return {
      ...probe,
      cache: cache ? { state: cache.state, error: cache.error, since: new Date(cache.since).toISOString() } : undefined,
      istiod: info.revisions.length ? { revision: info.revision, version: info.version, revisions: info.revisions.map((r) => r.revision) } : undefined,
      meshId: info.meshId,
      network: info.network,
      prometheus: prom ? { url: prom.url, state: prom.state, version: prom.version, error: prom.error, global: prom.global } : undefined,
      telemetry: telemetry.get(probe.name),
    };
  });
}
