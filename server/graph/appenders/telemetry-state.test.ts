import { describe, expect, it } from 'vitest';
import type { ClusterTelemetry } from '@/lib/telemetry';
import { runAppenders } from '../build';
import { emptyTelemetry } from '../queries';
import { expectAppenderGolden } from '../testing/golden';
import { scenario } from '../testing/scenario';
import type { BuildGraphInput } from '../types';
import { telemetryState } from './telemetry-state';

const state = (cluster: string, verdict: ClusterTelemetry['verdict'], summary: string, reason = `${cluster}: ${summary}`): ClusterTelemetry => ({
  cluster,
  verdict,
  summary,
  reason,
  prometheus: verdict === 'unreachable' ? 'unreachable' : 'reachable',
  requestSeries: verdict === 'ok' || verdict === 'partial' || verdict === 'stale',
  tcpSeries: false,
});
const ok = (c: string) => state(c, 'ok', 'Istio telemetry current');
const missing = (c: string) => state(c, 'missing', 'no Istio telemetry for 3 min', `Prometheus has no Istio series (istio_requests_total, istio_tcp_*) from ${c}. 1 of 1 mesh targets down: context deadline exceeded.`);
const unreachable = (c: string) => state(c, 'unreachable', 'Prometheus unreachable', 'Prometheus http://p:9090 is unreachable: ECONNREFUSED');

/** The scenario's inventory, Prometheus answering with no sample at all (no traffic, or no telemetry: the states tell). */
function quiet(states?: ClusterTelemetry[]): BuildGraphInput {
  return { ...scenario('workload'), telemetry: emptyTelemetry(), ...(states ? { telemetryStates: new Map(states.map((s) => [s.cluster, s])) } : {}) };
}

const emptyOf = (input: BuildGraphInput) => {
  const g = runAppenders(input);
  expect(g.nodes).toEqual([]);
  return g.empty;
};

describe('telemetryState appender', () => {
  it('golden file: each cluster state onto graph.clusters; empty only on an empty graph', () => {
    expectAppenderGolden(telemetryState, {
      'workload, us-east ok, eu-west missing (not empty)': { ...scenario('workload'), telemetryStates: new Map([['us-east', ok('us-east')], ['eu-west', missing('eu-west')]]) },
      'workload, no telemetry from either cluster (empty)': quiet([missing('us-east'), missing('eu-west')]),
    });
  });

  it('an empty graph with telemetry present: no traffic in the window', () => {
    expect(emptyOf(quiet([ok('us-east'), ok('eu-west')]))).toEqual({ reason: 'no-traffic', message: 'No requests were recorded in the last 10 min in this scope.' });
    // Without states (a caller that has none), telemetry that answered means no traffic.
    expect(emptyOf(quiet())?.reason).toBe('no-traffic');
  });

  it('an empty graph where some clusters have telemetry names the ones without', () => {
    const e = emptyOf(quiet([ok('us-east'), missing('eu-west')]));
    expect(e?.reason).toBe('no-traffic');
    expect(e?.message).toContain('Telemetry is missing from eu-west (no Istio telemetry for 3 min)');
  });

  it('an empty graph without telemetry: no telemetry, naming the clusters and their reasons', () => {
    const e = emptyOf(quiet([missing('us-east'), missing('eu-west')]));
    expect(e?.reason).toBe('no-telemetry');
    expect(e?.message).toMatch(/^Prometheus has no current Istio telemetry from eu-west and us-east: traffic may be flowing, but it cannot be seen\./);
    expect(e?.message).toContain('eu-west: Prometheus has no Istio series (istio_requests_total, istio_tcp_*) from eu-west. 1 of 1 mesh targets down');
    // Unreachable and missing mixed: still "no telemetry".
    expect(emptyOf(quiet([unreachable('us-east'), missing('eu-west')]))?.reason).toBe('no-telemetry');
  });

  it('an empty graph whose Prometheus is unreachable', () => {
    const e = emptyOf(quiet([unreachable('us-east'), unreachable('eu-west')]));
    expect(e).toEqual({ reason: 'prometheus-unreachable', message: expect.stringContaining('The Prometheus of eu-west and us-east did not answer. eu-west: Prometheus http://p:9090 is unreachable: ECONNREFUSED') });
    // Prometheus down for the graph's own queries and nothing in the inventory of the scope.
    const t = emptyTelemetry();
    t.errors.requests = 'connection refused';
    const down = emptyOf({ ...scenario('workload', { namespaces: ['nothing-here'] }), telemetry: t });
    expect(down).toEqual({ reason: 'prometheus-unreachable', message: 'Prometheus did not answer (connection refused), and the inventory has nothing in this scope.' });
  });

  it('a graph with nodes has no empty reason', () => {
    expect(runAppenders({ ...scenario('workload'), telemetryStates: new Map([['eu-west', missing('eu-west')]]) }).empty).toBeUndefined();
  });
});
