import 'server-only';
import { queryInstant } from '@/server/prometheus/client';
import { promRegexAnyOf } from '@/server/prometheus/escape';
import { prometheusTargets } from '@/server/prometheus/targets';
import { clusterNames } from '@/server/kube/clients';
import { clusterCacheStates, inventorySnapshot } from '@/server/kube/informers';
import { derivedServices } from '@/lib/mesh-rules/mcs';
import { buildMcs, istiodData } from '@/server/mesh';
import { clusterTelemetry } from '@/server/telemetry';
import { CHECK_THRESHOLDS, placeUnknownDestinations, type CheckInputs, type EdgeSample } from './checks';

// Gathers what the built-in checks look at: two instant queries per Prometheus (edge 5xx share and
// edge p95 over the last minute, read on the calling side), the inventory caches' state, every
// istiod's /debug/syncz, root certificate and /debug/mcsz (shared with the mesh page), and the MCS
// problems of the inventory, and the clusters' telemetry state (the graph's, cached). What could not
// be read is returned as errors, next to the rest.

const EDGE = 'source_cluster, source_workload_namespace, source_canonical_service, source_canonical_revision, destination_cluster, destination_service_namespace, destination_service_name, request_protocol';
const MIN_RPS = 0.1;

function checkQueries(filter?: { label: string; clusters: string[] }): { errors: string; p95: string } {
  const f = filter ? `,${filter.label}=~"${promRegexAnyOf(filter.clusters)}"` : '';
  const total = `sum by (${EDGE}) (rate(istio_requests_total{reporter="source"${f}}[1m]))`;
  return {
    errors: `(sum by (${EDGE}) (rate(istio_requests_total{reporter="source",response_code=~"5.."${f}}[1m])) / ${total}) and on (${EDGE}) (${total} > ${MIN_RPS})`,
    p95: `histogram_quantile(0.95, sum by (${EDGE}, le) (rate(istio_request_duration_milliseconds_bucket{reporter="source"${f}}[1m]))) > ${CHECK_THRESHOLDS.crossClusterP95Ms / 2}`,
  };
}

export async function gatherCheckInputs(now = Date.now()): Promise<{ inputs: CheckInputs; errors: string[] }> {
  const errors: string[] = [];
  const edgeErrors: EdgeSample[] = [];
  const edgeP95: EdgeSample[] = [];
  const [istiod, telemetry] = await Promise.all([
    istiodData(),
    clusterTelemetry().then(
      (m) => [...m.values()],
      (err: unknown) => {
        errors.push(`telemetry check skipped: ${(err as Error).message}`);
        return [];
      },
    ),
    ...prometheusTargets(clusterNames()).map(async ({ target, clusters, global }) => {
      const q = checkQueries(global && target.clusterLabel ? { label: target.clusterLabel, clusters } : undefined);
      try {
        const [e, p] = await Promise.all([queryInstant(target, q.errors), queryInstant(target, q.p95)]);
        edgeErrors.push(...e);
        edgeP95.push(...p);
      } catch (err) {
        errors.push(`edge checks of ${clusters.join(', ')} skipped: ${(err as Error).message}`);
      }
    }),
  ]);
  const unsynced: CheckInputs['unsynced'] = [];
  const certExpiry: CheckInputs['certExpiry'] = [];
  for (const d of istiod) {
    if (d.syncz.ok) unsynced.push({ cluster: d.cluster, proxies: d.syncz.value.unsynced });
    else if (!d.syncz.absent) errors.push(`proxy sync of ${d.cluster} unknown: ${d.syncz.error}`);
    if (d.rootCertExpiry.ok) certExpiry.push({ cluster: d.cluster, expiresAt: d.rootCertExpiry.value });
  }
  const snapshot = inventorySnapshot();
  const mcsz = istiod.flatMap((d) => (d.mcsz.ok ? d.mcsz.value : []));
  const { problems } = buildMcs(snapshot.clusters, mcsz);
  const serviceClusters = new Map<string, string[]>();
  for (const c of snapshot.clusters) {
    for (const svc of c.objects.Service) {
      const k = `${svc.metadata.namespace}/${svc.metadata.name}`;
      serviceClusters.set(k, [...(serviceClusters.get(k) ?? []), c.cluster]);
    }
  }
  const caches = clusterCacheStates().map((c) => ({ cluster: c.cluster, state: c.state, error: c.error }));
  // An edge to GKE's derived Service (gke-mcs-*) is an edge to the clusterset service it derives from.
  const derived = derivedServices(snapshot.clusters);
  const fold = (samples: EdgeSample[]) =>
    derived.size === 0
      ? samples
      : samples.map((s) => {
          const m = s.metric;
          const name = m.destination_service_namespace && m.destination_service_name ? derived.fold(m.destination_service_namespace, m.destination_service_name, m.destination_cluster) : undefined;
          return name && name !== m.destination_service_name ? { ...s, metric: { ...m, destination_service_name: name } } : s;
        });
  return {
    inputs: { now, edgeErrors: placeUnknownDestinations(fold(edgeErrors), serviceClusters), edgeP95: fold(edgeP95), caches, unsynced, certExpiry, mcsProblems: problems, telemetry },
    errors,
  };
}
