import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { byId, expectAppenderGolden } from '../testing/golden';
import { scenario } from '../testing/scenario';
import { boxes } from './boxes';
import { traffic } from './traffic';

describe('boxes appender', () => {
  it('golden file: what boxes adds: cluster and namespace boxes, parent of every placed node', () => {
    expectAppenderGolden(boxes, {
      service: scenario('service'),
      workload: scenario('workload'),
    });
  });

  it('golden: cluster and namespace boxes for every placed node; external/unknown unboxed', () => {
    const g = runAppenders(scenario('service'), [traffic, boxes]);
    expect([...g.boxes].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([
      { id: 'cluster:eu-west', kind: 'cluster', cluster: 'eu-west' },
      { id: 'cluster:us-east', kind: 'cluster', cluster: 'us-east' },
      { id: 'ns:eu-west:bookinfo', kind: 'namespace', cluster: 'eu-west', namespace: 'bookinfo', parent: 'cluster:eu-west' },
      { id: 'ns:eu-west:mcs-demo', kind: 'namespace', cluster: 'eu-west', namespace: 'mcs-demo', parent: 'cluster:eu-west' },
      { id: 'ns:us-east:bookinfo', kind: 'namespace', cluster: 'us-east', namespace: 'bookinfo', parent: 'cluster:us-east' },
      { id: 'ns:us-east:legacy', kind: 'namespace', cluster: 'us-east', namespace: 'legacy', parent: 'cluster:us-east' },
      { id: 'ns:us-east:mcs-demo', kind: 'namespace', cluster: 'us-east', namespace: 'mcs-demo', parent: 'cluster:us-east' },
    ]);
    const parents = byId(g.nodes, (n) => n.parent ?? null);
    expect(parents['svc:eu-west:bookinfo:ratings']).toBe('ns:eu-west:bookinfo');
    expect(parents.unknown).toBeNull();
    expect(parents['ext:api.payments.example']).toBeNull();
  });
});
