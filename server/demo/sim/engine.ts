import 'server-only';
import type { DemoClusterName } from '../types';
import type { Flow, Report } from './flow';
import { sampleLatency } from './latency';
import type { ClusterMetrics, HttpSeries, TcpSeries } from './metrics';
import { Carry, normal, type Random } from './random';

// The tick: each flow issues rate x dt requests (with +-5% noise per tick; fractional requests are
// carried over, so counters grow smoothly and their long-run rate is the configured one), split over
// the outcomes' series of each reporter. Histograms get at most SAMPLES_PER_SERIES latency draws per
// series per tick, each weighted by its share of the tick's requests, so the cost per tick depends on
// the number of series, not on the request volume.

export const SAMPLES_PER_SERIES = 8;
const RATE_NOISE = 0.05;
/** TCP request bytes as a share of the response bytes. */
const TCP_REQUEST_SHARE = 0.25;

interface BoundOutcome {
  share: number;
  latency: Flow['view'][number]['latency'];
  http?: HttpSeries;
  tcp?: TcpSeries;
  carry: Carry;
}

interface BoundReport {
  perRequest: number;
  outcomes: BoundOutcome[];
}

interface BoundFlow {
  rate: number;
  tcpBytes: number;
  reports: BoundReport[];
}

export class Engine {
  private flows: BoundFlow[] = [];

  constructor(
    private readonly metrics: Record<DemoClusterName, ClusterMetrics>,
    private readonly random: Random,
  ) {}

  /** Binds a new plan to the series of each cluster's registry (series keep their totals across plans). */
  setPlan(flows: readonly Flow[]): void {
    this.flows = flows.map((f) => ({
      rate: f.rate,
      tcpBytes: f.tcpBytes ?? 0,
      reports: [f.source, f.destination].filter((r): r is Report => r !== undefined).map((r) => this.bind(r, f.edge.protocol === 'tcp')),
    }));
  }

  private bind(report: Report, tcp: boolean): BoundReport {
    const metrics = this.metrics[report.cluster];
    return {
      perRequest: report.perRequest,
      outcomes: report.outcomes.map((o) => ({
        share: o.share,
        latency: o.latency,
        carry: new Carry(this.random),
        ...(tcp ? { tcp: metrics.tcpSeries(o.labels) } : { http: metrics.httpSeries(o.labels) }),
      })),
    };
  }

  /** Advances the simulation by dtSeconds. */
  tick(dtSeconds: number): void {
    for (const flow of this.flows) {
      const expected = flow.rate * dtSeconds * Math.max(0, 1 + RATE_NOISE * normal(this.random));
      for (const report of flow.reports) {
        for (const o of report.outcomes) {
          const amount = expected * report.perRequest * o.share;
          const count = o.carry.take(amount);
          if (o.http && count > 0) this.observe(o.http, o, count);
          if (o.tcp) {
            o.tcp.opened += count;
            o.tcp.closed += count;
            o.tcp.sent += amount * flow.tcpBytes;
            o.tcp.received += amount * flow.tcpBytes * TCP_REQUEST_SHARE;
          }
        }
      }
    }
  }

  private observe(series: HttpSeries, o: BoundOutcome, count: number): void {
    const samples = Math.min(count, SAMPLES_PER_SERIES);
    const base = Math.floor(count / samples);
    const extra = count % samples;
    for (let i = 0; i < samples; i++) {
      series.observe(sampleLatency(o.latency, this.random), base + (i < extra ? 1 : 0));
    }
  }

  get flowCount(): number {
    return this.flows.length;
  }
}
