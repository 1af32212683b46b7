import { beforeAll, describe, expect, it } from 'vitest';
import { validateIstioObject } from '@/lib/istio/validate';
import { createClusterStore, type ClusterStore } from '../kube';
import { serveFlavor } from '../kube/resources';
import { clusterSetVip } from '../mesh/ids';
import { createScenarioState } from '../scenarios';
import { createSimulation, seededRandom } from '../sim';
import { parseMetrics, total } from '../sim/testing';
import { GKE_CLUSTERS, type DemoClusterName } from '../types';
import { createMcsController, derivedNameOf, GKE_MCS_API, MANAGED_BY, membershipOf, seedGkeCluster } from './index';

// The gke flavour: its seed, the simulated GKE MCS controller, and the traffic as the managed mesh
// reports it.

const NS = 'mcs-demo';
const HELLO = 'hello-master-engine';
const DERIVED = derivedNameOf(NS, HELLO);

function fleet(now: () => number = Date.now): { stores: Record<'cluster-a' | 'cluster-b', ClusterStore>; controller: ReturnType<typeof createMcsController> } {
  const stores = Object.fromEntries(
    GKE_CLUSTERS.map((c) => {
      const store = createClusterStore(c);
      for (const obj of seedGkeCluster(c)) store.create(obj, { keepIdentity: true });
      return [c, store];
    }),
  ) as Record<'cluster-a' | 'cluster-b', ClusterStore>;
  const controller = createMcsController({ stores, orphanGraceMs: 60_000, now });
  controller.reconcile();
  return { stores, controller };
}

beforeAll(() => serveFlavor('gke'));

describe('the gke flavour seed', () => {
  it('passes every schema of its kinds, with a managed revision and no istiod', () => {
    for (const c of GKE_CLUSTERS) {
      const objects = seedGkeCluster(c);
      const mesh = objects.filter((o) => /istio\.io|net\.gke\.io|mesh\.cloud\.google\.com/.test(o.apiVersion));
      expect(mesh.length).toBeGreaterThan(0);
      for (const o of mesh) expect(validateIstioObject(o), `${o.kind} ${o.metadata.name}`).toMatchObject({ ok: true });
      expect(objects.some((o) => o.kind === 'Deployment' && o.metadata.labels?.app === 'istiod')).toBe(false);
      expect(objects.find((o) => o.kind === 'ControlPlaneRevision')).toMatchObject({ metadata: { name: 'asm-managed', namespace: 'istio-system' }, spec: { type: 'managed_service', channel: 'regular' } });
      expect(objects.find((o) => o.kind === 'Namespace' && o.metadata.name === NS)?.metadata.labels).toMatchObject({ 'istio.io/rev': 'asm-managed' });
      const pod = objects.find((o) => o.kind === 'Pod' && o.metadata.namespace === NS);
      expect(pod?.metadata.annotations?.['istio.io/rev']).toBe('asm-managed');
      expect(JSON.stringify(pod)).toContain('"value":"proj-680206487583"');
    }
  });
});

