import 'server-only';
import type { Alert } from '@/lib/alerts';
import type { MCSProblem } from '@/lib/mesh';
import { withoutTelemetry, type ClusterTelemetry } from '@/lib/telemetry';
import { alertId } from './entity';
import { meridianAlert } from './merge';

// Meridian's built-in mesh checks, as a pure function of what the loop gathered (tests give fake
// inputs). Each check yields alerts with Istio-style labels (so they locate and silence like
// Prometheus alerts) and alertname Meridian*. `state` remembers when a condition was first seen, so
// that "since" stays put across evaluations and "not synced for over a minute" can be told.

export const CHECK_THRESHOLDS = {
  /** Share of 5xx on an edge (calling app -> service) over 1 minute. */
  edgeErrorRate: 0.05,
  /** p95 of a cross-cluster edge, ms. */
  crossClusterP95Ms: 300,
  /** A proxy STALE or NOT SENT for this long. */
  proxyUnsyncedMs: 60_000,
  /** Root certificate expiring within this many days. */
  certificateDays: 7,
} as const;

export interface EdgeSample {
  /** Istio labels of the edge: source_cluster, source_workload_namespace, source_canonical_service, source_canonical_revision, destination_cluster, destination_service_namespace, destination_service_name, request_protocol. */
  metric: Record<string, string>;
  value: number;
}

export interface CheckInputs {
  now: number;
  /** 5xx share per edge (edges with enough traffic only). */
  edgeErrors: EdgeSample[];
  /** p95 ms per edge. */
  edgeP95: EdgeSample[];
  /** Inventory cache state per cluster. */
  caches: { cluster: string; state: string; error?: string }[];
  /** Per cluster whose istiod answered: the proxies not in sync now. */
  unsynced: { cluster: string; proxies: { proxy: string; state: 'stale' | 'notSent' }[] }[];
  /** Per cluster: root certificate expiry, unix seconds. */
  certExpiry: { cluster: string; expiresAt: number }[];
  mcsProblems: MCSProblem[];
  /** Per cluster, the state of its Istio telemetry (server/telemetry, shared with the graph). */
  telemetry: ClusterTelemetry[];
}

export interface CheckState {
  /** Alert id -> first seen (ms). */
  firstSeen: Map<string, number>;
  /** `<cluster>/<proxy>` -> first seen unsynced (ms). */
  unsyncedSince: Map<string, number>;
}

export const newCheckState = (): CheckState => ({ firstSeen: new Map(), unsyncedSince: new Map() });

const EDGE_LABELS = ['source_cluster', 'source_workload_namespace', 'source_canonical_service', 'source_canonical_revision', 'destination_cluster', 'destination_service_namespace', 'destination_service_name', 'request_protocol'];
const edgeLabels = (m: Record<string, string>) => Object.fromEntries(EDGE_LABELS.filter((k) => m[k]).map((k) => [k, m[k] as string]));
const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;
const edgeName = (m: Record<string, string>) =>
  `${m.source_canonical_service ?? m.source_workload ?? '?'} (${m.source_cluster}) -> ${m.destination_service_name}.${m.destination_service_namespace} (${m.destination_cluster})`;
const crosses = (m: Record<string, string>) => Boolean(m.source_cluster && m.destination_cluster && m.destination_cluster !== 'unknown' && m.source_cluster !== m.destination_cluster);

/**
 * A request that failed before reaching its destination (503 UH) has destination_cluster "unknown".
 * Like the graph, place it where the service lives: the caller's own cluster when it has the
 * Service, else the first cluster that has it (`serviceClusters`: "<ns>/<name>" -> clusters).
 */
export function placeUnknownDestinations(samples: EdgeSample[], serviceClusters: ReadonlyMap<string, readonly string[]>): EdgeSample[] {
  return samples.map((s) => {
    const m = s.metric;
    if (m.destination_cluster && m.destination_cluster !== 'unknown') return s;
    const where = serviceClusters.get(`${m.destination_service_namespace}/${m.destination_service_name}`) ?? [];
    const cluster = m.source_cluster && where.includes(m.source_cluster) ? m.source_cluster : where[0];
    return cluster ? { ...s, metric: { ...m, destination_cluster: cluster } } : s;
  });
}

