import 'server-only';
import type { ClusterSnapshot } from '@/lib/inventory/types';
import type { ClusterCard, ManagedControlPlane, MeshResponse } from '@/lib/mesh';
import { servicePorts } from '@/lib/mesh-rules/service';
import { arr, at, rec, str, strs } from '@/lib/mesh-rules/spec';
import { clustersStatus } from '@/server/clusters/status';
import { istiodInfo, managedControlPlane } from '@/server/istiod';
import { inventorySnapshot } from '@/server/kube/informers';
import { detectControlPlane } from './control-plane';
import { istiodData, type IstiodData } from './istiod-data';
import { buildMcs } from './mcs';
import { trafficMatrix } from './matrix';

export { istiodData, type IstiodData } from './istiod-data';
export { buildMcs } from './mcs';

// GET /api/mesh: per cluster a card (API, istiod, proxies, root certificate, east-west gateway,
// remote secrets), the control-plane model, the MCS table and the cross-cluster matrix. Every part
// is read concurrently; a part that fails for a cluster is in errorsByCluster, never a blank answer.

/** `<address>:<tls port>` of the cluster's east-west gateway Service (label istio=eastwestgateway). */
function eastWestGateway(snap: ClusterSnapshot | undefined): string | undefined {
  const svc = snap?.objects.Service.find((s) => s.metadata.labels?.istio === 'eastwestgateway' || s.metadata.name === 'istio-eastwestgateway');
  if (!svc) return undefined;
  const ingress = rec(arr(at(svc.status, 'loadBalancer', 'ingress'))[0]);
  const address = str(ingress.ip) ?? str(ingress.hostname) ?? strs(at(svc.spec, 'externalIPs'))[0];
  if (!address) return undefined;
  const port = servicePorts(svc.spec).find((p) => p.port === 15443 || p.name === 'tls')?.port ?? 15443;
  return `${address}:${port}`;
}

function card(data: IstiodData | undefined, base: Pick<ClusterCard, 'name' | 'reachable' | 'error' | 'kubernetesVersion' | 'istiod' | 'meshId' | 'network' | 'telemetry'>, snap: ClusterSnapshot | undefined, servedBy: string | undefined, managed: ManagedControlPlane | undefined): ClusterCard {
  const out: ClusterCard = { ...base, remoteSecrets: [], servedBy, eastWestGateway: eastWestGateway(snap) };
  // A managed control plane: its state instead of istiod's debug endpoints, which it does not have.
  if (managed) return { ...out, managedControlPlane: managed };
  if (data?.syncz.ok) out.sync = data.syncz.value;
  else if (data && !data.syncz.ok) out.syncError = data.syncz.error;
  if (data?.rootCertExpiry.ok) out.rootCertExpiry = new Date(data.rootCertExpiry.value * 1000).toISOString();
  else if (data && !data.rootCertExpiry.ok) out.certError = data.rootCertExpiry.error;
  if (data?.clusterz.ok) {
    out.remoteSecrets = data.clusterz.value.filter((c) => c.secretName).map((c) => ({ cluster: c.id, secretName: c.secretName ?? '', syncStatus: c.syncStatus }));
  }
  return out;
}

export async function meshView(selected: string[], durationSeconds: number): Promise<MeshResponse> {
  const [statuses, istiod, matrix] = await Promise.all([clustersStatus(), istiodData(), trafficMatrix(selected, durationSeconds)]);
  const snapshot = inventorySnapshot();
  const all = statuses.map((s) => s.name);
  const snapOf = (c: string) => snapshot.clusters.find((s) => s.cluster === c);
  const dataOf = (c: string) => istiod.find((d) => d.cluster === c);

  const withIstiod = new Set(all.filter((c) => istiodInfo(c, snapshot).revisions.length > 0));
  const managed = new Map(all.flatMap((c) => {
    const m = managedControlPlane(c, snapshot);
    return m ? [[c, m] as const] : [];
  }));
  const watches: Record<string, string[]> = {};
  for (const d of istiod) if (d.clusterz.ok) watches[d.cluster] = d.clusterz.value.map((x) => x.id);
  const controlPlane = detectControlPlane({ clusters: all, withIstiod, watches, managed: new Set(managed.keys()) });

  const errorsByCluster: Record<string, string> = { ...matrix.errorsByCluster };
  const clusters = statuses
    .filter((s) => selected.includes(s.name))
    .map((s) => {
      const data = dataOf(s.name);
      const c = card(data, { name: s.name, reachable: s.reachable, error: s.error, kubernetesVersion: s.kubernetesVersion, istiod: s.istiod, meshId: s.meshId, network: s.network, telemetry: s.telemetry }, snapOf(s.name), controlPlane.servedBy[s.name], managed.get(s.name));
      if (!s.reachable && s.error) errorsByCluster[s.name] ??= s.error;
      return c;
    });

  // MCS: the whole cluster set (an export in one cluster matters to imports in every other).
  const mcsz = istiod.flatMap((d) => (d.mcsz.ok ? d.mcsz.value : []));
  const mcs = buildMcs(snapshot.clusters, mcsz);
  const inScope = (cs: string[]) => cs.some((c) => selected.includes(c));
  return {
    clusters,
    controlPlane,
    mcs: {
      services: mcs.services.filter((r) => inScope(r.clusters.map((c) => c.cluster))),
      problems: mcs.problems.filter((p) => !p.cluster || selected.includes(p.cluster) || inScope(mcs.services.find((r) => r.name === p.name && r.namespace === p.namespace)?.clusters.map((c) => c.cluster) ?? [])),
    },
    matrix: { clusters: selected, duration: durationSeconds, cells: matrix.cells },
    errorsByCluster,
  };
}
