import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { byId, expectAppenderGolden } from '../testing/golden';
import { scenario } from '../testing/scenario';
import { request, spiffe, tcp, telemetryOf, type Call } from '../testing/telemetry';
import { security } from './security';
import { traffic } from './traffic';

describe('security appender', () => {
  it('golden file: what security adds: mTLS share and principals per edge, mTLS mode per node', () => {
    expectAppenderGolden(security, {
      workload: scenario('workload'),
      'workload, Prometheus down': { ...scenario('workload'), telemetry: undefined },
    });
  });

  it('golden: mTLS share and principals of the scenario edges, mTLS mode of nodes', () => {
    const g = runAppenders(scenario('workload'), [traffic, security]);
    expect(byId(g.edges, (e) => (e.mtlsShare === undefined ? undefined : e.mtlsShare))).toEqual({
      'svc:eu-west:bookinfo:ratings->wl:eu-west:bookinfo:ratings-v1:http': 1,
      'svc:eu-west:mcs-demo:hello-master-engine->wl:eu-west:mcs-demo:hello-master-engine:http': 1,
      'svc:us-east:bookinfo:productpage->wl:us-east:bookinfo:productpage-v1:http': 0,
      'svc:us-east:bookinfo:ratings->wl:us-east:bookinfo:ratings-v1:http': 1,
      'svc:us-east:bookinfo:reviews->wl:us-east:bookinfo:reviews-v1:http': 1,
      'svc:us-east:bookinfo:reviews->wl:us-east:bookinfo:reviews-v2:http': 1,
      'svc:us-east:bookinfo:reviews->wl:us-east:bookinfo:reviews-v3:http': 1,
      'unknown->svc:us-east:bookinfo:productpage:http': 0,
      'wl:us-east:bookinfo:productpage-v1->svc:us-east:bookinfo:reviews:http': 1,
      'wl:us-east:bookinfo:reviews-v2->svc:us-east:bookinfo:ratings:http': 1,
      'wl:us-east:bookinfo:reviews-v3->svc:eu-west:bookinfo:ratings:http': 1,
      'wl:us-east:legacy:legacy-billing->svc:us-east:bookinfo:productpage:http': 0,
      'wl:us-east:mcs-demo:hello-app-engine->svc:eu-west:mcs-demo:hello-master-engine:http': 1,
      // source-only edges (details, external) have no mTLS data: only the destination knows it
    });
    expect(byId(g.edges, (e) => e.principals)).toEqual({
      'svc:eu-west:bookinfo:ratings->wl:eu-west:bookinfo:ratings-v1:http': { source: [spiffe('bookinfo', 'bookinfo-reviews')], destination: [spiffe('bookinfo', 'bookinfo-ratings')] },
      'svc:eu-west:mcs-demo:hello-master-engine->wl:eu-west:mcs-demo:hello-master-engine:http': { source: [spiffe('mcs-demo', 'hello-app-engine')], destination: [spiffe('mcs-demo', 'hello-master-engine')] },
      'wl:us-east:bookinfo:reviews-v3->svc:eu-west:bookinfo:ratings:http': { source: [spiffe('bookinfo', 'bookinfo-reviews')], destination: [spiffe('bookinfo', 'bookinfo-ratings')] },
      'wl:us-east:mcs-demo:hello-app-engine->svc:eu-west:mcs-demo:hello-master-engine:http': { source: [spiffe('mcs-demo', 'hello-app-engine')], destination: [spiffe('mcs-demo', 'hello-master-engine')] },
    });
    const modes = byId(g.nodes, (n) => n.badges.mtls);
    expect(modes['wl:us-east:mcs-demo:hello-app-engine']).toBe('strict');
    expect(modes['svc:us-east:bookinfo:reviews']).toBe('permissive');
    expect(modes.unknown).toBeUndefined();
  });

  it('weights the share by rps (http) and bytes/s (tcp)', () => {
    const c: Call = { src: { cluster: 'c', ns: 'n', wl: 'a' }, dst: { host: 'x.example.com' } };
    const t = telemetryOf([request(c, 'destination', 3, { policy: 'mutual_tls' }), request(c, 'destination', 1, { policy: 'none' })], {
      tcp: [tcp(c, 'destination', 100, 'none'), tcp(c, 'destination', 300, 'mutual_tls')],
    });
    const g = runAppenders({ inventory: { clusters: [] }, telemetry: t, options: { graphType: 'workload', clusters: [], namespaces: [], duration: 60, queryTime: 0, idle: false } }, [traffic, security]);
    expect(byId(g.edges, (e) => e.mtlsShare)).toEqual({ 'wl:c:n:a->ext:x.example.com:http': 0.75, 'wl:c:n:a->ext:x.example.com:tcp': 0.75 });
  });

  it('gives each edge with data the mTLS verdict the UI draws: mutual TLS from 99% of the traffic', () => {
    const edge = (host: string, mutual: number, plain: number) => {
      const c: Call = { src: { cluster: 'c', ns: 'n', wl: 'a' }, dst: { host } };
      return [request(c, 'destination', mutual, { policy: 'mutual_tls' }), request(c, 'destination', plain, { policy: 'none' })];
    };
    const t = telemetryOf([...edge('all.example.com', 99, 1), ...edge('most.example.com', 98, 2), ...edge('none.example.com', 0, 5)]);
    const g = runAppenders({ inventory: { clusters: [] }, telemetry: t, options: { graphType: 'workload', clusters: [], namespaces: [], duration: 60, queryTime: 0, idle: false } }, [traffic, security]);
    expect(byId(g.edges, (e) => e.mtls)).toEqual({
      'wl:c:n:a->ext:all.example.com:http': true,
      'wl:c:n:a->ext:most.example.com:http': false,
      'wl:c:n:a->ext:none.example.com:http': false,
    });
  });
});
