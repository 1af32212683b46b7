import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenarioState } from '../scenarios';
import type { DemoClusterName, KubeObject } from '../types';
import { createSimulation, ISTIO_DURATION_BUCKETS, seededRandom } from './index';
import { fakeViews, parseMetrics, service, serviceExport, total, workload } from './testing';

const HELLO = 'hello-master-engine';
const CLUSTERSET_HOST = `${HELLO}.mcs-demo.svc.clusterset.local`;

function mcsMesh(): Partial<Record<DemoClusterName, KubeObject[]>> {
  const master = (cluster: string) => [
    ...workload({ namespace: 'mcs-demo', name: HELLO, latencyMs: 10, serviceAccount: `sa-${cluster}` }),
    service('mcs-demo', HELLO),
  ];
  return {
    'us-east': [
      ...workload({ namespace: 'mcs-demo', name: 'hello-app-engine', calls: [{ host: CLUSTERSET_HOST, port: 8080, rps: 20, protocol: 'http' }] }),
      ...workload({ namespace: 'mcs-demo', name: 'local-caller', calls: [{ host: `${HELLO}.mcs-demo.svc.cluster.local`, port: 8080, rps: 30, protocol: 'http' }] }),
      ...workload({ namespace: 'mcs-demo', name: 'legacy', injected: false, calls: [{ host: HELLO, port: 8080, rps: 5, protocol: 'http' }] }),
      ...master('us-east'),
    ],
    'eu-west': [...master('eu-west'), serviceExport('mcs-demo', HELLO)],
    'ap-south': master('ap-south'),
  };
}

function sim(objects: Partial<Record<DemoClusterName, KubeObject[]>>, seed = 7) {
  const views = fakeViews(objects);
  const scenarios = createScenarioState();
  const warn = vi.fn();
  const s = createSimulation({ views, scenarios, random: seededRandom(seed), warn });
  const scrape = async (cluster: DemoClusterName) => parseMetrics(await s.metrics(cluster));
  return { s, views, scenarios, warn, scrape };
}

const edgesFrom = (s: ReturnType<typeof sim>['s'], workloadName: string) =>
  s.snapshot().edges.filter((e) => e.sourceWorkload === workloadName);

afterEach(() => vi.useRealTimers());

