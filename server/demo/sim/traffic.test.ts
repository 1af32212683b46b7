import { describe, expect, it, vi } from 'vitest';
import { createScenarioState } from '../scenarios';
import { SIM_ANNOTATIONS, type DemoClusterName, type KubeObject } from '../types';
import { createSimulation, seededRandom } from './index';
import { fakeViews, istio, parseMetrics, service, serviceExport, total, workload } from './testing';

// Entry traffic, protocols, external hosts, bad annotations, scenarios and scale.

function run(objects: Partial<Record<DemoClusterName, KubeObject[]>>) {
  const views = fakeViews(objects);
  const scenarios = createScenarioState();
  const warn = vi.fn();
  const s = createSimulation({ views, scenarios, random: seededRandom(3), warn });
  const edges = (from: string) => s.snapshot().edges.filter((e) => e.sourceWorkload === from);
  return { s, views, scenarios, warn, edges, scrape: async (c: DemoClusterName) => parseMetrics(await s.metrics(c)) };
}

describe('traffic kinds', () => {
  it('entry traffic comes from the ingress gateway when a Gateway VirtualService routes to it, else from unknown', () => {
    const objects = [
      ...workload({ namespace: 'shop', name: 'front', entryRps: 8 }),
      ...workload({ namespace: 'shop', name: 'back', entryRps: 2 }),
      service('shop', 'front'),
      service('shop', 'back'),
      istio('VirtualService', 'shop', 'front-gw', { hosts: ['*'], gateways: ['shop-gateway'], http: [{ route: [{ destination: { host: 'front' } }] }] }),
    ];
    const { s } = run({ 'eu-west': objects });
    const entries = s.snapshot().edges.filter((e) => e.destinationCluster === 'eu-west');
    expect(entries.find((e) => e.destinationWorkload === 'front')).toMatchObject({ sourceWorkload: 'istio-ingressgateway', sourceNamespace: 'istio-system', rps: 8, reporters: ['source', 'destination'], mtls: true });
    expect(entries.find((e) => e.destinationWorkload === 'back')).toMatchObject({ sourceWorkload: 'unknown', sourceCluster: 'unknown', rps: 2, reporters: ['destination'], destinationService: 'back.shop.svc.cluster.local' });
    // when the cluster runs an ingress gateway Deployment, entry traffic carries its identity
    const gw = workload({ namespace: 'istio-system', name: 'ingress-gw', app: 'istio-ingressgateway' }).map((o) => ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, istio: 'ingressgateway' } } }));
    const withGw = run({ 'eu-west': [...objects, ...gw] }).s.snapshot().edges.find((e) => e.destinationWorkload === 'front');
    expect(withGw).toMatchObject({ sourceWorkload: 'ingress-gw', sourceNamespace: 'istio-system' });
  });

  it('tcp calls emit connection and byte counters from both proxies', async () => {
    const { s, scrape } = run({
      'us-east': [
        ...workload({ namespace: 'db', name: 'client', calls: [{ host: 'mysql.db.svc.cluster.local', port: 3306, rps: 2, protocol: 'tcp' }] }),
        ...workload({ namespace: 'db', name: 'mysql', annotations: { [SIM_ANNOTATIONS.tcpBytes]: '1000' } }),
        service('db', 'mysql'),
      ],
    });
    for (let i = 0; i < 10; i++) s.tick();
    const m = await scrape('us-east');
    for (const reporter of ['source', 'destination']) {
      expect(total(m, 'istio_tcp_connections_opened_total', { reporter, request_protocol: 'tcp' })).toBeGreaterThan(15);
      const sent = total(m, 'istio_tcp_sent_bytes_total', { reporter, destination_workload: 'mysql' });
      expect(sent).toBeGreaterThan(15_000);
      expect(sent).toBeLessThan(25_000);
    }
    expect(total(m, 'istio_requests_total', { destination_workload: 'mysql' })).toBe(0);
  });

  it('grpc calls carry grpc_response_status; application errors keep HTTP 200', () => {
    const { edges, s } = run({
      'us-east': [
        ...workload({ namespace: 'g', name: 'caller', calls: [{ host: 'api', port: 50051, rps: 10, protocol: 'grpc' }] }),
        ...workload({ namespace: 'g', name: 'api', errorRate: 0.2 }),
        service('g', 'api'),
      ],
    });
    expect(Object.keys(edges('caller')[0]?.codes ?? {})).toEqual(['200']);
    expect(edges('caller')[0]?.codes['200']).toBeCloseTo(10);
    s.tick();
    return s.metrics('us-east').then((text) => {
      const m = parseMetrics(text);
      const unavailable = total(m, 'istio_requests_total', { reporter: 'source', request_protocol: 'grpc', grpc_response_status: '14', response_code: '200' });
      expect(unavailable).toBeGreaterThan(0);
    });
  });

  it('external hosts go to PassthroughCluster, reported by the caller only', () => {
    const { edges } = run({ 'us-east': workload({ namespace: 'a', name: 'x', calls: [{ host: 'api.github.com', port: 443, rps: 1, protocol: 'http' }] }) });
    expect(edges('x')[0]).toMatchObject({ destinationService: 'api.github.com', destinationWorkload: 'unknown', reporters: ['source'] });
  });

  it('ignores unparseable annotations with a warning, once', () => {
    const bad = workload({ namespace: 'a', name: 'bad', annotations: { [SIM_ANNOTATIONS.calls]: '[{"host": 1', [SIM_ANNOTATIONS.latencyMs]: 'fast' } });
    const { warn, s, edges } = run({ 'us-east': bad });
    s.refresh();
    expect(edges('bad')).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/demo\.meridian\.dev\/calls of Deployment a\/bad/);
  });

  it('counters grow so that rate() over 30 s is close to the configured rps', async () => {
    const { s, scrape } = run({
      'us-east': [...workload({ namespace: 'a', name: 'c', calls: [{ host: 'd', port: 80, rps: 3.3, protocol: 'http' }] }), ...workload({ namespace: 'a', name: 'd' }), service('a', 'd')],
    });
    for (let i = 0; i < 30; i++) s.tick();
    const rate = total(await scrape('us-east'), 'istio_requests_total', { reporter: 'source' }) / 30;
    expect(rate).toBeGreaterThan(3.0);
    expect(rate).toBeLessThan(3.6);
  });
});

