import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { byId, expectAppenderGolden } from '../testing/golden';
import { cluster, merge, object, service } from '../testing/k8s';
import { scenario, scenarioOptions } from '../testing/scenario';
import { request, telemetryOf } from '../testing/telemetry';
import { idle } from './idle';
import { istioConfig } from './istio-config';
import { traffic } from './traffic';

describe('istioConfig appender', () => {
  it('golden file: what istioConfig adds: VirtualService/DestinationRule badges, config error counts', () => {
    expectAppenderGolden(istioConfig, {
      workload: scenario('workload'),
      'workload, 2 error findings on VirtualService reviews': {
        ...scenario('workload'),
        configErrors: (cluster, kind, ns, name) => (cluster === 'us-east' && kind === 'VirtualService' && ns === 'bookinfo' && name === 'reviews' ? 2 : 0),
      },
    });
  });

  it('golden: VirtualService/DestinationRule badges of the scenario', () => {
    const g = runAppenders(scenario('workload'), [traffic, istioConfig]);
    expect(byId(g.nodes, (n) => (Object.keys(n.badges).length ? n.badges : undefined))).toEqual({
      'svc:us-east:bookinfo:ratings': { virtualService: true, faultInjection: true },
      'svc:us-east:bookinfo:reviews': { virtualService: true, destinationRule: true, circuitBreaker: true },
    });
  });

  it('counts the error findings of the config on the nodes it targets', () => {
    const input = scenario('workload');
    input.configErrors = (cluster, kind, ns, name) => (cluster === 'us-east' && kind === 'VirtualService' && ns === 'bookinfo' && name === 'reviews' ? 2 : 0);
    const g = runAppenders(input, [traffic, istioConfig]);
    const badges = byId(g.nodes, (n) => n.badges.configErrors);
    expect(badges).toEqual({ 'svc:us-east:bookinfo:reviews': 2 });
  });

  it('resolves every host form and detects circuit breakers at every level', () => {
    const objs = merge(
      service('a', 'short'),
      service('a', 'dotted'),
      service('b', 'fqdn'),
      service('b', 'set'),
      service('b', 'pool'),
      service('b', 'sub'),
      service('b', 'plain'),
      object('VirtualService', 'a', 'vs1', { hosts: ['short', 'dotted.a', 'fqdn.b.svc.cluster.local', 'set.b.svc.clusterset.local', 'api.example.com', '*.example.com'] }),
      object('DestinationRule', 'b', 'dr-pool', { host: 'pool', trafficPolicy: { connectionPool: { http: { http1MaxPendingRequests: 10 } } } }),
      object('DestinationRule', 'b', 'dr-sub', { host: 'sub', subsets: [{ name: 'v1', trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, outlierDetection: {} }] } }] }),
      object('DestinationRule', 'b', 'dr-plain', { host: 'plain', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' }, connectionPool: { tcp: { connectTimeout: '1s' } } } }),
    );
    const telemetry = telemetryOf([request({ src: { cluster: 'c', ns: 'a', wl: 'w' }, dst: { host: 'api.example.com' } }, 'source', 1)]);
    const g = runAppenders({ inventory: { clusters: [cluster('c', objs)] }, telemetry, options: scenarioOptions('workload', { idle: true }) }, [traffic, idle, istioConfig]);
    expect(byId(g.nodes, (n) => (Object.keys(n.badges).length ? n.badges : undefined))).toEqual({
      'ext:api.example.com': { virtualService: true },
      'svc:c:a:dotted': { virtualService: true },
      'svc:c:a:short': { virtualService: true },
      'svc:c:b:fqdn': { virtualService: true },
      'svc:c:b:set': { virtualService: true },
      'svc:c:b:plain': { destinationRule: true },
      'svc:c:b:pool': { destinationRule: true, circuitBreaker: true },
      'svc:c:b:sub': { destinationRule: true, circuitBreaker: true },
    });
  });

  it('resolves `<name>.<ns>.svc` to the service, and `<name>.<ns>` only when that service exists', () => {
    const objs = merge(service('b', 'svcform'), object('VirtualService', 'a', 'vs', { hosts: ['svcform.b.svc', 'web.example'] }));
    const telemetry = telemetryOf([request({ src: { cluster: 'c', ns: 'a', wl: 'w' }, dst: { host: 'web.example' } }, 'source', 1)]);
    const g = runAppenders({ inventory: { clusters: [cluster('c', objs)] }, telemetry, options: scenarioOptions('workload', { idle: true }) }, [traffic, idle, istioConfig]);
    expect(byId(g.nodes, (n) => (Object.keys(n.badges).length ? n.badges : undefined))).toEqual({
      'ext:web.example': { virtualService: true },
      'svc:c:b:svcform': { virtualService: true },
    });
  });
});