export function evaluateChecks(input: CheckInputs, state: CheckState): Alert[] {
  const { now } = input;
  const out: { labels: Record<string, string>; summary: string; since?: number }[] = [];
  const T = CHECK_THRESHOLDS;

  for (const s of input.edgeErrors) {
    if (s.value <= T.edgeErrorRate) continue;
    out.push({ labels: { alertname: 'MeridianEdgeErrorRate', severity: s.value >= 0.2 ? 'critical' : 'warning', ...edgeLabels(s.metric) }, summary: `${pct(s.value)} of requests fail (5xx) on ${edgeName(s.metric)}` });
  }
  for (const s of input.edgeP95) {
    if (s.value <= T.crossClusterP95Ms || !crosses(s.metric)) continue;
    out.push({ labels: { alertname: 'MeridianCrossClusterLatency', severity: 'warning', ...edgeLabels(s.metric) }, summary: `p95 ${Math.round(s.value)} ms on the cross-cluster edge ${edgeName(s.metric)} (over ${T.crossClusterP95Ms} ms)` });
  }
  for (const c of input.caches) {
    if (c.state !== 'error' && c.state !== 'reconnecting') continue;
    out.push({ labels: { alertname: 'MeridianClusterUnreachable', severity: 'critical', cluster: c.cluster }, summary: `The API server of ${c.cluster} cannot be reached${c.error ? `: ${c.error}` : ''}` });
  }

  const seenProxies = new Set<string>();
  for (const { cluster, proxies } of input.unsynced) {
    for (const p of proxies) {
      const key = `${cluster}/${p.proxy}`;
      seenProxies.add(key);
      const since = state.unsyncedSince.get(key) ?? now;
      state.unsyncedSince.set(key, since);
      if (now - since < T.proxyUnsyncedMs) continue;
      const what = p.state === 'stale' ? 'has not acknowledged' : 'has not been sent';
      out.push({ labels: { alertname: 'MeridianProxyNotSynced', severity: 'warning', cluster, proxy: p.proxy }, summary: `Proxy ${p.proxy} in ${cluster} ${what} its configuration for ${Math.round((now - since) / 1000)} s`, since });
    }
  }
  // Proxies of clusters whose istiod did not answer keep their clock; synced ones are forgotten.
  const answered = new Set(input.unsynced.map((u) => u.cluster));
  for (const key of state.unsyncedSince.keys()) if (answered.has(key.split('/')[0] ?? '') && !seenProxies.has(key)) state.unsyncedSince.delete(key);

  for (const c of input.certExpiry) {
    const left = c.expiresAt * 1000 - now;
    if (left > T.certificateDays * 86_400_000) continue;
    const when = left <= 0 ? 'has expired' : `expires in ${(left / 86_400_000).toFixed(1)} days`;
    out.push({ labels: { alertname: 'MeridianCertificateExpiry', severity: left < 86_400_000 ? 'critical' : 'warning', cluster: c.cluster }, summary: `The mesh root certificate of ${c.cluster} ${when} (${new Date(c.expiresAt * 1000).toISOString()})` });
  }
  for (const p of input.mcsProblems) {
    const mcsService = `${p.namespace}/${p.name}`;
    if (p.code === 'export-no-endpoints' && p.cluster) {
      out.push({ labels: { alertname: 'MeridianExportWithoutEndpoints', severity: p.severity === 'error' ? 'critical' : 'warning', cluster: p.cluster, mcs_service: mcsService }, summary: p.message });
    } else if (p.code === 'import-without-export') {
      // Callers of the clusterset host in every importing cluster get no answer: one alert per such cluster.
      for (const cluster of p.clusters ?? []) {
        out.push({ labels: { alertname: 'MeridianImportWithoutExporter', severity: 'critical', cluster, mcs_service: mcsService }, summary: p.message });
      }
    }
  }

  // Telemetry missing, stale, or its Prometheus unreachable: the console cannot see the cluster's
  // traffic (a partial one is the graph banner's; a cluster without any Prometheus is a configuration).
  for (const t of input.telemetry) {
    if (!withoutTelemetry(t)) continue;
    out.push({ labels: { alertname: 'MeridianTelemetryMissing', severity: 'warning', cluster: t.cluster }, summary: `Istio telemetry of ${t.cluster}: ${t.summary}. ${t.reason}` });
  }

  const alerts = out.map((o) => {
    const id = alertId(o.labels);
    const since = o.since ?? state.firstSeen.get(id) ?? now;
    return meridianAlert(o.labels, o.summary, since);
  });
  const ids = new Set(alerts.map((a) => a.id));
  for (const a of alerts) if (!state.firstSeen.has(a.id)) state.firstSeen.set(a.id, Date.parse(a.since));
  for (const id of [...state.firstSeen.keys()]) if (!ids.has(id)) state.firstSeen.delete(id);
  return alerts;
}