describe('scenarios in the traffic', () => {
  const mesh = () => ({
    'us-east': [
      ...workload({ namespace: 'mcs-demo', name: 'hello-app-engine-v1', app: 'hello-app-engine', calls: [{ host: 'hello-master-engine.mcs-demo.svc.clusterset.local', port: 8080, rps: 10, protocol: 'http' as const }] }),
    ],
    'eu-west': [...workload({ namespace: 'mcs-demo', name: 'hello-master-engine-v1', app: 'hello-master-engine' }), service('mcs-demo', 'hello-master-engine'), serviceExport('mcs-demo', 'hello-master-engine')],
  });

  it('latency-spike adds its extra latency on the default edge', () => {
    const { s, scenarios, edges } = run(mesh());
    const before = edges('hello-app-engine-v1')[0]?.p50Ms ?? 0;
    scenarios.start('latency-spike');
    s.refresh();
    expect((edges('hello-app-engine-v1')[0]?.p50Ms ?? 0) - before).toBeCloseTo(400, -1);
  });

  it('error-burst makes the service answer 5xx at the given rate', () => {
    const { s, scenarios, edges } = run(mesh());
    scenarios.start('error-burst', { service: 'hello-master-engine', cluster: 'eu-west', rate: 0.4 });
    s.refresh();
    const e = edges('hello-app-engine-v1')[0];
    expect(((e?.codes['503'] ?? 0) + (e?.codes['500'] ?? 0)) / (e?.rps ?? 1)).toBeCloseTo(0.4, 2);
  });

  it('proxy-stale keeps the old routing of that cluster until it stops', () => {
    const { s, scenarios, views, edges } = run(mesh());
    scenarios.start('proxy-stale', { cluster: 'us-east' });
    s.refresh();
    views['us-east'].put(istio('VirtualService', 'mcs-demo', 'hello', { hosts: ['hello-master-engine.mcs-demo.svc.clusterset.local'], http: [{ route: [{ destination: { host: 'hello-master-engine.mcs-demo.svc.clusterset.local' } }], fault: { abort: { httpStatus: 500 } } }] }));
    s.refresh();
    expect(edges('hello-app-engine-v1')[0]?.codes['500'] ?? 0).toBe(0);
    scenarios.stop('proxy-stale');
    s.refresh();
    expect(edges('hello-app-engine-v1')[0]?.codes['500']).toBeCloseTo(10);
  });
});

describe('scale', () => {
  // How fast is a benchmark's question (npm run bench:graph prints the demo's figures); this test
  // checks that a plan of 5,000 services is complete.
  it('plans and ticks 5,000 synthetic services: every call becomes an edge', () => {
    const objects: KubeObject[] = [];
    for (let i = 0; i < 5000; i++) {
      objects.push(...workload({ namespace: `ns-${i % 50}`, name: `svc-${i}`, calls: [{ host: `svc-${(i + 1) % 5000}.ns-${(i + 1) % 50}.svc.cluster.local`, port: 80, rps: 1, protocol: 'http' }] }));
      objects.push(service(`ns-${i % 50}`, `svc-${i}`));
    }
    const { s } = run({ 'us-east': objects });
    s.refresh();
    for (let i = 0; i < 3; i++) s.tick();
    expect(s.snapshot().edges.length).toBe(5000);
  });
});
