import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setConfig, type MeridianConfig } from '@/server/config';
import { clusterTelemetry, resetTelemetryMemory } from './index';
import { fakePrometheus, type FakeProm } from './testing';

let prom: FakeProm;

function useConfig(over: Partial<MeridianConfig> = {}) {
  setConfig({
    clusters: [{ name: 'us-east' }, { name: 'eu-west' }],
    prometheus: { url: prom.url, clusterLabel: 'cluster', timeoutSeconds: 2 },
    auth: { strategy: 'anonymous' },
    readOnly: false,
    source: 'test',
    ...over,
  });
}

const meshTarget = (cluster: string, health: 'up' | 'down', lastError = ''): { labels: Record<string, string>; scrapeUrl: string; health: string; lastError: string } => ({
  labels: { job: `mesh-${cluster}`, cluster, instance: `127.0.0.1:17070` },
  scrapeUrl: `http://127.0.0.1:17070/clusters/${cluster}/metrics`,
  health,
  lastError,
});

beforeAll(async () => {
  prom = await fakePrometheus();
});
afterAll(async () => {
  setConfig(undefined);
  await prom.close();
});
afterEach(() => {
  vi.restoreAllMocks();
  resetTelemetryMemory();
  prom.queries = [];
  prom.targetsCalls = 0;
});

