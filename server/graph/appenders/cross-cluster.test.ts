import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { expectAppenderGolden } from '../testing/golden';
import { scenario } from '../testing/scenario';
import { crossCluster } from './cross-cluster';
import { traffic } from './traffic';

describe('crossCluster appender', () => {
  it('golden file: what crossCluster adds: the flag on every edge, true only on caller -> remote service', () => {
    expectAppenderGolden(crossCluster, {
      workload: scenario('workload'),
      service: scenario('service'),
    });
  });

  it('golden: only the caller -> remote service edges cross (service nodes sit in the destination cluster)', () => {
    for (const [gt, src] of [
      ['workload', ['wl:us-east:bookinfo:reviews-v3', 'wl:us-east:mcs-demo:hello-app-engine']],
      ['app', ['app:us-east:bookinfo:reviews', 'app:us-east:mcs-demo:hello-app-engine']],
      ['service', ['svc:us-east:bookinfo:reviews', 'svc:us-east:mcs-demo:hello-app-engine']],
    ] as const) {
      const g = runAppenders(scenario(gt), [traffic, crossCluster]);
      expect(g.edges.filter((e) => e.crossCluster).map((e) => e.id).sort()).toEqual([
        `${src[0]}->svc:eu-west:bookinfo:ratings:http`,
        `${src[1]}->svc:eu-west:mcs-demo:hello-master-engine:http`,
      ]);
    }
  });
});
