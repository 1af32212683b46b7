import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { expectAppenderGolden } from '../testing/golden';
import { scenario } from '../testing/scenario';
import { idle } from './idle';
import { traffic } from './traffic';

const idleIds = (g: { nodes: { id: string; idle?: boolean }[] }) => g.nodes.filter((n) => n.idle).map((n) => n.id).sort();

describe('idle appender', () => {
  it('golden file: what idle adds: idle inventory nodes per graph type, nothing unless asked, the unmarked inventory when Prometheus is down', () => {
    expectAppenderGolden(idle, {
      'workload, idle nodes asked': scenario('workload', { idle: true }),
      'versionedApp, idle nodes asked': scenario('versionedApp', { idle: true }),
      'service, idle nodes asked': scenario('service', { idle: true }),
      'workload, idle nodes not asked': scenario('workload'),
      'workload, mcs-demo, Prometheus down': { ...scenario('workload', { namespaces: ['mcs-demo'] }), telemetry: undefined },
    });
  });

  it('golden: inventory nodes without traffic, per graph type', () => {
    expect(idleIds(runAppenders(scenario('workload', { idle: true }), [traffic, idle]))).toEqual([
      'svc:us-east:legacy:legacy-billing',
      'svc:us-east:mcs-demo:hello-app-engine',
      'svc:us-east:mcs-demo:hello-master-engine',
      'wl:us-east:bookinfo:details-v1',
    ]);
    expect(idleIds(runAppenders(scenario('versionedApp', { idle: true }), [traffic, idle]))).toEqual([
      'app:us-east:bookinfo:details:v1',
      'svc:us-east:legacy:legacy-billing',
      'svc:us-east:mcs-demo:hello-app-engine',
      'svc:us-east:mcs-demo:hello-master-engine',
    ]);
    expect(idleIds(runAppenders(scenario('service', { idle: true }), [traffic, idle]))).toEqual(['svc:us-east:mcs-demo:hello-master-engine']);
  });

  it('does nothing unless asked, adds the selected inventory unmarked when telemetry is missing', () => {
    expect(idleIds(runAppenders(scenario('workload'), [traffic, idle]))).toEqual([]);
    const g = runAppenders({ ...scenario('workload', { namespaces: ['mcs-demo'] }), telemetry: undefined }, [traffic, idle]);
    expect(g.nodes.map((n) => [n.id, n.idle]).sort()).toEqual([
      ['svc:eu-west:mcs-demo:hello-master-engine', undefined],
      ['svc:us-east:mcs-demo:hello-app-engine', undefined],
      ['svc:us-east:mcs-demo:hello-master-engine', undefined],
      ['wl:eu-west:mcs-demo:hello-master-engine', undefined],
      ['wl:us-east:mcs-demo:hello-app-engine', undefined],
    ]);
  });
});