describe("the simulated GKE MCS controller", () => {
  it('imports the export into every cluster with the namespace: ServiceImport, derived Service, one EndpointSlice per exporter', () => {
    const { stores } = fleet();
    for (const c of GKE_CLUSTERS) {
      const imp = stores[c].get(GKE_MCS_API, 'ServiceImport', NS, HELLO);
      expect(imp).toMatchObject({
        metadata: { labels: { 'app.kubernetes.io/managed-by': MANAGED_BY }, annotations: { 'net.gke.io/derived-service': DERIVED } },
        spec: { type: 'ClusterSetIP', ips: [clusterSetVip(NS, HELLO)], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
        status: { clusters: [{ cluster: membershipOf('cluster-b') }] },
      });
      expect(validateIstioObject(imp)).toMatchObject({ ok: true });
      expect(stores[c].get('v1', 'Service', NS, DERIVED)).toMatchObject({ spec: { type: 'ClusterIP', clusterIP: clusterSetVip(NS, HELLO) } });
      const slices = stores[c].list('discovery.k8s.io/v1', 'EndpointSlice', NS).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === DERIVED);
      expect(slices.map((s) => s.metadata.labels?.['multicluster.kubernetes.io/source-cluster'])).toEqual(['cluster-b']);
      expect((slices[0]?.endpoints as unknown[]).length).toBe(2);
    }
    const exp = stores['cluster-b'].get(GKE_MCS_API, 'ServiceExport', NS, HELLO);
    expect((exp?.status as { conditions: { type: string; status: string }[] }).conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Initialized=True', 'Exported=True', 'Conflict=False']);
  });

  it('settles: a second pass writes nothing', () => {
    const { stores, controller } = fleet();
    const rv = GKE_CLUSTERS.map((c) => stores[c].resourceVersion);
    controller.reconcile();
    expect(GKE_CLUSTERS.map((c) => stores[c].resourceVersion)).toEqual(rv);
  });

  it('a deleted export leaves the imports without exporter and endpoints, then deletes them after the grace period', () => {
    let t = 1_000_000;
    const { stores, controller } = fleet(() => t);
    stores['cluster-b'].delete(GKE_MCS_API, 'ServiceExport', NS, HELLO);
    controller.reconcile();
    for (const c of GKE_CLUSTERS) {
      expect(stores[c].get(GKE_MCS_API, 'ServiceImport', NS, HELLO)?.status).toEqual({ clusters: [] });
      expect(stores[c].list('discovery.k8s.io/v1', 'EndpointSlice', NS).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === DERIVED)).toEqual([]);
    }
    t += 60_000;
    controller.reconcile();
    for (const c of GKE_CLUSTERS) {
      expect(stores[c].get(GKE_MCS_API, 'ServiceImport', NS, HELLO)).toBeUndefined();
      expect(stores[c].get('v1', 'Service', NS, DERIVED)).toBeUndefined();
    }
  });

  it('an export of a Service its cluster lacks is not Exported, and imports nothing', () => {
    const { stores, controller } = fleet();
    stores['cluster-a'].create({ apiVersion: GKE_MCS_API, kind: 'ServiceExport', metadata: { name: 'nothing', namespace: NS } });
    controller.reconcile();
    const exp = stores['cluster-a'].get(GKE_MCS_API, 'ServiceExport', NS, 'nothing');
    expect((exp?.status as { conditions: { type: string; status: string; reason: string }[] }).conditions[1]).toMatchObject({ type: 'Exported', status: 'False', reason: 'ServiceNotFound' });
    expect(stores['cluster-b'].get(GKE_MCS_API, 'ServiceImport', NS, 'nothing')).toBeUndefined();
  });
});

describe('traffic of the gke flavour', () => {
  it('hello-app-engine (cluster-a) reaches hello-master-engine (cluster-b) with mTLS, reported by the derived Service as Envoy knows it', async () => {
    const { stores } = fleet();
    const s = createSimulation({ views: stores as Partial<Record<DemoClusterName, ClusterStore>>, scenarios: createScenarioState(), random: seededRandom(3), warn: () => {} });
    s.tick(10);
    const a = parseMetrics(await s.metrics('cluster-a'));
    const b = parseMetrics(await s.metrics('cluster-b'));
    const host = `${DERIVED}.${NS}.svc.cluster.local`;
    const match = { source_workload: 'hello-app-engine-v1', destination_service: host, destination_service_name: DERIVED, destination_cluster: 'cluster-b' };
    expect(total(a, 'istio_requests_total', { ...match, reporter: 'source', source_cluster: 'cluster-a' })).toBeGreaterThan(0);
    expect(total(b, 'istio_requests_total', { ...match, reporter: 'destination', connection_security_policy: 'mutual_tls' })).toBeGreaterThan(0);
    expect(total(b, 'istio_requests_total', { destination_service_name: HELLO, source_workload: 'hello-app-engine-v1' })).toBe(0);
  });
});
