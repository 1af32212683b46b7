import 'server-only';
import { Counter, Histogram, Registry, type MetricType } from 'prom-client';
import { HTTP_LABELS, TCP_LABELS, labelKey, type LabelSet } from './labels';

// Istio's standard metrics of one cluster, in a prom-client Registry of its own (never the global
// one). Ticks add to plain accumulators (one per label set: identical label sets are aggregated, so
// the per-tick cost does not depend on request volume); the prom-client metrics read them at scrape
// time: the counters through their `collect` hook, the histogram through an override of its
// read-out, because prom-client's Histogram can only observe one value at a time.

/** Istio's default buckets of istio_request_duration_milliseconds. */
export const ISTIO_DURATION_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];

export class HttpSeries {
  requests = 0;
  sum = 0;
  /** Non-cumulative bucket counts; the last slot counts observations above the largest bound. */
  readonly buckets = new Float64Array(ISTIO_DURATION_BUCKETS.length + 1);
  constructor(readonly labels: LabelSet) {}

  /** Counts `weight` requests that took `ms` milliseconds. */
  observe(ms: number, weight: number): void {
    let i = 0;
    while (i < ISTIO_DURATION_BUCKETS.length && ms > (ISTIO_DURATION_BUCKETS[i] ?? Infinity)) i++;
    this.buckets[i] = (this.buckets[i] ?? 0) + weight;
    this.requests += weight;
    this.sum += ms * weight;
  }
}

export class TcpSeries {
  sent = 0;
  received = 0;
  opened = 0;
  closed = 0;
  constructor(readonly labels: LabelSet) {}
}

type Values = { labels: Record<string, string | number>; value: number; metricName?: string }[];

/** istio_request_duration_milliseconds, read out from the accumulated series. */
class DurationHistogram extends Histogram<string> {
  constructor(
    registry: Registry,
    private readonly series: () => Iterable<HttpSeries>,
  ) {
    super({
      name: 'istio_request_duration_milliseconds',
      help: 'Duration of requests in milliseconds (simulated)',
      labelNames: [...HTTP_LABELS],
      buckets: ISTIO_DURATION_BUCKETS,
      registers: [registry],
    });
  }

  private values(): Values {
    const out: Values = [];
    const name = 'istio_request_duration_milliseconds';
    for (const s of this.series()) {
      let acc = 0;
      ISTIO_DURATION_BUCKETS.forEach((bound, i) => {
        acc += s.buckets[i] ?? 0;
        out.push({ labels: { ...s.labels, le: bound }, value: acc, metricName: `${name}_bucket` });
      });
      out.push({ labels: { ...s.labels, le: '+Inf' }, value: s.requests, metricName: `${name}_bucket` });
      out.push({ labels: { ...s.labels }, value: s.sum, metricName: `${name}_sum` });
      out.push({ labels: { ...s.labels }, value: s.requests, metricName: `${name}_count` });
    }
    return out;
  }

  override async get() {
    return {
      name: 'istio_request_duration_milliseconds',
      help: 'Duration of requests in milliseconds (simulated)',
      // prom-client's typings declare a numeric enum, its runtime uses the text format's type names
      type: 'histogram' as unknown as MetricType,
      aggregator: 'sum' as const,
      collect: () => undefined,
      values: this.values(),
    };
  }

  /** prom-client's registry prefers this read-out when formatting text. */
  async getForPromString() {
    return this.get();
  }
}

export class ClusterMetrics {
  readonly registry = new Registry();
  private readonly http = new Map<string, HttpSeries>();
  private readonly tcp = new Map<string, TcpSeries>();

  constructor() {
    const httpValues = () => this.http.values();
    const tcpValues = () => this.tcp.values();
    const counter = (name: string, help: string, labelNames: readonly string[], read: () => Iterable<{ labels: LabelSet; value: number }>) => {
      const metric: Counter<string> = new Counter({
        name,
        help,
        labelNames: [...labelNames],
        registers: [this.registry],
        collect: () => {
          metric.reset();
          for (const { labels, value } of read()) metric.inc(labels, value);
        },
      });
    };
    counter('istio_requests_total', 'Total requests (simulated)', HTTP_LABELS, () =>
      map(httpValues(), (s) => ({ labels: s.labels, value: s.requests })),
    );
    new DurationHistogram(this.registry, httpValues);
    const tcp = (name: string, help: string, pick: (s: TcpSeries) => number) =>
      counter(name, help, TCP_LABELS, () => map(tcpValues(), (s) => ({ labels: s.labels, value: pick(s) })));
    tcp('istio_tcp_sent_bytes_total', 'Bytes sent during the response of TCP connections (simulated)', (s) => s.sent);
    tcp('istio_tcp_received_bytes_total', 'Bytes received during the request of TCP connections (simulated)', (s) => s.received);
    tcp('istio_tcp_connections_opened_total', 'TCP connections opened (simulated)', (s) => s.opened);
    tcp('istio_tcp_connections_closed_total', 'TCP connections closed (simulated)', (s) => s.closed);
  }

  httpSeries(labels: LabelSet): HttpSeries {
    const key = labelKey(labels, HTTP_LABELS);
    let s = this.http.get(key);
    if (!s) this.http.set(key, (s = new HttpSeries(labels)));
    return s;
  }

  tcpSeries(labels: LabelSet): TcpSeries {
    const key = labelKey(labels, TCP_LABELS);
    let s = this.tcp.get(key);
    if (!s) this.tcp.set(key, (s = new TcpSeries(labels)));
    return s;
  }

  get seriesCount(): number {
    return this.http.size + this.tcp.size;
  }
}

function* map<T, U>(items: Iterable<T>, fn: (item: T) => U): Iterable<U> {
  for (const item of items) yield fn(item);
}
