import 'server-only';
import { Counter, Histogram, Registry, type MetricType } from 'prom-client';
import { HTTP_LABELS, TCP_LABELS, labelKey, type LabelSet } from './labels';

// Istio's standard metrics of one cluster, in a prom-client Registry of its own (never the global
// one). Ticks add to plain accumulators (one per label set: identical label sets are aggregated, so
// the per-tick cost does not depend on request volume); prom-client Counter/Histogram subclasses read
// them at scrape time (prom-client's own Histogram can only observe one value at a time), and the
// Registry formats the text, with each series' label set formatted once and cached (`sharedLabels`).
// Series that never counted anything are not exposed.

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

/** A sample as prom-client's text formatter takes it: `sharedLabels` objects are formatted once and cached. */
interface Sample {
  value: number;
  labels: Record<string, string | number>;
  sharedLabels?: LabelSet;
  metricName?: string;
}

interface Readout {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  samples: () => Iterable<Sample>;
}

function read(r: Readout, splay: boolean) {
  const values: Sample[] = [];
  for (const v of r.samples()) values.push(splay ? { value: v.value, labels: { ...v.sharedLabels, ...v.labels }, ...(v.metricName ? { metricName: v.metricName } : {}) } : v);
  return {
    name: r.name,
    help: r.help,
    // prom-client's typings declare a numeric enum, its runtime uses the text format's type names
    type: r.type as unknown as MetricType,
    aggregator: 'sum' as const,
    collect: () => undefined,
    values: values as { value: number; labels: Record<string, string | number> }[],
  };
}

/** A prom-client Counter whose values are read from the simulation's accumulators. */
class SeriesCounter extends Counter<string> {
  constructor(registry: Registry, labelNames: readonly string[], private readonly readout: Readout) {
    super({ name: readout.name, help: readout.help, labelNames: [...labelNames], registers: [registry] });
  }
  override async get() {
    return read(this.readout, true);
  }
  /** prom-client's registry prefers this read-out when formatting text. */
  async getForPromString() {
    return read(this.readout, false);
  }
}

/** A prom-client Histogram whose buckets are read from the simulation's accumulators. */
class SeriesHistogram extends Histogram<string> {
  constructor(registry: Registry, private readonly readout: Readout) {
    super({ name: readout.name, help: readout.help, labelNames: [...HTTP_LABELS], buckets: ISTIO_DURATION_BUCKETS, registers: [registry] });
  }
  override async get() {
    return read(this.readout, true);
  }
  async getForPromString() {
    return read(this.readout, false);
  }
}

const LE = ISTIO_DURATION_BUCKETS.map((b) => ({ le: b }));

function* histogramSamples(name: string, series: Iterable<HttpSeries>): Iterable<Sample> {
  for (const s of series) {
    if (s.requests === 0) continue;
    let acc = 0;
    for (let i = 0; i < LE.length; i++) {
      acc += s.buckets[i] ?? 0;
      yield { labels: LE[i] ?? {}, sharedLabels: s.labels, value: acc, metricName: `${name}_bucket` };
    }
    yield { labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.requests, metricName: `${name}_bucket` };
    yield { labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${name}_sum` };
    yield { labels: {}, sharedLabels: s.labels, value: s.requests, metricName: `${name}_count` };
  }
}

function* counterSamples<S extends { labels: LabelSet }>(series: Iterable<S>, pick: (s: S) => number): Iterable<Sample> {
  for (const s of series) {
    const value = pick(s);
    if (value > 0) yield { labels: {}, sharedLabels: s.labels, value };
  }
}

export class ClusterMetrics {
  readonly registry = new Registry();
  private readonly http = new Map<string, HttpSeries>();
  private readonly tcp = new Map<string, TcpSeries>();

  constructor() {
    const http = () => this.http.values();
    const tcp = () => this.tcp.values();
    const r = this.registry;
    new SeriesCounter(r, HTTP_LABELS, { name: 'istio_requests_total', help: 'Total requests (simulated)', type: 'counter', samples: () => counterSamples(http(), (s) => s.requests) });
    const duration = 'istio_request_duration_milliseconds';
    new SeriesHistogram(r, { name: duration, help: 'Duration of requests in milliseconds (simulated)', type: 'histogram', samples: () => histogramSamples(duration, http()) });
    const tcpCounter = (name: string, help: string, pick: (s: TcpSeries) => number) =>
      new SeriesCounter(r, TCP_LABELS, { name, help, type: 'counter', samples: () => counterSamples(tcp(), pick) });
    tcpCounter('istio_tcp_sent_bytes_total', 'Bytes sent during the response of TCP connections (simulated)', (s) => Math.round(s.sent));
    tcpCounter('istio_tcp_received_bytes_total', 'Bytes received during the request of TCP connections (simulated)', (s) => Math.round(s.received));
    tcpCounter('istio_tcp_connections_opened_total', 'TCP connections opened (simulated)', (s) => s.opened);
    tcpCounter('istio_tcp_connections_closed_total', 'TCP connections closed (simulated)', (s) => s.closed);
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
