import { describe, expect, it } from 'vitest';
import type { Graph, GraphType } from '@/lib/graph/types';
import { buildGraph } from './build';
import { InventoryIndex } from './inventory';
import { PathResolver } from './series';
import { DERIVED, gkeFleetInventory, gkeHello, gkeHelloRequests } from './testing/gke';
import { scenarioOptions } from './testing/scenario';
import { identity, pushLatency, pushPrincipals, spiffe, telemetryOf } from './testing/telemetry';

const node = (g: Graph, id: string) => g.nodes.find((n) => n.id === id);

function gkeGraph(graphType: GraphType, idle = false) {
  const t = telemetryOf(gkeHelloRequests(5));
  pushLatency(t, gkeHello, 'source', { p50: 40, p95: 80, p99: 120, avg: 45, rps: 5 });
  pushLatency(t, gkeHello, 'destination', { p50: 10, p95: 20, p99: 30, avg: 12, rps: 5 });
  pushPrincipals(t, gkeHello, 'destination', 5, spiffe('mcs-demo', 'hello-app-engine'), spiffe('mcs-demo', 'hello-master-engine'));
  return buildGraph({ inventory: gkeFleetInventory(), telemetry: t, options: scenarioOptions(graphType, { idle }) });
}

describe('GKE derived services fold into their ServiceImport (net.gke.io)', () => {
  it('telemetry naming gke-mcs-<hash> lands on the clusterset service in the destination cluster', () => {
    const inv = new InventoryIndex(gkeFleetInventory());
    const path = new PathResolver('app', inv).resolve(identity(gkeHello, 'source'));
    expect(path?.nodes.map((n) => n.id)).toEqual([
      'app:cluster-a:mcs-demo:hello-app-engine',
      'svc:cluster-b:mcs-demo:hello-master-engine',
      'app:cluster-b:mcs-demo:hello-master-engine',
    ]);
    expect(inv.serviceName('mcs-demo', DERIVED)).toBe('hello-master-engine');
    expect(inv.serviceName('mcs-demo', 'hello-app-engine')).toBe('hello-app-engine');
  });

  it("draws hello-app-engine (cluster-a) -> hello-master-engine (cluster-b) across clusters with mTLS and the caller's latency, and no gke-mcs node", () => {
    for (const gt of ['app', 'workload', 'service'] as GraphType[]) {
      const g = gkeGraph(gt, true);
      expect(g.nodes.filter((n) => n.name.startsWith('gke-mcs-'))).toEqual([]);
      expect(g.edges.filter((e) => e.id.includes('gke-mcs-'))).toEqual([]);
    }
    const g = gkeGraph('app');
    const e = g.edges.find((x) => x.id === 'app:cluster-a:mcs-demo:hello-app-engine->svc:cluster-b:mcs-demo:hello-master-engine:http');
    expect(e).toMatchObject({ crossCluster: true, mtls: true, rps: 5, latencyMs: { p95: 80 } });
    expect(node(g, 'svc:cluster-b:mcs-demo:hello-master-engine')).toMatchObject({
      badges: { exported: true },
      clusterSetHost: 'hello-master-engine.mcs-demo.svc.clusterset.local',
    });
  });

  it('the import in cluster-a is the imported clusterset service (idle), not a derived Service node', () => {
    const g = gkeGraph('service', true);
    expect(node(g, 'svc:cluster-a:mcs-demo:hello-master-engine')).toMatchObject({ badges: { imported: true }, clusterSetHost: 'hello-master-engine.mcs-demo.svc.clusterset.local' });
    expect(node(g, `svc:cluster-a:mcs-demo:${DERIVED}`)).toBeUndefined();
  });

  it('an import whose derived Service lost every endpoint is dead in its cluster', () => {
    const g = buildGraph({ inventory: gkeFleetInventory({ exported: false }), telemetry: telemetryOf([]), options: scenarioOptions('service', { idle: true }) });
    expect(node(g, 'svc:cluster-a:mcs-demo:hello-master-engine')?.badges.dead).toBe(true);
    expect(node(g, 'svc:cluster-b:mcs-demo:hello-master-engine')?.badges.dead).toBeUndefined();
  });
});
