import { describe, expect, it } from 'vitest';
import { graphSchema, type Graph, type GraphType } from '@/lib/graph/types';
import { PROMETHEUS_DOWN_WARNING } from './appenders/cluster-status';
import { buildGraph } from './build';
import { emptyTelemetry } from './queries';
import { expectGolden, sorted } from './testing/golden';
import { scenario, scenarioInventory, scenarioOptions } from './testing/scenario';

const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id);
const edge = (g: Graph, id: string) => g.edges.find((e) => e.id === id);
const ids = (g: Graph) => g.nodes.map((n) => n.id).sort();

describe('buildGraph: the two-cluster scenario, per graph type (goldens)', () => {
  for (const gt of ['workload', 'app', 'versionedApp', 'service'] as GraphType[]) {
    it(`${gt} graph matches its golden and the contract`, () => {
      const g = buildGraph(scenario(gt));
      expect(graphSchema.parse(g)).toEqual(g);
      expectGolden(`pipeline-${gt}`, sorted(g));
    });
  }
});

describe('buildGraph: facts of the scenario', () => {
  it("the cross-cluster mcs call: caller -> service edge crosses, mTLS 1, the caller's p95 (hop included) above the server's", () => {
    const g = buildGraph(scenario('workload'));
    const e = edge(g, 'wl:us-east:mcs-demo:hello-app-engine->svc:eu-west:mcs-demo:hello-master-engine:http');
    expect(e).toMatchObject({ crossCluster: true, mtlsShare: 1, rps: 10, latencyMs: { p50: 70, p95: 112, p99: 150, avg: 76 } });
    const behind = edge(g, 'svc:eu-west:mcs-demo:hello-master-engine->wl:eu-west:mcs-demo:hello-master-engine:http');
    expect(behind).toMatchObject({ crossCluster: false, latencyMs: { p50: 20, p95: 60, p99: 90, avg: 25 } });
    for (const gt of ['app', 'versionedApp'] as const) {
      const ga = buildGraph(scenario(gt));
      const src = gt === 'app' ? 'app:us-east:mcs-demo:hello-app-engine' : 'app:us-east:mcs-demo:hello-app-engine:v1';
      expect(edge(ga, `${src}->svc:eu-west:mcs-demo:hello-master-engine:http`)).toMatchObject({ crossCluster: true, mtlsShare: 1, latencyMs: { p95: 112 } });
    }
  });

  it('ratings: exported in eu-west, imported in us-east, one clusterset host', () => {
    for (const gt of ['workload', 'app', 'versionedApp', 'service'] as const) {
      const g = buildGraph(scenario(gt));
      expect(node(g, 'svc:eu-west:bookinfo:ratings')).toMatchObject({ badges: { exported: true }, clusterSetHost: 'ratings.bookinfo.svc.clusterset.local' });
      expect(node(g, 'svc:eu-west:bookinfo:ratings')?.badges.imported).toBeUndefined();
      expect(node(g, 'svc:us-east:bookinfo:ratings')).toMatchObject({ badges: { imported: true }, clusterSetHost: 'ratings.bookinfo.svc.clusterset.local' });
      expect(node(g, 'svc:us-east:bookinfo:ratings')?.badges.exported).toBeUndefined();
    }
  });

  it('the legacy workload (no sidecar) carries missingSidecar in workload and app graphs', () => {
    expect(node(buildGraph(scenario('workload')), 'wl:us-east:legacy:legacy-billing')?.badges.missingSidecar).toBe(true);
    expect(node(buildGraph(scenario('app')), 'app:us-east:legacy:legacy-billing')?.badges.missingSidecar).toBe(true);
    expect(node(buildGraph(scenario('versionedApp')), 'app:us-east:legacy:legacy-billing:v1')?.badges.missingSidecar).toBe(true);
    expect(node(buildGraph(scenario('workload')), 'wl:us-east:bookinfo:productpage-v1')?.badges.missingSidecar).toBeUndefined();
  });

  it('Prometheus down: inventory-only graph with a warning, health no-data, no crash', () => {
    for (const gt of ['workload', 'app', 'versionedApp', 'service'] as const) {
      const g = buildGraph({ ...scenario(gt), telemetry: undefined, telemetryErrors: { 'us-east': 'connection refused' } });
      expect(graphSchema.parse(g)).toEqual(g);
      expect(g.warnings).toContain(PROMETHEUS_DOWN_WARNING);
      expect(g.edges).toEqual([]);
      expect(g.nodes.length).toBeGreaterThan(5);
      expect(g.nodes.every((n) => n.health === 'no-data' && n.idle === undefined)).toBe(true);
      expect(g.clusters.every((c) => !c.telemetry)).toBe(true);
      expect(node(g, 'svc:us-east:bookinfo:reviews')?.badges).toMatchObject({ virtualService: true, destinationRule: true, circuitBreaker: true });
    }
    const g = buildGraph({ ...scenario('workload'), telemetry: undefined });
    expectGolden('pipeline-workload-prometheus-down', sorted(g));
  });

  it('a failed request query counts as Prometheus down', () => {
    const t = emptyTelemetry();
    t.errors.requests = 'timeout';
    const g = buildGraph({ ...scenario('workload'), telemetry: t });
    expect(g.warnings).toEqual([PROMETHEUS_DOWN_WARNING, 'Prometheus query failed: timeout']);
    expect(g.edges).toEqual([]);
  });

  it('a namespace filter keeps the outside neighbours but does not expand them', () => {
    const g = buildGraph(scenario('workload', { namespaces: ['legacy'] }));
    expect(graphSchema.parse(g)).toEqual(g);
    expect(ids(g)).toEqual(['svc:us-east:bookinfo:productpage', 'wl:us-east:bookinfo:productpage-v1', 'wl:us-east:legacy:legacy-billing']);
    expect(g.edges.map((e) => e.id).sort()).toEqual([
      'svc:us-east:bookinfo:productpage->wl:us-east:bookinfo:productpage-v1:http',
      'wl:us-east:legacy:legacy-billing->svc:us-east:bookinfo:productpage:http',
    ]);
    expect(g.boxes.map((b) => b.id).sort()).toEqual(['cluster:us-east', 'ns:us-east:bookinfo', 'ns:us-east:legacy']);
  });

  it('a cluster filter keeps callers from other clusters and reports only the selected clusters', () => {
    const g = buildGraph(scenario('workload', { clusters: ['eu-west'] }));
    expect(ids(g)).toEqual([
      'svc:eu-west:bookinfo:ratings',
      'svc:eu-west:mcs-demo:hello-master-engine',
      'wl:eu-west:bookinfo:ratings-v1',
      'wl:eu-west:mcs-demo:hello-master-engine',
      'wl:us-east:bookinfo:reviews-v3',
      'wl:us-east:mcs-demo:hello-app-engine',
    ]);
    expect(g.clusters.map((c) => c.cluster)).toEqual(['eu-west']);
  });

  it('idle nodes are added (and marked) only when asked', () => {
    const g = buildGraph(scenario('workload', { idle: true }));
    expect(node(g, 'wl:us-east:bookinfo:details-v1')).toMatchObject({ idle: true, health: 'idle', badges: { dead: true } });
    expect(node(g, 'svc:us-east:mcs-demo:hello-master-engine')).toMatchObject({ idle: true, badges: { imported: true } });
    expect(node(g, 'wl:us-east:bookinfo:productpage-v1')?.idle).toBeUndefined();
    expect(node(buildGraph(scenario('workload')), 'wl:us-east:bookinfo:details-v1')).toBeUndefined();
  });

  it('is deterministic and does not mutate its input', () => {
    const input = scenario('app');
    const before = JSON.stringify(input);
    expect(buildGraph(input)).toEqual(buildGraph(input));
    expect(JSON.stringify(input)).toBe(before);
  });

  it('an empty inventory and no telemetry give an empty graph with the warning', () => {
    const g = buildGraph({ inventory: { clusters: [] }, telemetry: undefined, options: scenarioOptions('service') });
    expect(g).toMatchObject({ nodes: [], edges: [], boxes: [], clusters: [], warnings: [PROMETHEUS_DOWN_WARNING] });
    expect(scenarioInventory().clusters).toHaveLength(2);
  });
});
