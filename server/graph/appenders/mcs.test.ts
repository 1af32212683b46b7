import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { byId, expectAppenderGolden } from '../testing/golden';
import { cluster, merge, object, service } from '../testing/k8s';
import { scenario, scenarioOptions } from '../testing/scenario';
import { idle } from './idle';
import { mcs } from './mcs';
import { traffic } from './traffic';

const pick = (n: { kind: string; badges: { exported?: boolean; imported?: boolean }; clusterSetHost?: string }) =>
  n.kind === 'service' ? { exported: n.badges.exported, imported: n.badges.imported, clusterSetHost: n.clusterSetHost } : undefined;

describe('mcs appender', () => {
  it('golden file: what mcs adds: exported/imported badges and clusterSetHost on service nodes', () => {
    expectAppenderGolden(mcs, {
      'workload, idle nodes': scenario('workload', { idle: true }),
      service: scenario('service'),
    });
  });

  it('golden: exported/imported badges and clusterset hosts of the scenario services (idle included)', () => {
    const g = runAppenders(scenario('workload', { idle: true }), [traffic, idle, mcs]);
    const set = (s: string, ns: string) => `${s}.${ns}.svc.clusterset.local`;
    expect(JSON.parse(JSON.stringify(byId(g.nodes, pick)))).toEqual({
      'svc:eu-west:bookinfo:ratings': { exported: true, clusterSetHost: set('ratings', 'bookinfo') },
      'svc:eu-west:mcs-demo:hello-master-engine': { exported: true, clusterSetHost: set('hello-master-engine', 'mcs-demo') },
      'svc:us-east:bookinfo:details': {},
      'svc:us-east:bookinfo:productpage': {},
      'svc:us-east:bookinfo:ratings': { imported: true, clusterSetHost: set('ratings', 'bookinfo') },
      'svc:us-east:bookinfo:reviews': {},
      'svc:us-east:legacy:legacy-billing': {},
      'svc:us-east:mcs-demo:hello-app-engine': {},
      // ServiceImport only (no local Service): the consumer's view of the remote service
      'svc:us-east:mcs-demo:hello-master-engine': { imported: true, clusterSetHost: set('hello-master-engine', 'mcs-demo') },
    });
  });

  it('a ServiceImport in the exporting cluster itself is not an import', () => {
    const objs = merge(service('ns', 'api'), object('ServiceExport', 'ns', 'api'), object('ServiceImport', 'ns', 'api', { type: 'ClusterSetIP', ports: [] }));
    const g = runAppenders({ inventory: { clusters: [cluster('c1', objs)] }, telemetry: undefined, options: scenarioOptions('service') }, [idle, mcs]);
    expect(g.nodes.map((n) => [n.id, n.badges, n.clusterSetHost])).toEqual([['svc:c1:ns:api', { exported: true }, 'api.ns.svc.clusterset.local']]);
  });
});
