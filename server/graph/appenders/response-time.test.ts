import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { byId, expectAppenderGolden } from '../testing/golden';
import { scenario } from '../testing/scenario';
import { pushLatency, request, telemetryOf, type Call } from '../testing/telemetry';
import { responseTime } from './response-time';
import { traffic } from './traffic';

describe('responseTime appender', () => {
  it('golden file: what responseTime adds: latency per edge, caller\'s view before the service, server\'s view behind it', () => {
    expectAppenderGolden(responseTime, {
      workload: scenario('workload'),
      app: scenario('app'),
    });
  });

  it("golden: latency of the scenario edges (caller's view on caller -> service edges, server's view behind the service, max of merged quantiles, exact avg)", () => {
    const g = runAppenders(scenario('workload'), [traffic, responseTime]);
    expect(byId(g.edges, (e) => (Object.keys(e.latencyMs).length ? e.latencyMs : undefined))).toEqual({
      'svc:eu-west:bookinfo:ratings->wl:eu-west:bookinfo:ratings-v1:http': { p50: 8, p95: 70, p99: 95, avg: 15 },
      'svc:eu-west:mcs-demo:hello-master-engine->wl:eu-west:mcs-demo:hello-master-engine:http': { p50: 20, p95: 60, p99: 90, avg: 25 },
      'svc:us-east:bookinfo:reviews->wl:us-east:bookinfo:reviews-v1:http': { p50: 10, p95: 30, p99: 50, avg: 12 },
      'svc:us-east:bookinfo:reviews->wl:us-east:bookinfo:reviews-v2:http': { p50: 10, p95: 45, p99: 65, avg: 12 },
      'svc:us-east:bookinfo:reviews->wl:us-east:bookinfo:reviews-v3:http': { p50: 10, p95: 50, p99: 70, avg: 12 },
      // productpage -> reviews groups three destinations: quantiles are the largest, avg exact; only the
      // destinations reported latency here, so the caller edge falls back to their view.
      'wl:us-east:bookinfo:productpage-v1->svc:us-east:bookinfo:reviews:http': { p50: 10, p95: 50, p99: 70, avg: 12 },
      // only the source proxy reports an external call
      'wl:us-east:bookinfo:reviews-v1->ext:api.payments.example:http': { p50: 120, p95: 300, p99: 480, avg: 150 },
      'wl:us-east:bookinfo:reviews-v3->svc:eu-west:bookinfo:ratings:http': { p50: 8, p95: 70, p99: 95, avg: 15 },
      // the caller's proxy measured the cross-cluster hop too: its view, not the server's (20/60/90/25)
      'wl:us-east:mcs-demo:hello-app-engine->svc:eu-west:mcs-demo:hello-master-engine:http': { p50: 70, p95: 112, p99: 150, avg: 76 },
    });
  });

  it('weights the average by count and skips NaN quantiles', () => {
    const src = { cluster: 'c', ns: 'n', wl: 'a' };
    const c1: Call = { src, dst: { host: 'ext.example.com' } };
    const c2: Call = { src: { ...src, wl: 'a2', app: 'a' }, dst: { host: 'ext.example.com' } };
    const t = telemetryOf([request(c1, 'source', 1), request(c2, 'source', 3)]);
    pushLatency(t, c1, 'source', { p50: NaN, p95: 100, p99: 200, avg: 10, rps: 1 });
    pushLatency(t, c2, 'source', { p50: NaN, p95: 50, p99: 300, avg: 30, rps: 3 });
    const g = runAppenders({ inventory: { clusters: [] }, telemetry: t, options: { graphType: 'app', clusters: [], namespaces: [], duration: 60, queryTime: 0, idle: false } }, [traffic, responseTime]);
    expect(g.edges.map((e) => e.latencyMs)).toEqual([{ p95: 100, p99: 300, avg: 25 }]);
  });
});
