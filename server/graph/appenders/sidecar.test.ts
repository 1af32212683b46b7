import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { expectAppenderGolden } from '../testing/golden';
import { cluster, merge, namespace, workload } from '../testing/k8s';
import { scenario, scenarioOptions } from '../testing/scenario';
import type { Objects } from '../testing/k8s';
import { idle } from './idle';
import { sidecar } from './sidecar';
import { traffic } from './traffic';

const missing = (g: { nodes: { id: string; badges: { missingSidecar?: boolean } }[] }) => g.nodes.filter((n) => n.badges.missingSidecar).map((n) => n.id).sort();

describe('sidecar appender', () => {
  it('golden file: what sidecar adds: missingSidecar on the legacy workload/app only', () => {
    expectAppenderGolden(sidecar, {
      'workload, idle nodes': scenario('workload', { idle: true }),
      app: scenario('app'),
      versionedApp: scenario('versionedApp'),
    });
  });

  it('golden: the legacy workload/app of the scenario, and nothing else', () => {
    expect(missing(runAppenders(scenario('workload', { idle: true }), [traffic, idle, sidecar]))).toEqual(['wl:us-east:legacy:legacy-billing']);
    expect(missing(runAppenders(scenario('app'), [traffic, sidecar]))).toEqual(['app:us-east:legacy:legacy-billing']);
    expect(missing(runAppenders(scenario('versionedApp'), [traffic, sidecar]))).toEqual(['app:us-east:legacy:legacy-billing:v1']);
  });

  it('without pods, decides by namespace injection and the template opt-out; per version for versioned apps', () => {
    const noPods = (o: Objects): Objects => ({ ...o, Pod: [] });
    const optOut = workload('on', 'out-v1', 'out', 'v1');
    optOut.Deployment![0]!.spec = { replicas: 1, template: { metadata: { labels: { app: 'out', version: 'v1', 'sidecar.istio.io/inject': 'false' } } } };
    const objs = merge(
      { Namespace: [namespace('on', true), namespace('off', false)] },
      noPods(workload('on', 'in-v1', 'in', 'v1')),
      noPods(workload('off', 'plain-v1', 'plain', 'v1')),
      noPods(optOut),
      workload('on', 'mixed-v1', 'mixed', 'v1'),
      workload('on', 'mixed-v2', 'mixed', 'v2', { sidecar: false }),
    );
    const input = (graphType: 'workload' | 'versionedApp' | 'app') => ({ inventory: { clusters: [cluster('c', objs)] }, telemetry: undefined, options: scenarioOptions(graphType) });
    expect(missing(runAppenders(input('workload'), [idle, sidecar]))).toEqual(['wl:c:off:plain-v1', 'wl:c:on:mixed-v2', 'wl:c:on:out-v1']);
    expect(missing(runAppenders(input('versionedApp'), [idle, sidecar]))).toEqual(['app:c:off:plain:v1', 'app:c:on:mixed:v2', 'app:c:on:out:v1']);
    expect(missing(runAppenders(input('app'), [idle, sidecar]))).toEqual(['app:c:off:plain', 'app:c:on:mixed', 'app:c:on:out']);
  });

  it('counts a native sidecar (istio-proxy init container with restartPolicy Always) as the proxy', () => {
    const objs = merge(
      { Namespace: [namespace('off', false)] },
      workload('off', 'native-v1', 'native', 'v1', { sidecar: 'native' }),
      workload('off', 'bare-v1', 'bare', 'v1', { sidecar: false }),
    );
    const input = { inventory: { clusters: [cluster('c', objs)] }, telemetry: undefined, options: scenarioOptions('workload', { idle: true }) };
    expect(missing(runAppenders(input, [idle, sidecar]))).toEqual(['wl:c:off:bare-v1']);
  });
});
