import 'server-only';
import { istiodClusterz, istiodMcsz, istiodMetricsText, istiodSyncz, managedControlPlane, MANAGED_NOTE, type ClusterDebugInfo, type IstiodResult, type MCSServiceInfo, type SyncSummary } from '@/server/istiod';
import { clusterNames } from '@/server/kube/clients';

// What every cluster's istiod says, read once for the mesh page and the alert checks together:
// /debug/syncz, /debug/clusterz, /debug/mcsz and the root certificate expiry from its metrics.
// Shared for a few seconds (single-flight) so that the 15 s check loop and page loads do not each
// ask every istiod. Every failure stays a per-cluster error value.

export interface IstiodData {
  cluster: string;
  syncz: IstiodResult<SyncSummary>;
  clusterz: IstiodResult<ClusterDebugInfo[]>;
  mcsz: IstiodResult<MCSServiceInfo[]>;
  /** Unix seconds the root certificate expires, or why it is not known. */
  rootCertExpiry: IstiodResult<number>;
}

const TTL_MS = 4000;
const KEY = Symbol.for('meridian.mesh.istiod-data');
type Entry = { at: number; value: Promise<IstiodData[]> };
type WithCache = typeof globalThis & { [KEY]?: Entry };

const METRIC = 'citadel_server_root_cert_expiry_timestamp';

/** The value of citadel_server_root_cert_expiry_timestamp in a Prometheus text exposition. */
function rootCertExpiryOf(metricsText: string): number | undefined {
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(METRIC)) continue;
    const rest = line.slice(METRIC.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    const value = Number(rest.replace(/^\{[^}]*\}/, '').trim().split(/\s+/)[0]);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

async function readCluster(cluster: string): Promise<IstiodData> {
  if (managedControlPlane(cluster)) {
    // No istiod to ask: every answer is the managed state, explained (server/istiod/managed.ts).
    const absent = { cluster, ok: false as const, error: `${cluster}: ${MANAGED_NOTE}`, absent: true as const };
    return { cluster, syncz: absent, clusterz: absent, mcsz: absent, rootCertExpiry: absent };
  }
  const [syncz, clusterz, mcsz, metrics] = await Promise.all([istiodSyncz(cluster), istiodClusterz(cluster), istiodMcsz(cluster), istiodMetricsText(cluster)]);
  let rootCertExpiry: IstiodResult<number>;
  if (!metrics.ok) rootCertExpiry = metrics;
  else {
    const v = rootCertExpiryOf(metrics.value);
    rootCertExpiry = v === undefined ? { cluster, ok: false, error: `istiod of cluster ${cluster} exports no ${METRIC}` } : { cluster, ok: true, value: v };
  }
  return { cluster, syncz, clusterz, mcsz, rootCertExpiry };
}

/** Every configured cluster's istiod data (cached for a few seconds). */
export function istiodData(): Promise<IstiodData[]> {
  const g = globalThis as WithCache;
  const hit = g[KEY];
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = Promise.all(clusterNames().map(readCluster));
  g[KEY] = { at: Date.now(), value };
  return value;
}
