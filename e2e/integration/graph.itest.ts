import { afterAll, describe, expect, it } from 'vitest';
import { graphSchema, type Graph } from '@/lib/graph/types';
import { eventually, promQuery, scenario, stack } from '../support/stack';

// Issue: the aggregation server and graph API, against the demo mesh and the real Prometheus.

async function graph(query: string): Promise<Graph> {
  const res = await fetch(`${stack().consoleUrl}/api/graph?${query}`);
  if (res.status !== 200) throw new Error(`/api/graph answered ${res.status}: ${await res.text()}`);
  return graphSchema.parse(await res.json());
}

const CROSS = 'wl:us-east:mcs-demo:hello-app-engine-v1->svc:eu-west:mcs-demo:hello-master-engine:http';
const LOCAL = 'svc:eu-west:mcs-demo:hello-master-engine->wl:eu-west:mcs-demo:hello-master-engine-v1:http';

describe('GET /api/graph on the demo mesh', () => {
  afterAll(async () => {
    await scenario('cluster-cut-off', 'stop').catch(() => {});
  });

  it('has the cross-cluster edge hello-app-engine -> hello-master-engine with traffic, full mTLS and the cross-cluster delay in its p95', async () => {
    // Right after the stack starts, each cluster's series reach Prometheus on their own scrape, and
    // rate() needs two samples of each: wait until both proxies' latency histograms have rates.
    await eventually('both reporters of the mcs-demo call in Prometheus', async () => {
      const r = await promQuery(
        'count by (reporter) (rate(istio_request_duration_milliseconds_count{source_workload="hello-app-engine-v1", destination_service_namespace="mcs-demo"}[1m]) > 0)',
      );
      return r.length === 2 ? true : undefined;
    });
    const g = await eventually('cross-cluster edge with latency', async () => {
      const g = await graph('clusters=us-east,eu-west&namespaces=mcs-demo&graphType=workload&duration=1m');
      const e = g.edges.find((x) => x.id === CROSS);
      const local = g.edges.find((x) => x.id === LOCAL);
      return e && e.rps > 0 && e.latencyMs.p95 !== undefined && e.mtlsShare !== undefined && local?.latencyMs.p95 !== undefined ? g : undefined;
    });
    const cross = g.edges.find((x) => x.id === CROSS)!;
    const local = g.edges.find((x) => x.id === LOCAL)!;
    expect(cross.crossCluster).toBe(true);
    expect(cross.rps).toBeGreaterThan(0);
    expect(cross.mtlsShare).toBe(1);
    // The demo adds 20-80 ms between clusters: the caller's p95 is above the server's own p95 by at least that.
    expect(cross.latencyMs.p95!).toBeGreaterThan(local.latencyMs.p95! + 20);
    expect(local.crossCluster).toBe(false);
  });

  it('marks ratings exported in eu-west and imported in us-east, and legacy workloads without sidecar', async () => {
    const g = await graph('namespaces=bookinfo,legacy&graphType=workload&duration=5m&idle=true');
    const node = (id: string) => g.nodes.find((n) => n.id === id);
    expect(node('svc:eu-west:bookinfo:ratings')?.badges.exported).toBe(true);
    expect(node('svc:us-east:bookinfo:ratings')?.badges.imported).toBe(true);
    const legacy = g.nodes.filter((n) => n.namespace === 'legacy' && n.kind === 'workload');
    expect(legacy.length).toBeGreaterThan(0);
    for (const n of legacy) expect(n.badges.missingSidecar, n.id).toBe(true);
    expect(g.nodes.filter((n) => n.kind === 'workload' && n.namespace === 'bookinfo').every((n) => !n.badges.missingSidecar)).toBe(true);
  });

  it('answers 200 with eu-west marked and the rest of the graph present while eu-west is cut off', async () => {
    await scenario('cluster-cut-off', 'start', { cluster: 'eu-west' });
    try {
      const g = await eventually('eu-west marked unreachable', async () => {
        const g = await graph('duration=1m&graphType=workload');
        return g.clusters.find((c) => c.cluster === 'eu-west' && !c.reachable) ? g : undefined;
      });
      const euWest = g.clusters.find((c) => c.cluster === 'eu-west')!;
      expect(euWest.error).toBeTruthy();
      expect(g.clusters.find((c) => c.cluster === 'us-east')?.reachable).toBe(true);
      expect(g.nodes.some((n) => n.cluster === 'us-east' && n.name.startsWith('productpage'))).toBe(true);
      expect(g.nodes.some((n) => n.cluster === 'ap-south')).toBe(true);
    } finally {
      await scenario('cluster-cut-off', 'stop');
    }
    await eventually('eu-west back', async () => {
      const g = await graph('duration=1m&graphType=workload&clusters=eu-west');
      return g.clusters.find((c) => c.cluster === 'eu-west')?.reachable ? true : undefined;
    }, 90_000);
  });

  it('validates its query and supports conditional requests', async () => {
    const bad = await fetch(`${stack().consoleUrl}/api/graph?duration=2d`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('duration');
    const unknown = await fetch(`${stack().consoleUrl}/api/graph?clusters=mars`);
    expect(unknown.status).toBe(404);
    const first = await fetch(`${stack().consoleUrl}/api/graph?namespaces=bookinfo`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${stack().consoleUrl}/api/graph?namespaces=bookinfo`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });
});
