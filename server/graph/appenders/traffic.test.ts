import { describe, expect, it } from 'vitest';
import { graphSchema } from '@/lib/graph/types';
import { runAppenders } from '../build';
import { expectGolden, sorted } from '../testing/golden';
import { cluster, merge, object, service, workload } from '../testing/k8s';
import { scenario, scenarioOptions } from '../testing/scenario';
import { request, tcp, telemetryOf, type Call } from '../testing/telemetry';
import type { BuildGraphInput, GraphOptions, PromSample } from '../types';
import { traffic } from './traffic';

const a = { cluster: 'c1', ns: 'ns1', wl: 'a-v1', app: 'a', version: 'v1' };
const b = { cluster: 'c1', ns: 'ns1', wl: 'b-v1', app: 'b', version: 'v1' };
const toB: Call = { src: a, dst: { host: 'b.ns1.svc.cluster.local', wl: b } };
const inventory = { clusters: [cluster('c1', merge(workload('ns1', 'a-v1', 'a', 'v1'), workload('ns1', 'b-v1', 'b', 'v1'), service('ns1', 'b'), object('ServiceEntry', 'ns1', 'ext', { hosts: ['api.example.com'] })))] };

function run(requests: PromSample[], over: Partial<GraphOptions> = {}, tcpSamples: PromSample[] = []) {
  const input: BuildGraphInput = { inventory, telemetry: telemetryOf(requests, { tcp: tcpSamples }), options: scenarioOptions('workload', over) };
  return runAppenders(input, [traffic]);
}
const edges = (g: ReturnType<typeof run>) => Object.fromEntries(g.edges.map((e) => [e.id, { rps: e.rps, errorRate: e.errorRate, codes: e.responseCodes, flags: e.responseFlags }]));

describe('traffic appender', () => {
  it('golden: the scenario after traffic alone (workload graph)', () => {
    const g = runAppenders(scenario('workload'), [traffic]);
    expect(graphSchema.parse(g)).toEqual(g);
    expectGolden('traffic-workload', sorted(g));
  });

  it('dedup: both reporters -> the destination numbers; only one -> that one', () => {
    const both = run([request(toB, 'source', 5, { code: '503', flags: 'UH' }), request(toB, 'source', 10), request(toB, 'destination', 9)]);
    expect(edges(both)).toEqual({
      'wl:c1:ns1:a-v1->svc:c1:ns1:b:http': { rps: 9, errorRate: 0, codes: { 200: 9 }, flags: undefined },
      'svc:c1:ns1:b->wl:c1:ns1:b-v1:http': { rps: 9, errorRate: 0, codes: { 200: 9 }, flags: undefined },
    });
    const sourceOnly = run([request(toB, 'source', 3, { code: '503', flags: 'UH,URX' }), request(toB, 'source', 1)]);
    expect(edges(sourceOnly)['wl:c1:ns1:a-v1->svc:c1:ns1:b:http']).toEqual({ rps: 4, errorRate: 0.75, codes: { 200: 1, 503: 3 }, flags: { UH: 3, URX: 3 } });
    const destOnly = run([request(toB, 'destination', 2, { code: '404' })]);
    expect(destOnly.edges[0]).toMatchObject({ rps: 2, errorRate: 0, clientErrorRate: 1 });
  });

  it('node traffic: callers outbound, service in and out, workload inbound', () => {
    const g = run([request(toB, 'destination', 8), request(toB, 'destination', 2, { code: '500' })]);
    const n = Object.fromEntries(g.nodes.map((x) => [x.id, [x.inbound.rps, x.inbound.errorRate, x.outbound.rps, x.outbound.errorRate]]));
    expect(n).toEqual({ 'wl:c1:ns1:a-v1': [0, 0, 10, 0.2], 'svc:c1:ns1:b': [10, 0.2, 10, 0.2], 'wl:c1:ns1:b-v1': [10, 0.2, 0, 0] });
  });

  it('grpc codes are grpc:<status>, non-OK is an error; tcp edges carry bytes/s', () => {
    const g = run(
      [request(toB, 'destination', 3, { protocol: 'grpc', grpc: '0' }), request(toB, 'destination', 1, { protocol: 'grpc', grpc: '14' })],
      {},
      [tcp(toB, 'source', 100), tcp(toB, 'destination', 90)],
    );
    expect(edges(g)['wl:c1:ns1:a-v1->svc:c1:ns1:b:grpc']).toEqual({ rps: 4, errorRate: 0.25, codes: { 'grpc:0': 3, 'grpc:14': 1 }, flags: undefined });
    expect(g.edges.find((e) => e.id === 'wl:c1:ns1:a-v1->svc:c1:ns1:b:tcp')).toMatchObject({ protocol: 'tcp', rps: 0, bytesPerSecond: 90, responseCodes: {} });
  });

  it('unknown callers, ServiceEntry hosts and hosts outside the inventory', () => {
    const g = run([
      request({ dst: toB.dst }, 'destination', 1),
      request({ src: a, dst: { host: 'api.example.com' } }, 'source', 2),
      request({ src: a, dst: { host: 'other.example.org' } }, 'source', 3),
      request({ src: a, dst: { host: 'gone.ns1.svc.cluster.local' } }, 'source', 4),
    ]);
    const kinds = Object.fromEntries(g.nodes.map((n) => [n.id, n.kind]));
    expect(kinds).toMatchObject({ unknown: 'unknown', 'ext:api.example.com': 'serviceEntry', 'ext:other.example.org': 'external', 'ext:gone.ns1.svc.cluster.local': 'external' });
    expect(g.edges.map((e) => e.id)).toContain('unknown->svc:c1:ns1:b:http');
  });

  it('service graph: caller drawn as its canonical service, edge service -> service', () => {
    const input: BuildGraphInput = { inventory, telemetry: telemetryOf([request(toB, 'destination', 1)]), options: scenarioOptions('service') };
    const g = runAppenders(input, [traffic]);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['svc:c1:ns1:a', 'svc:c1:ns1:b']);
    expect(g.edges.map((e) => e.id)).toEqual(['svc:c1:ns1:a->svc:c1:ns1:b:http']);
  });

  it('drops series with no end in the selected namespaces, and non-positive rates', () => {
    expect(run([request(toB, 'destination', 1)], { namespaces: ['other'] }).edges).toEqual([]);
    expect(run([request(toB, 'destination', 0)]).edges).toEqual([]);
    expect(run([request(toB, 'destination', 1)], { clusters: ['c1'], namespaces: ['ns1'] }).edges).toHaveLength(2);
  });
});
