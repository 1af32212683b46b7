import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { byId, expectAppenderGolden } from '../testing/golden';
import { scenario } from '../testing/scenario';
import { health } from './health';
import { idle } from './idle';
import { traffic } from './traffic';

describe('health appender', () => {
  it('golden file: what health sets: node and edge health by default and configured thresholds, no-data without telemetry', () => {
    expectAppenderGolden(health, {
      'workload, idle nodes': scenario('workload', { idle: true }),
      'workload, 5xx thresholds 5%/50%': scenario('workload', { thresholds: { serverError: { degraded: 0.05, failing: 0.5 } } }),
      'service, Prometheus down (every node and edge stays no-data)': { ...scenario('service'), telemetry: undefined },
    });
  });

  it('golden: node and edge health of the scenario with the default thresholds', () => {
    const g = runAppenders(scenario('workload', { idle: true }), [traffic, idle, health]);
    const nodes = byId(g.nodes, (n) => (n.health === 'healthy' ? undefined : n.health));
    expect(nodes).toEqual({
      'svc:us-east:bookinfo:details': 'failing', // 100% 503
      'svc:us-east:bookinfo:reviews': 'degraded', // 0.3% 500 >= 0.1%
      'wl:us-east:bookinfo:reviews-v2': 'degraded', // 1% 500
      'svc:us-east:legacy:legacy-billing': 'idle',
      'svc:us-east:mcs-demo:hello-app-engine': 'idle',
      'svc:us-east:mcs-demo:hello-master-engine': 'idle',
      'wl:us-east:bookinfo:details-v1': 'idle',
    });
    expect(byId(g.edges, (e) => (e.health === 'healthy' ? undefined : e.health))).toEqual({
      'wl:us-east:bookinfo:productpage-v1->svc:us-east:bookinfo:details:http': 'failing',
      'wl:us-east:bookinfo:productpage-v1->svc:us-east:bookinfo:reviews:http': 'degraded',
      'svc:us-east:bookinfo:reviews->wl:us-east:bookinfo:reviews-v2:http': 'degraded',
    });
  });

  it('uses the configured thresholds', () => {
    const g = runAppenders(scenario('workload', { thresholds: { serverError: { degraded: 0.05, failing: 0.5 } } }), [traffic, health]);
    expect(byId(g.nodes, (n) => (n.health === 'healthy' ? undefined : n.health))).toEqual({ 'svc:us-east:bookinfo:details': 'failing' });
  });

  it('everything is no-data without telemetry', () => {
    const g = runAppenders({ ...scenario('service'), telemetry: undefined }, [traffic, idle, health]);
    expect(new Set(g.nodes.map((n) => n.health))).toEqual(new Set(['no-data']));
  });
});
