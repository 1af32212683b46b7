import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyObjects, inventoryKindOf, type InventorySnapshot, type K8sObject } from '@/lib/inventory/types';
import { setConfig } from '@/server/config';
import { clusterz, mcsz, proxySyncState as demoProxyState, syncz } from '@/server/demo/istiod';
import { seededViews } from '@/server/demo/istiod/testing';
import { ISTIO_VERSION, seedCluster } from '@/server/demo/mesh';
import { DEMO_MESH_ID } from '@/server/demo/types';
import { imageTag, istiodClusterz, istiodInfo, istiodMcsz, istiodMetricsText, istiodSyncz, summarizeSyncz } from './index';

// A fake istiod control port serving what the demo's istiod computes over the seeded mesh, under the
// demo's URL layout (/clusters/<cluster>/istiod/debug/syncz ...), plus broken ones.

let server: Server;
let base: string;
const views = seededViews();
const usEast = views.find((v) => v.cluster === 'us-east');
if (!usEast) throw new Error('no us-east view');
const demoSyncz = syncz(usEast, { stale: ['bookinfo/*'], notSent: (id) => id.startsWith('productpage-v1-') });

async function refusedUrl(): Promise<string> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  const routes: Record<string, () => string> = {
    '/clusters/us-east/istiod/debug/syncz': () => JSON.stringify(demoSyncz),
    '/clusters/us-east/istiod/debug/mcsz': () => JSON.stringify(mcsz(views)),
    '/clusters/us-east/istiod/debug/clusterz': () => JSON.stringify(clusterz(views, 'us-east')),
    '/clusters/us-east/istiod/metrics': () => '# TYPE pilot_xds gauge\npilot_xds{version="1"} 3\n',
    '/clusters/eu-west/istiod/debug/syncz': () => 'null',
    '/clusters/eu-west/istiod/debug/clusterz': () => '<html>not json</html>',
    '/clusters/eu-west/istiod/debug/mcsz': () => JSON.stringify([{ Cluster: 'eu-west', Name: 7 }]),
  };
  server = createServer((req, res) => {
    if (req.url?.includes('/slow/')) return; // never answers
    const route = routes[req.url ?? ''];
    if (route) res.writeHead(200).end(route());
    else res.writeHead(404).end('404 page not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const refused = await refusedUrl();
  setConfig({
    auth: { strategy: 'anonymous' },
    readOnly: false,
    source: 'test',
    clusters: [
      { name: 'us-east', istiod: { url: `${base}/clusters/us-east/istiod/` } },
      { name: 'eu-west', istiod: { url: `${base}/clusters/eu-west/istiod` } },
      { name: 'slow', istiod: { url: `${base}/slow/istiod` } },
      { name: 'dead', istiod: { url: refused } },
      { name: 'ap-south' },
    ],
  });
});
afterAll(async () => {
  setConfig(undefined);
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('istiod debug endpoints', () => {
  it('summarizes syncz like istioctl proxy-status', async () => {
    const r = await istiodSyncz('us-east');
    if (!r.ok) throw new Error(r.error);
    const expected = { synced: 0, stale: 0, notSent: 0 };
    for (const s of demoSyncz) {
      const st = demoProxyState(s);
      expected[st === 'SYNCED' ? 'synced' : st === 'STALE' ? 'stale' : 'notSent'] += 1;
    }
    expect(expected.stale).toBeGreaterThan(0);
    expect(expected.notSent).toBeGreaterThan(0);
    expect(r.value).toMatchObject({ proxies: demoSyncz.length, ...expected, versions: { [ISTIO_VERSION]: demoSyncz.length } });
    expect(r.value.unsynced).toContainEqual({ proxy: expect.stringMatching(/^productpage-v1-.*\.bookinfo$/), state: 'notSent' });
  });

  it('parses mcsz and clusterz', async () => {
    const m = await istiodMcsz('us-east');
    const c = await istiodClusterz('us-east');
    if (!m.ok || !c.ok) throw new Error('expected answers');
    expect(m.value.some((row) => row.Exported)).toBe(true);
    expect(c.value[0]).toMatchObject({ id: 'us-east', secretName: '', syncStatus: 'synced' });
    expect(c.value.map((x) => x.id)).toEqual(expect.arrayContaining(['eu-west', 'ap-south']));
    const metrics = await istiodMetricsText('us-east');
    expect(metrics.ok && metrics.value).toContain('pilot_xds{version="1"} 3');
  });

  it('turns every failure into a per-cluster error value', async () => {
    expect(await istiodSyncz('eu-west')).toMatchObject({ ok: true, value: { proxies: 0 } }); // null = no proxies
    expect(await istiodClusterz('eu-west')).toEqual({ cluster: 'eu-west', ok: false, error: 'istiod of cluster eu-west: /debug/clusterz is not JSON' });
    expect(await istiodMcsz('eu-west')).toMatchObject({ ok: false, error: expect.stringMatching(/unexpected \/debug\/mcsz answer at 0\.Name/) });
    expect(await istiodMetricsText('eu-west')).toMatchObject({ ok: false, error: expect.stringMatching(/answered HTTP 404: 404 page not found/) });
    expect(await istiodSyncz('slow', { timeoutMs: 150 })).toMatchObject({ ok: false, error: expect.stringMatching(/unreachable: no answer within 150 ms/) });
    expect(await istiodSyncz('dead')).toMatchObject({ ok: false, error: expect.stringMatching(/unreachable: connect ECONNREFUSED/) });
    expect(await istiodSyncz('ap-south')).toEqual({ cluster: 'ap-south', ok: false, error: 'no istiod URL is configured for cluster ap-south' });
  });

  it('reads the resources map of newer istiod versions', () => {
    const s = summarizeSyncz([
      { proxy: 'a.ns', resources: { 'type.googleapis.com/envoy.config.cluster.v3.Cluster': { sent: 'n1', acked: 'n1' } } },
      { proxy: 'b.ns', resources: { cds: { sent: 'n2', acked: 'n1' } } },
      { proxy: 'c.ns', istio_version: '1.25.0' },
    ]);
    expect(s).toMatchObject({ proxies: 3, synced: 1, stale: 1, notSent: 1, versions: { unknown: 2, '1.25.0': 1 } });
  });
});

describe('istiodInfo from the inventory', () => {
  function snapshotOf(cluster: string, objects: K8sObject[]): InventorySnapshot {
    const byKind = emptyObjects();
    for (const o of objects) {
      const kind = inventoryKindOf(o);
      if (kind) byKind[kind].push(o);
    }
    return { clusters: [{ cluster, state: 'synced', objects: byKind }] };
  }

  it('reads revision, version, network and mesh id of the seeded demo cluster', () => {
    const info = istiodInfo('us-east', snapshotOf('us-east', seedCluster('us-east') as K8sObject[]));
    expect(info).toMatchObject({ cluster: 'us-east', revision: 'default', version: ISTIO_VERSION, network: 'network-us-east', meshId: DEMO_MESH_ID });
    expect(info.revisions).toHaveLength(1);
  });

  it('falls back to the image tag and leaves unknowns undefined', () => {
    const istiod: K8sObject = {
      kind: 'Deployment',
      metadata: { name: 'istiod-canary', namespace: 'istio-system', labels: { app: 'istiod', 'istio.io/rev': 'canary' } },
      spec: { template: { spec: { containers: [{ name: 'discovery', image: 'registry:5000/istio/pilot:1.26.1@sha256:abc' }] } } },
    };
    const info = istiodInfo('x', snapshotOf('x', [istiod]));
    expect(info).toEqual({ cluster: 'x', revision: 'canary', version: '1.26.1', revisions: [{ namespace: 'istio-system', name: 'istiod-canary', revision: 'canary', version: '1.26.1', ready: false }] });
    expect(istiodInfo('unknown', { clusters: [] })).toEqual({ cluster: 'unknown', revisions: [] });
    expect(imageTag('registry:5000/istio/pilot')).toBeUndefined();
    expect(imageTag('istio/pilot:1.2.3')).toBe('1.2.3');
  });
});
