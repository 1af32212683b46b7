import { describe, expect, it } from 'vitest';
import { HELLO_EDGE, HELLO_EDGE_ID } from './testing';
import type { ClusterTelemetry } from '@/lib/telemetry';
import { evaluateChecks, newCheckState, placeUnknownDestinations, type CheckInputs } from './checks';

const edge: Record<string, string> = { ...HELLO_EDGE };
const local = { ...edge, destination_cluster: 'us-east' };
const T0 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400;

const none = (now = T0): CheckInputs => ({ now, edgeErrors: [], edgeP95: [], caches: [], unsynced: [], certExpiry: [], mcsProblems: [], telemetry: [] });
const names = (alerts: { name: string }[]) => alerts.map((a) => a.name);

describe('built-in checks', () => {
  it('flag an edge error rate over 5% and a cross-cluster p95 over 300 ms, not an in-cluster one', () => {
    const alerts = evaluateChecks(
      {
        ...none(),
        edgeErrors: [
          { metric: edge, value: 0.3 },
          { metric: local, value: 0.01 },
        ],
        edgeP95: [
          { metric: edge, value: 480 },
          { metric: local, value: 900 },
          { metric: { ...edge, destination_service_name: 'ratings' }, value: 120 },
        ],
      },
      newCheckState(),
    );
    expect(names(alerts)).toEqual(['MeridianEdgeErrorRate', 'MeridianCrossClusterLatency']);
    expect(alerts[0]).toMatchObject({ severity: 'critical', summary: expect.stringContaining('30% of requests fail'), entity: { kind: 'edge' } });
    expect(alerts[1]).toMatchObject({ source: 'meridian', state: 'firing', entity: { kind: 'edge', id: HELLO_EDGE_ID } });
  });

  it('raise cluster unreachable while the cache is in error or reconnecting, keeping its since', () => {
    const state = newCheckState();
    const first = evaluateChecks({ ...none(T0), caches: [{ cluster: 'eu-west', state: 'error', error: 'connect ECONNREFUSED' }, { cluster: 'us-east', state: 'synced' }] }, state);
    const later = evaluateChecks({ ...none(T0 + 30_000), caches: [{ cluster: 'eu-west', state: 'reconnecting' }] }, state);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ name: 'MeridianClusterUnreachable', cluster: 'eu-west', severity: 'critical', entity: { kind: 'cluster', id: 'eu-west' }, link: '/mesh?cluster=eu-west' });
    expect(later[0]?.since).toBe(first[0]?.since);
    expect(evaluateChecks({ ...none(T0 + 60_000), caches: [{ cluster: 'eu-west', state: 'synced' }] }, state)).toEqual([]);
  });

  it('raise a proxy only after it has been out of sync for over a minute, and forget it once synced', () => {
    const state = newCheckState();
    const stale = (now: number) => ({ ...none(now), unsynced: [{ cluster: 'us-east', proxies: [{ proxy: 'productpage-v1-x.bookinfo', state: 'stale' as const }] }] });
    expect(evaluateChecks(stale(T0), state)).toEqual([]);
    expect(evaluateChecks(stale(T0 + 45_000), state)).toEqual([]);
    const fired = evaluateChecks(stale(T0 + 61_000), state);
    expect(fired).toEqual([expect.objectContaining({ name: 'MeridianProxyNotSynced', since: new Date(T0).toISOString(), entity: { kind: 'proxy', id: 'productpage-v1-x.bookinfo' } })]);
    expect(evaluateChecks({ ...none(T0 + 70_000), unsynced: [{ cluster: 'us-east', proxies: [] }] }, state)).toEqual([]);
    expect(evaluateChecks(stale(T0 + 80_000), state)).toEqual([]); // the clock starts again
  });

  it('raise a certificate expiring within 7 days (critical within one) and exported services without endpoints', () => {
    const now = T0;
    const alerts = evaluateChecks(
      {
        ...none(now),
        certExpiry: [
          { cluster: 'us-east', expiresAt: now / 1000 + 3 * DAY },
          { cluster: 'eu-west', expiresAt: now / 1000 + 365 * DAY },
          { cluster: 'ap-south', expiresAt: now / 1000 + 3600 },
        ],
        mcsProblems: [
          { code: 'export-no-endpoints', severity: 'error', namespace: 'mcs-demo', name: 'hello-master-engine', cluster: 'eu-west', message: 'no endpoints' },
          { code: 'export-not-imported', severity: 'warning', namespace: 'x', name: 'y', message: 'not imported' },
        ],
      },
      newCheckState(),
    );
    expect(alerts.map((a) => [a.name, a.cluster, a.severity])).toEqual([
      ['MeridianCertificateExpiry', 'us-east', 'warning'],
      ['MeridianCertificateExpiry', 'ap-south', 'critical'],
      ['MeridianExportWithoutEndpoints', 'eu-west', 'critical'],
    ]);
    expect(alerts[0]?.summary).toContain('expires in 3.0 days');
    expect(alerts[2]).toMatchObject({ entity: { kind: 'service', id: 'svc:eu-west:mcs-demo:hello-master-engine' }, link: '/mesh?tab=mcs&service=mcs-demo%2Fhello-master-engine' });
  });

  it('place failed requests without a destination cluster where the service lives, like the graph', () => {
    const failed = { metric: { ...edge, destination_cluster: 'unknown' }, value: 1 };
    const where = new Map([['mcs-demo/hello-master-engine', ['eu-west']]]);
    expect(placeUnknownDestinations([failed], where)[0]?.metric.destination_cluster).toBe('eu-west');
    expect(placeUnknownDestinations([failed], new Map([['mcs-demo/hello-master-engine', ['ap-south', 'us-east']]]))[0]?.metric.destination_cluster).toBe('us-east');
    expect(placeUnknownDestinations([failed], new Map())[0]?.metric.destination_cluster).toBe('unknown');
  });
  it('raise telemetry missing for a cluster whose Istio telemetry is missing, stale or whose Prometheus is unreachable, keeping its since, and clear it', () => {
    const t = (cluster: string, verdict: ClusterTelemetry['verdict'], summary: string, prometheus: ClusterTelemetry['prometheus'] = 'reachable'): ClusterTelemetry => ({
      cluster, verdict, summary, reason: `${cluster}: because`, prometheus, requestSeries: false, tcpSeries: false,
    });
    const state = newCheckState();
    const first = evaluateChecks(
      {
        ...none(T0),
        telemetry: [
          t('eu-west', 'missing', 'no Istio telemetry for 8 s'),
          t('us-east', 'ok', 'Istio telemetry current'),
          t('ap-south', 'partial', '1 of 4 mesh targets down'),
          t('lab', 'missing', 'no Prometheus configured', 'not-configured'),
          t('edge', 'stale', 'Istio telemetry stale (5 min old)'),
          t('dr', 'unreachable', 'Prometheus unreachable', 'unreachable'),
        ],
      },
      state,
    );
    expect(first.map((a) => [a.name, a.cluster, a.severity])).toEqual([
      ['MeridianTelemetryMissing', 'eu-west', 'warning'],
      ['MeridianTelemetryMissing', 'edge', 'warning'],
      ['MeridianTelemetryMissing', 'dr', 'warning'],
    ]);
    expect(first[0]).toMatchObject({ source: 'meridian', summary: 'Istio telemetry of eu-west: no Istio telemetry for 8 s. eu-west: because', entity: { kind: 'cluster', id: 'eu-west' }, link: '/mesh?cluster=eu-west' });
    const later = evaluateChecks({ ...none(T0 + 60_000), telemetry: [t('eu-west', 'missing', 'no Istio telemetry for 68 s')] }, state);
    expect(later[0]?.since).toBe(first[0]?.since);
    expect(evaluateChecks({ ...none(T0 + 90_000), telemetry: [t('eu-west', 'ok', 'Istio telemetry current')] }, state)).toEqual([]);
  });
});

describe('MCS: an import whose exporters are all gone', () => {
  it('raises MeridianImportWithoutExporter in every importing cluster, located on the MCS tab', () => {
    const alerts = evaluateChecks(
      {
        ...none(T0),
        mcsProblems: [
          { code: 'import-without-export', severity: 'error', namespace: 'mcs-demo', name: 'hello-master-engine', clusters: ['cluster-a', 'cluster-b'], message: 'mcs-demo/hello-master-engine is imported in cluster-a, cluster-b but no cluster exports it' },
          { code: 'derived-no-endpoints', severity: 'warning', namespace: 'mcs-demo', name: 'hello-master-engine', cluster: 'cluster-a', message: 'no endpoints' },
        ],
      },
      newCheckState(),
    );
    expect(alerts.map((a) => [a.name, a.cluster, a.severity])).toEqual([
      ['MeridianImportWithoutExporter', 'cluster-a', 'critical'],
      ['MeridianImportWithoutExporter', 'cluster-b', 'critical'],
    ]);
    expect(alerts[0]).toMatchObject({ summary: expect.stringContaining('no cluster exports it'), link: '/mesh?tab=mcs&service=mcs-demo%2Fhello-master-engine' });
  });
});
