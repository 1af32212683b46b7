import 'server-only';
import type { MetricsQuery, MetricsResponse } from '@/lib/metrics-query';
import { badRequest } from '@/server/http/errors';
import { clusterNames } from '@/server/kube/clients';
import { queryRange } from './client';
import { escapePromLabelValue } from './escape';
import { clustersWithoutPrometheus, prometheusTargets } from './targets';

type Side = 'source' | 'destination';

/** Label matchers of one graph node id on one side of istio_requests_total. */
export function nodeMatchers(id: string, side: Side): { cluster?: string; matchers: Record<string, string> } {
  if (id === 'unknown') return { matchers: side === 'source' ? { source_workload: 'unknown' } : { destination_service_name: 'unknown' } };
  if (id.startsWith('ext:')) {
    if (side === 'source') throw badRequest('an external node has no outbound traffic', 'node');
    return { matchers: { destination_service: id.slice(4) } };
  }
  const [kind, cluster, ns, name, version] = id.split(':') as [string, string, string, string, string | undefined];
  const base = { [`${side}_cluster`]: cluster };
  if (kind === 'wl') return { cluster, matchers: { ...base, [`${side}_workload_namespace`]: ns, [`${side}_workload`]: name } };
  if (kind === 'app') {
    return {
      cluster,
      matchers: { ...base, [`${side}_workload_namespace`]: ns, [`${side}_canonical_service`]: name, ...(version ? { [`${side}_canonical_revision`]: version } : {}) },
    };
  }
  if (side === 'source') throw badRequest('a service node has no outbound traffic of its own; ask for its inbound traffic or an edge', 'node');
  return { cluster, matchers: { ...base, destination_service_namespace: ns, destination_service_name: name } };
}

function selector(m: Record<string, string>, extra: string[] = []): string {
  return `{${[...Object.entries(m).map(([k, v]) => `${k}="${escapePromLabelValue(v)}"`), ...extra].join(',')}}`;
}

/** The PromQL of each chart series, for a node or an edge. */
export function seriesQueries(q: MetricsQuery, step: number): { reporterCluster?: string; queries: Record<MetricsResponse['series'][number]['name'], string> } {
  const parts = q.node
    ? [nodeMatchers(q.node, q.direction === 'inbound' ? 'destination' : 'source')]
    : [nodeMatchers(q.source!, 'source'), nodeMatchers(q.target!, 'destination')];
  const matchers = Object.assign({}, ...parts.map((p) => p.matchers)) as Record<string, string>;
  // Inbound is what the destination reports; outbound and edges what the source reports, unless the source has no proxy.
  const reporter = q.node && q.direction === 'inbound' ? 'destination' : q.source === 'unknown' ? 'destination' : 'source';
  const sel = (extra: string[] = []) => selector({ reporter, ...matchers }, extra);
  const w = `${Math.max(step * 2, 30)}s`;
  const total = `sum(rate(istio_requests_total${sel()}[${w}]))`;
  const quantile = (p: number) => `histogram_quantile(${p}, sum by (le) (rate(istio_request_duration_milliseconds_bucket${sel()}[${w}])))`;
  // The series live in the Prometheus of the reporting side's cluster.
  const reporterCluster = reporter === 'source' ? parts[0]?.cluster : parts[parts.length - 1]?.cluster;
  return {
    reporterCluster,
    queries: {
      rps: total,
      errorRate: `(sum(rate(istio_requests_total${sel(['response_code=~"5.."'])}[${w}])) or vector(0)) / ${total}`,
      p50: quantile(0.5),
      p95: quantile(0.95),
      p99: quantile(0.99),
    },
  };
}

/** Range queries for the charts of a node or edge, against the Prometheus that holds the data. */
export async function chartSeries(q: MetricsQuery): Promise<MetricsResponse> {
  const end = q.queryTime ?? Math.floor(Date.now() / 1000);
  const start = end - q.duration;
  const step = q.step ?? Math.max(10, Math.round(q.duration / 60));
  const { reporterCluster, queries } = seriesQueries(q, step);
  const scope = reporterCluster ? [reporterCluster] : clusterNames().slice(0, 1);
  const errors: Record<string, string> = {};
  for (const c of clustersWithoutPrometheus(scope)) errors[c] = 'no Prometheus configured for this cluster';
  const series: MetricsResponse['series'] = [];
  for (const group of prometheusTargets(scope)) {
    await Promise.all(
      (Object.keys(queries) as (keyof typeof queries)[]).map(async (name) => {
        try {
          const r = await queryRange(group.target, queries[name], { start: new Date(start * 1000), end: new Date(end * 1000), stepSeconds: step });
          series.push({ name, points: r[0]?.values ?? [] });
        } catch (e) {
          errors[group.clusters.join(',')] = (e as Error).message;
        }
      }),
    );
  }
  const order = ['rps', 'errorRate', 'p50', 'p95', 'p99'];
  series.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return { series, errors, start, end, step };
}