describe('cluster telemetry', () => {
  it('a global Prometheus without a targets API (Mimir answers 404): series checks and `up` counts, the API not asked again for a while', async () => {
    prom.state = { requests: { 'us-east': 1 }, tcp: { 'us-east': 1 }, up: { 'us-east': { up: 3, down: 0 }, 'eu-west': { up: 0, down: 1 } }, lastSeen: { 'eu-west': 240 }, targets: 404 };
    useConfig();
    const t = await clusterTelemetry();
    expect(t.get('us-east')).toMatchObject({ verdict: 'ok', requestSeries: true, tcpSeries: true, targets: { source: 'up-series', up: 3, down: 0 } });
    const west = t.get('eu-west');
    expect(west).toMatchObject({ verdict: 'missing', summary: 'no Istio telemetry for 4 min', requestSeries: false, tcpSeries: false, targets: { source: 'up-series', up: 0, down: 1, errors: [] } });
    expect(west?.reason).toContain('1 of 1 mesh targets down (the `up` series tell no error: this Prometheus has no targets API)');
    expect(prom.targetsCalls).toBe(1);
    // The queries filter by the cluster label of the shared Prometheus.
    expect(prom.queries.slice(0, 3)).toEqual([
      'max by (cluster) (timestamp(istio_requests_total{cluster=~"us-east|eu-west"}))',
      'max by (cluster) (timestamp({__name__=~"istio_tcp_sent_bytes_total|istio_tcp_received_bytes_total",cluster=~"us-east|eu-west"}))',
      'count_values by (cluster) ("up", up{job=~"(.+/)?envoy-stats(-monitor)?|istio-mesh|kubernetes-pods(-istio-secure)?|mesh(-.+)?",cluster=~"us-east|eu-west"})',
    ]);

    // After the cache's few seconds: computed again, the outage's start remembered (no second look-back), the targets API not asked.
    const later = Date.now() + 6_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    prom.queries = [];
    const again = await clusterTelemetry();
    expect(again.get('eu-west')?.verdict).toBe('missing');
    expect(prom.queries.some((q) => q.startsWith('max_over_time'))).toBe(false);
    expect(prom.targetsCalls).toBe(1);
  });

  it('a global Prometheus without a targets API and without `up` series: series checks only', async () => {
    prom.state = { requests: { 'us-east': 2 }, tcp: {}, up: {}, lastSeen: {}, targets: 404 };
    useConfig();
    const t = await clusterTelemetry();
    expect(t.get('us-east')).toMatchObject({ verdict: 'ok', requestSeries: true, tcpSeries: false });
    expect(t.get('us-east')?.targets).toBeUndefined();
    const west = t.get('eu-west');
    expect(west).toMatchObject({ verdict: 'missing', summary: 'no Istio telemetry' });
    expect(west?.targets).toBeUndefined();
    expect(west?.reason).toMatch(/Mesh targets unknown, series checks only: no `up` series match job=~.*; http:\/\/127\.0\.0\.1:\d+ has no targets API \(HTTP 404 from \/api\/v1\/targets\)/);
  });

  it('Thanos Query without targets sources (an empty list) is no better than no API: series checks only', async () => {
    prom.state = { requests: { 'us-east': 2, 'eu-west': 2 }, tcp: {}, up: {}, lastSeen: {}, targets: [] };
    useConfig();
    const t = await clusterTelemetry();
    expect([t.get('us-east')?.verdict, t.get('eu-west')?.verdict]).toEqual(['ok', 'ok']);
    expect(t.get('eu-west')?.targets).toBeUndefined();
  });

  it('with the targets API: the down mesh target and its last error; istiod targets are not mesh targets', async () => {
    const error = 'Get "http://127.0.0.1:17070/clusters/eu-west/metrics": context deadline exceeded';
    prom.state = {
      requests: { 'us-east': 1 },
      tcp: { 'us-east': 1 },
      up: { 'us-east': { up: 1, down: 0 }, 'eu-west': { up: 0, down: 1 } },
      lastSeen: {},
      targets: [
        meshTarget('us-east', 'up'),
        meshTarget('eu-west', 'down', error),
        { labels: { job: 'istiod-eu-west', cluster: 'eu-west', instance: 'x' }, scrapeUrl: 'http://x/istiod/metrics', health: 'down', lastError: 'istiod error' },
      ],
    };
    useConfig();
    const west = (await clusterTelemetry()).get('eu-west');
    expect(west).toMatchObject({ verdict: 'missing', summary: 'no Istio telemetry', targets: { source: 'targets-api', up: 0, down: 1, errors: [{ target: '127.0.0.1:17070', error }] } });
    expect(west?.reason).toContain(`1 of 1 mesh targets down: 127.0.0.1:17070: ${error}`);
  });

  it('the mesh-target pattern is configurable', async () => {
    prom.state = { requests: { 'us-east': 1, 'eu-west': 1 }, tcp: {}, up: {}, lastSeen: {}, targets: 404 };
    useConfig({ telemetry: { meshTargets: { label: 'scrape_pool', pattern: 'istio-proxies' }, staleAfterSeconds: 30 } });
    await clusterTelemetry();
    expect(prom.queries).toContain('count_values by (cluster) ("up", up{scrape_pool=~"istio-proxies",cluster=~"us-east|eu-west"})');
  });

  it('stale after staleAfterSeconds', async () => {
    prom.state = { requests: { 'us-east': 1, 'eu-west': 45 }, tcp: {}, up: {}, lastSeen: {}, targets: 404 };
    useConfig({ telemetry: { meshTargets: { label: 'job', pattern: 'mesh-.+' }, staleAfterSeconds: 30 } });
    const t = await clusterTelemetry();
    expect(t.get('us-east')?.verdict).toBe('ok');
    expect(t.get('eu-west')).toMatchObject({ verdict: 'stale', summary: 'Istio telemetry stale (45 s old)' });
  });

  it('a Prometheus of one cluster is not filtered by label; a cluster without any Prometheus says so', async () => {
    prom.state = { requests: { 'us-east': 1 }, tcp: {}, up: { 'us-east': { up: 1, down: 0 } }, lastSeen: {}, targets: 404 };
    // The fake answers with a cluster label; a real per-cluster Prometheus has none, and it is not needed.
    useConfig({ prometheus: undefined, clusters: [{ name: 'us-east', prometheus: { url: prom.url, clusterLabel: 'cluster', timeoutSeconds: 2 } }, { name: 'eu-west' }] });
    const t = await clusterTelemetry();
    expect(prom.queries[0]).toBe('max (timestamp(istio_requests_total{}))');
    expect(t.get('us-east')?.verdict).toBe('ok');
    expect(t.get('eu-west')).toMatchObject({ verdict: 'missing', prometheus: 'not-configured', summary: 'no Prometheus configured' });
  });

  it('an unreachable Prometheus makes every cluster it serves unreachable, and a shared computation answers concurrent callers', async () => {
    useConfig({ prometheus: { url: 'http://127.0.0.1:9', clusterLabel: 'cluster', timeoutSeconds: 2 } });
    const [a, b] = await Promise.all([clusterTelemetry(), clusterTelemetry()]);
    expect(a).toBe(b);
    expect(a.get('eu-west')).toMatchObject({ verdict: 'unreachable', prometheus: 'unreachable', summary: 'Prometheus unreachable' });
    expect(a.get('eu-west')?.reason).toMatch(/Prometheus http:\/\/127\.0\.0\.1:9 is unreachable/);
  });

  it('a replay is evaluated at its time, without the targets API', async () => {
    prom.state = { requests: {}, tcp: {}, up: { 'eu-west': { up: 0, down: 1 } }, lastSeen: { 'eu-west': 600 }, targets: 404 };
    useConfig();
    const at = Math.floor(Date.now() / 1000) - 3600;
    const t = await clusterTelemetry({ at });
    expect(t.get('eu-west')).toMatchObject({ verdict: 'missing', summary: 'no Istio telemetry for 10 min', lastSampleAt: new Date((at - 600) * 1000).toISOString() });
    expect(prom.targetsCalls).toBe(0);
  });
});
