import 'server-only';
import { anyOf, matcher, rangeOf, selector, type Matcher } from './promql';
import { QUERY_NAMES, type PromSample, type QueryName, type Telemetry } from './types';

export type { PromSample, QueryName, Telemetry } from './types';

/** Labels that identify who called whom (the same in every query, so series can be joined). */
export const IDENTITY_LABELS = [
  'reporter',
  'source_cluster',
  'source_workload',
  'source_workload_namespace',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_cluster',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_workload',
  'destination_workload_namespace',
  'destination_canonical_service',
  'destination_canonical_revision',
] as const;

const REQUEST_LABELS = [
  ...IDENTITY_LABELS,
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
  'connection_security_policy',
];
const LATENCY_LABELS = ['le', ...IDENTITY_LABELS, 'request_protocol'];
const LATENCY_AVG_LABELS = [...IDENTITY_LABELS, 'request_protocol'];
const TCP_LABELS = [...IDENTITY_LABELS, 'response_flags', 'connection_security_policy'];
const PRINCIPAL_LABELS = [...IDENTITY_LABELS, 'request_protocol', 'source_principal', 'destination_principal'];

export interface GraphQueryOptions {
  /** Window in seconds. */
  duration: number;
  /** Selected namespaces; empty = all. Traffic with either end in one of them is returned. */
  namespaces: string[];
  /**
   * Selected clusters, for a global Prometheus (Thanos, Mimir) whose series carry the scraping
   * cluster in `clusterLabel`. Pass [] for a per-cluster Prometheus (it only holds its cluster).
   */
  clusters: string[];
  /** Name of the cluster label of a global Prometheus; default "cluster". */
  clusterLabel?: string;
}

/**
 * Builds the sum-by-rate of `metric` (a name or a `{__name__=~...}` set), restricted to traffic that
 * touches the selected namespaces: destination side `or` source side. `or` keeps one copy of a
 * series that matches both, so internal traffic is not counted twice.
 */
function sumRate(metric: string | Matcher, by: readonly string[], opts: GraphQueryOptions, extra: Matcher[] = []): string {
  const range = rangeOf(opts.duration);
  const metricName = typeof metric === 'string' ? metric : '';
  const common = [...(typeof metric === 'string' ? [] : [metric]), ...extra];
  if (opts.clusters.length > 0) common.push(anyOf(opts.clusterLabel ?? 'cluster', opts.clusters));
  const byClause = `sum by (${by.join(',')})`;
  const one = (more: Matcher[]) => `${byClause} (rate(${selector(metricName, [...common, ...more])}[${range}]))`;
  if (opts.namespaces.length === 0) return one([]);
  return `(${one([anyOf('destination_service_namespace', opts.namespaces)])} or ${one([anyOf('source_workload_namespace', opts.namespaces)])})`;
}

const IDENTITY_WITHOUT_REPORTER = IDENTITY_LABELS.filter((l) => l !== 'reporter');

/**
 * The reporter dedup rule (server/graph/series.ts ReporterChoice) done by Prometheus for the
 * secondary queries (latency, principals): the destination reporter's series, plus the source
 * reporter's series of the identities the destination did not report. Halves what those queries
 * return; the appenders apply the same rule again, so a Prometheus answer without it is fine too.
 */
function preferDestination(metric: string, by: readonly string[], opts: GraphQueryOptions): string {
  const dest = sumRate(metric, by, opts, [matcher('reporter', '=', 'destination')]);
  const src = sumRate(metric, by, opts, [matcher('reporter', '=', 'source')]);
  return `(${dest} or (${src} unless on (${IDENTITY_WITHOUT_REPORTER.join(',')}) ${dest}))`;
}

/** The batch of instant queries for one graph request against one Prometheus. */
export function graphQueries(opts: GraphQueryOptions): Record<QueryName, string> {
  const quantile = (q: number) =>
    `histogram_quantile(${q}, ${sumRate('istio_request_duration_milliseconds_bucket', LATENCY_LABELS, opts)})`;
  return {
    requests: sumRate('istio_requests_total', REQUEST_LABELS, opts),
    // Sent + received, summed per identity: rate() over both names at once would yield two series with
    // the same labels (rate drops __name__), which Prometheus refuses.
    tcp: `(${sumRate('istio_tcp_sent_bytes_total', TCP_LABELS, opts)} + ${sumRate('istio_tcp_received_bytes_total', TCP_LABELS, opts)})`,
    latencyP50: quantile(0.5),
    latencyP95: quantile(0.95),
    latencyP99: quantile(0.99),
    // Latency keeps both reporters: the responseTime appender shows the caller's view (network
    // included) on caller -> service edges and the server's on service -> workload edges.
    latencySum: sumRate('istio_request_duration_milliseconds_sum', LATENCY_AVG_LABELS, opts),
    latencyCount: sumRate('istio_request_duration_milliseconds_count', LATENCY_AVG_LABELS, opts),
    principals: preferDestination('istio_requests_total', PRINCIPAL_LABELS, opts),
  };
}

export function emptyTelemetry(): Telemetry {
  return { samples: Object.fromEntries(QUERY_NAMES.map((q) => [q, []])) as unknown as Record<QueryName, PromSample[]>, errors: {} };
}

/**
 * Runs the batch concurrently through the injected Prometheus client. Never rejects: a failed query
 * is recorded in `errors` (buildGraph treats a failed `requests` query as Prometheus down).
 */
export async function fetchTelemetry(
  run: (name: QueryName, promql: string) => Promise<PromSample[]>,
  opts: GraphQueryOptions,
): Promise<Telemetry> {
  const queries = graphQueries(opts);
  const out = emptyTelemetry();
  const settled = await Promise.allSettled(QUERY_NAMES.map((q) => run(q, queries[q])));
  settled.forEach((r, i) => {
    const q = QUERY_NAMES[i] as QueryName;
    if (r.status === 'fulfilled') out.samples[q] = r.value;
    else out.errors[q] = r.reason instanceof Error ? r.reason.message : String(r.reason);
  });
  return out;
}

/**
 * Combines the telemetry of several Prometheus servers (one per cluster): each proxy is scraped by
 * one of them, so the series are disjoint and concatenate. A query counts as failed only when it
 * failed everywhere; partial failures are the caller's telemetryErrors (per cluster).
 */
export function mergeTelemetry(parts: readonly Telemetry[]): Telemetry | undefined {
  if (parts.length === 0) return undefined;
  const out = emptyTelemetry();
  for (const q of QUERY_NAMES) {
    const failed = parts.filter((p) => p.errors[q] !== undefined);
    if (failed.length === parts.length) out.errors[q] = failed[0]?.errors[q];
    for (const p of parts) for (const s of p.samples[q]) out.samples[q].push(s);
  }
  return out;
}
