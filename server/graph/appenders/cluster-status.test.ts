import { describe, expect, it } from 'vitest';
import { runAppenders } from '../build';
import { expectAppenderGolden } from '../testing/golden';
import { emptyTelemetry } from '../queries';
import { scenario } from '../testing/scenario';
import { PROMETHEUS_DOWN_WARNING, clusterStatus } from './cluster-status';

/** eu-west's cache failed, us-east's Prometheus answered 503, a third Prometheus failed, one secondary query failed. */
function unreachableInput() {
  const input = scenario('workload', { clusters: ['eu-west', 'us-east'] });
  const west = input.inventory.clusters[1]!;
  west.state = 'error';
  west.error = 'dial tcp 10.0.0.9:443: connection refused';
  input.telemetry!.errors.latencyP99 = 'query timed out';
  input.telemetryErrors = { 'us-east': 'Prometheus 503', thanos: 'bad gateway' };
  return input;
}

describe('clusterStatus appender', () => {
  it('golden file: what clusterStatus adds: per-cluster status and the warnings of a partial graph', () => {
    expectAppenderGolden(clusterStatus, {
      'workload, all well': scenario('workload'),
      'workload, eu-west unreachable, telemetry errors': unreachableInput(),
      'app, Prometheus down': { ...scenario('app'), telemetry: undefined },
    });
  });

  it('golden: all well', () => {
    const g = runAppenders(scenario('workload'), [clusterStatus]);
    expect(g.clusters).toEqual([
      { cluster: 'eu-west', reachable: true, telemetry: true },
      { cluster: 'us-east', reachable: true, telemetry: true },
    ]);
    expect(g.warnings).toEqual([]);
  });

  it('an unreachable cluster, per-cluster and unattributed telemetry errors, a failed secondary query', () => {
    const g = runAppenders(unreachableInput(), [clusterStatus]);
    expect(g.clusters).toEqual([
      { cluster: 'eu-west', reachable: false, telemetry: true, error: 'dial tcp 10.0.0.9:443: connection refused' },
      { cluster: 'us-east', reachable: true, telemetry: false, error: 'telemetry: Prometheus 503' },
    ]);
    expect(g.warnings).toEqual([
      'telemetry query latencyP99 failed: query timed out',
      'cluster eu-west unreachable: its nodes may be stale',
      'Prometheus thanos: bad gateway',
    ]);
  });

  it('Prometheus down', () => {
    const t = emptyTelemetry();
    t.errors.requests = 'connection refused';
    expect(runAppenders({ ...scenario('app'), telemetry: undefined }, [clusterStatus]).warnings).toEqual([PROMETHEUS_DOWN_WARNING]);
    expect(runAppenders({ ...scenario('app'), telemetry: t }, [clusterStatus]).warnings).toEqual([PROMETHEUS_DOWN_WARNING, 'Prometheus query failed: connection refused']);
  });
});
