import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '@/server/config';
import { createMcsController, seedGkeCluster } from '@/server/demo/gke';
import { createClusterStore } from '@/server/demo/kube';
import { serveFlavor } from '@/server/demo/kube/resources';
import { startTestCluster, type TestCluster } from '@/server/demo/kube/testing';
import { buildMcs } from '@/server/mesh/mcs';
import { clusterCacheStates, inventorySnapshot, startInventory, stopInventory, waitForSync } from './index';

// A cluster that serves only GKE's MCS group (net.gke.io, as a GKE cluster does) and not the upstream
// multicluster.x-k8s.io: its caches sync, the upstream kinds are absent, GKE's are cached and read.

let c: TestCluster;

beforeAll(async () => {
  serveFlavor('gke');
  const store = createClusterStore('cluster-b');
  for (const obj of seedGkeCluster('cluster-b')) store.create(obj, { keepIdentity: true });
  createMcsController({ stores: { 'cluster-b': store } }).reconcile();
  c = await startTestCluster({ store });
  const file = join(c.dir, 'gke-kubeconfig');
  await writeFile(
    file,
    `apiVersion: v1\nkind: Config\nclusters:\n- {name: b, cluster: {server: '${c.server.httpsUrl}', insecure-skip-tls-verify: true}}\nusers:\n- {name: viewer, user: {token: demo-viewer}}\ncontexts:\n- {name: cluster-b, context: {cluster: b, user: viewer}}\ncurrent-context: cluster-b\n`,
  );
  setConfig({ clusters: [{ name: 'cluster-b', kubeconfig: file }], auth: { strategy: 'anonymous' }, readOnly: false, source: 'test' });
  startInventory();
});

afterAll(async () => {
  stopInventory();
  setConfig(undefined);
  await c?.close();
});

describe('inventory of a cluster serving one MCS group', () => {
  it('syncs with the upstream MCS kinds absent and GKE’s cached, and the mesh reads them', async () => {
    const [state] = await waitForSync(10_000);
    expect(state?.state).toBe('synced');
    const cache = clusterCacheStates()[0];
    expect(cache?.absentKinds).toEqual(expect.arrayContaining(['ServiceExport', 'ServiceImport']));
    expect(cache?.absentKinds).not.toContain('ServiceExport.net.gke.io');
    expect(cache?.absentKinds).not.toContain('ControlPlaneRevision');
    const snap = inventorySnapshot().clusters[0]!;
    expect(snap.objects['ServiceExport.net.gke.io'].map((e) => e.metadata.name)).toEqual(['hello-master-engine']);
    expect(snap.objects['ServiceImport.net.gke.io'].map((e) => e.metadata.name)).toEqual(['hello-master-engine']);
    expect(snap.objects.ControlPlaneRevision.map((e) => e.metadata.name)).toEqual(['asm-managed']);
    const { services } = buildMcs(inventorySnapshot().clusters);
    expect(services.map((r) => [r.name, r.exportedFrom, r.importedIn, r.clusters[0]?.groups])).toEqual([['hello-master-engine', ['cluster-b'], ['cluster-b'], ['net.gke.io']]]);
  });
});