describe('multi-cluster host resolution and reporters', () => {
  it('a clusterset call reaches only the exporting clusters, a cluster.local call every cluster', async () => {
    const { s, scrape } = sim(mcsMesh());
    expect(edgesFrom(s, 'hello-app-engine').map((e) => e.destinationCluster)).toEqual(['eu-west']);
    expect(edgesFrom(s, 'local-caller').map((e) => e.destinationCluster).sort()).toEqual(['ap-south', 'eu-west', 'us-east']);
    for (let i = 0; i < 30; i++) s.tick();
    const east = await scrape('us-east');
    const west = await scrape('eu-west');
    const south = await scrape('ap-south');
    const fromApp = { source_workload: 'hello-app-engine', destination_service: CLUSTERSET_HOST };
    const src = total(east, 'istio_requests_total', { ...fromApp, reporter: 'source', source_cluster: 'us-east', destination_cluster: 'eu-west' });
    expect(src / 30).toBeGreaterThan(17);
    expect(src / 30).toBeLessThan(23);
    expect(total(west, 'istio_requests_total', { ...fromApp, reporter: 'destination', source_cluster: 'us-east', destination_cluster: 'eu-west' })).toBeCloseTo(src, -1);
    expect(total(east, 'istio_requests_total', { ...fromApp, destination_cluster: 'ap-south' })).toBe(0);
    expect(total(south, 'istio_requests_total', fromApp)).toBe(0);
  });

  it('emits both reporters for injected pairs, only the destination for a sidecar-less source', async () => {
    const { s, scrape } = sim(mcsMesh());
    for (let i = 0; i < 10; i++) s.tick();
    const east = await scrape('us-east');
    const legacy = { source_workload: 'unknown', destination_workload: HELLO };
    expect(edgesFrom(s, 'legacy').map((e) => [e.destinationCluster, e.reporters])).toEqual([['us-east', ['destination']]]);
    expect(edgesFrom(s, 'hello-app-engine')[0]?.reporters).toEqual(['source', 'destination']);
    // the destination proxy cannot know a sidecar-less caller: its source labels are "unknown"
    expect(total(east, 'istio_requests_total', { ...legacy, reporter: 'destination', connection_security_policy: 'none' })).toBeGreaterThan(30);
    expect(total(east, 'istio_requests_total', { source_workload: 'legacy' })).toBe(0);
    const injected = total(east, 'istio_requests_total', { reporter: 'destination', source_workload: 'local-caller', destination_cluster: 'us-east' });
    expect(injected).toBeGreaterThan(0);
    expect(total(east, 'istio_requests_total', { reporter: 'destination', source_workload: 'local-caller', connection_security_policy: 'mutual_tls', source_principal: 'spiffe://cluster.local/ns/mcs-demo/sa/local-caller', destination_principal: 'spiffe://cluster.local/ns/mcs-demo/sa/sa-us-east' })).toBe(injected);
  });

  it('cross-cluster p50 exceeds local p50 by at least 20 ms', async () => {
    const { s, scrape } = sim(mcsMesh());
    const edges = edgesFrom(s, 'local-caller');
    const local = edges.find((e) => !e.crossCluster);
    const remote = edges.filter((e) => e.crossCluster);
    expect(local?.p50Ms).toBeGreaterThan(9);
    for (const e of remote) expect(e.p50Ms - (local?.p50Ms ?? 0)).toBeGreaterThanOrEqual(20);
    // the emitted histogram agrees: the local median sits in the 10 ms bucket's neighbourhood
    for (let i = 0; i < 20; i++) s.tick();
    const east = await scrape('us-east');
    const bucket = (dst: string, le: string) =>
      total(east, 'istio_request_duration_milliseconds_bucket', { reporter: 'source', source_workload: 'local-caller', destination_cluster: dst, le });
    const count = (dst: string) => bucket(dst, '+Inf');
    expect(bucket('us-east', '25') / count('us-east')).toBeGreaterThan(0.8);
    expect(bucket('eu-west', '25') / count('eu-west')).toBeLessThan(0.2);
  });

  it('the cut-off scenario fails cross-cluster calls to that cluster with 503 UH', async () => {
    const { s, scenarios, scrape } = sim(mcsMesh());
    scenarios.start('cluster-cut-off', { cluster: 'eu-west' });
    s.refresh();
    const toWest = edgesFrom(s, 'hello-app-engine')[0];
    expect(toWest?.codes).toEqual({ '503': 20 });
    expect(toWest?.flags).toEqual({ UH: 20 });
    expect(toWest?.reporters).toEqual(['source']);
    const localEdge = edgesFrom(s, 'local-caller').find((e) => e.destinationCluster === 'us-east');
    expect(localEdge?.codes['503'] ?? 0).toBe(0);
    for (let i = 0; i < 5; i++) s.tick();
    const east = await scrape('us-east');
    expect(total(east, 'istio_requests_total', { source_workload: 'hello-app-engine', response_code: '503', response_flags: 'UH' })).toBeGreaterThan(80);
    expect(await s.metrics('eu-west')).toContain('istio_requests_total');
  });

  it('emits Istio buckets and parseable text with Istio label names', async () => {
    const { s } = sim(mcsMesh());
    s.tick();
    const text = await s.metrics('us-east');
    expect(s.contentType).toMatch(/text\/plain/);
    const samples = parseMetrics(text);
    const les = [...new Set(samples.filter((x) => x.name === 'istio_request_duration_milliseconds_bucket').map((x) => x.labels.le))];
    expect(les).toEqual([...ISTIO_DURATION_BUCKETS.map(String), '+Inf']);
    for (const label of ['reporter', 'source_cluster', 'source_canonical_revision', 'destination_service_namespace', 'destination_principal', 'request_protocol', 'grpc_response_status', 'response_flags', 'connection_security_policy']) {
      expect(text).toContain(`${label}="`);
    }
    expect(text).toContain('# TYPE istio_request_duration_milliseconds histogram');
    expect(text).toContain('# TYPE istio_requests_total counter');
  });
});

describe('store changes', () => {
  it('re-plans after a debounced store change', async () => {
    vi.useFakeTimers();
    const { s, views } = sim(mcsMesh());
    s.start();
    views['us-east'].put(...workload({ namespace: 'mcs-demo', name: 'newcomer', calls: [{ host: HELLO, port: 8080, rps: 4, protocol: 'http' }] }));
    expect(edgesFrom(s, 'newcomer')).toHaveLength(0);
    vi.advanceTimersByTime(250);
    expect(edgesFrom(s, 'newcomer').length).toBe(3);
    s.stop();
  });
});
