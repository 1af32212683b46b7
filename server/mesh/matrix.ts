import 'server-only';
import { matrixLink, type MatrixCell } from '@/lib/mesh';
import { queryInstant, type PromSample, type PromTarget } from '@/server/prometheus/client';
import { promRegexAnyOf } from '@/server/prometheus/escape';
import { clustersWithoutPrometheus, prometheusTargets } from '@/server/prometheus/targets';

// The cluster x cluster traffic matrix: one batched instant query per Prometheus, each arm tagged by
// a `m` label (label_replace), grouped by (source_cluster, destination_cluster). Requests, errors and
// latency are read on the calling side (reporter="source": a request that never reached the other
// cluster exists only there); the mTLS share on the receiving side, the only one that knows the
// connection's security policy.

const PAIR = 'source_cluster, destination_cluster';
const ARMS = ['rps', 'err', 'p50', 'p95', 'p99', 'mtls', 'dtotal'] as const;
type Arm = (typeof ARMS)[number];

export function matrixQuery(durationSeconds: number, scope?: { label: string; clusters: string[] }): string {
  const w = `${Math.max(1, Math.round(durationSeconds))}s`;
  const sel = (...m: string[]) => `{${[...m, ...(scope ? [`${scope.label}=~"${promRegexAnyOf(scope.clusters)}"`] : [])].join(',')}}`;
  const tag = (arm: Arm, expr: string) => `label_replace(${expr}, "m", "${arm}", "", "")`;
  const sum = (m: string[]) => `sum by (${PAIR}) (rate(istio_requests_total${sel(...m)}[${w}]))`;
  const quantile = (q: number) => `histogram_quantile(${q}, sum by (${PAIR}, le) (rate(istio_request_duration_milliseconds_bucket${sel('reporter="source"')}[${w}])))`;
  return [
    tag('rps', sum(['reporter="source"'])),
    tag('err', sum(['reporter="source"', 'response_code=~"5.."'])),
    tag('p50', quantile(0.5)),
    tag('p95', quantile(0.95)),
    tag('p99', quantile(0.99)),
    tag('mtls', sum(['reporter="destination"', 'connection_security_policy="mutual_tls"'])),
    tag('dtotal', sum(['reporter="destination"'])),
  ].join('\nor ');
}

/** Folds the tagged samples of every Prometheus into cells (sums add up; quantiles keep the largest). */
export function foldMatrix(samples: readonly PromSample[], clusters: readonly string[]): MatrixCell[] {
  const acc = new Map<string, Partial<Record<Arm, number>>>();
  for (const s of samples) {
    const src = s.metric.source_cluster;
    const dst = s.metric.destination_cluster;
    const arm = s.metric.m as Arm | undefined;
    if (!src || !dst || !arm || !ARMS.includes(arm) || !clusters.includes(src) || !clusters.includes(dst)) continue;
    const k = `${src}\u0000${dst}`;
    const cell = acc.get(k) ?? {};
    const prev = cell[arm];
    cell[arm] = arm.startsWith('p') ? Math.max(prev ?? 0, s.value) : (prev ?? 0) + s.value;
    acc.set(k, cell);
  }
  const cells: MatrixCell[] = [];
  for (const [k, v] of acc) {
    const [source = '', destination = ''] = k.split('\u0000');
    const rps = v.rps ?? 0;
    if (rps <= 0 && !v.dtotal) continue;
    const cell: MatrixCell = { source, destination, rps, errorRate: rps > 0 ? Math.min(1, (v.err ?? 0) / rps) : 0, link: matrixLink(source, destination) };
    if (v.p50 !== undefined) cell.p50 = v.p50;
    if (v.p95 !== undefined) cell.p95 = v.p95;
    if (v.p99 !== undefined) cell.p99 = v.p99;
    if (v.dtotal) cell.mtlsShare = Math.min(1, (v.mtls ?? 0) / v.dtotal);
    cells.push(cell);
  }
  return cells.sort((a, b) => clusters.indexOf(a.source) - clusters.indexOf(b.source) || clusters.indexOf(a.destination) - clusters.indexOf(b.destination));
}

/** The matrix over `clusters` for the window; per-cluster errors for the Prometheus that failed. */
export async function trafficMatrix(clusters: string[], durationSeconds: number): Promise<{ cells: MatrixCell[]; errorsByCluster: Record<string, string> }> {
  const errorsByCluster: Record<string, string> = {};
  for (const c of clustersWithoutPrometheus(clusters)) errorsByCluster[c] = 'no Prometheus is configured for this cluster: no traffic figures';
  const samples: PromSample[] = [];
  await Promise.all(
    prometheusTargets(clusters).map(async ({ target, clusters: served, global }) => {
      try {
        samples.push(...(await queryInstant(target as PromTarget, matrixQuery(durationSeconds, global && target.clusterLabel ? { label: target.clusterLabel, clusters: served } : undefined))));
      } catch (e) {
        for (const c of served) errorsByCluster[c] = (e as Error).message;
      }
    }),
  );
  return { cells: foldMatrix(samples, clusters), errorsByCluster };
}
