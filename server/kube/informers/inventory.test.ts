import { createServer } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeridianConfig } from '@/server/config';
import { setConfig } from '@/server/config';
import { subscribe, type MeridianEvent } from '@/server/events/bus';
import { startTestCluster, vs, type TestCluster } from '@/server/demo/kube/testing';
import { kubeConfigFor } from '@/server/kube/clients';
import { clusterCacheStates, inventorySnapshot, inventoryStats, startInventory, stopInventory, waitForSync } from './index';
import { listCollection } from './list';

// The inventory caches against the embedded demo Kubernetes API (server/demo/kube): one live
// cluster (https, self-signed, insecure-skip-tls-verify), one on a refused port, one with a token
// the server refuses.

let c: TestCluster;
let deadPort: number;
const events: MeridianEvent[] = [];
let unsubscribe: () => void;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const kubeconfig = (live: string, liveHttp: string, dead: string) => `apiVersion: v1
kind: Config
clusters:
- {name: live, cluster: {server: '${live}', insecure-skip-tls-verify: true}}
- {name: live-http, cluster: {server: '${liveHttp}', insecure-skip-tls-verify: true}}
- {name: dead, cluster: {server: '${dead}', insecure-skip-tls-verify: true}}
- {name: empty, cluster: {server: '${liveHttp}/served-nothing', insecure-skip-tls-verify: true}}
users:
- {name: viewer, user: {token: demo-viewer}}
- {name: stranger, user: {token: not-a-token}}
contexts:
- {name: inv-live, context: {cluster: live, user: viewer}}
- {name: inv-dead, context: {cluster: dead, user: viewer}}
- {name: inv-denied, context: {cluster: live-http, user: stranger}}
- {name: inv-nothing, context: {cluster: empty, user: viewer}}
current-context: inv-live
`;

async function until<T>(what: string, read: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const live = () => inventorySnapshot().clusters.find((s) => s.cluster === 'inv-live');
const stateOf = (cluster: string) => clusterCacheStates().find((s) => s.cluster === cluster);
const inventoryEvent = (kind: string, name: string, action: string) => () =>
  events.find((e) => e.type === 'inventory' && e.cluster === 'inv-live' && e.kind === kind && e.name === name && e.action === action);

beforeAll(async () => {
  c = await startTestCluster({ bookmarkIntervalMs: 300 });
  c.store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'reviews',
      namespace: 'bookinfo',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}', keep: 'me' },
      managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
    },
    spec: { ports: [{ port: 9080 }] },
  });
  deadPort = await freePort();
  const file = join(c.dir, 'inventory-kubeconfig');
  await writeFile(file, kubeconfig(c.server.httpsUrl, c.server.url, `http://127.0.0.1:${deadPort}`));
  const cfg: MeridianConfig = {
    clusters: ['inv-live', 'inv-dead', 'inv-denied', 'inv-nothing'].map((name) => ({ name, kubeconfig: file })),
    auth: { strategy: 'anonymous' },
    readOnly: false,
    source: 'test',
  };
  setConfig(cfg);
  unsubscribe = subscribe((e) => events.push(e));
  startInventory({ backoff: { baseMs: 300, maxMs: 1000 } });
  startInventory(); // idempotent
});

afterAll(async () => {
  stopInventory();
  unsubscribe();
  setConfig(undefined);
  await c.close();
});

describe('inventory caches against the demo API server', () => {
  it('syncs the live cluster, with managedFields and last-applied stripped', async () => {
    const states = await waitForSync(5000);
    expect(states.find((s) => s.cluster === 'inv-live')?.state).toBe('synced');
    const snap = live();
    expect(snap?.state).toBe('synced');
    expect(snap?.objects.Namespace.map((n) => n.metadata.name)).toContain('bookinfo');
    expect(snap?.objects.VirtualService.map((v) => v.metadata.name)).toEqual(['reviews']);
    const svc = snap?.objects.Service.find((s) => s.metadata.name === 'reviews');
    expect(svc?.metadata.annotations).toEqual({ keep: 'me' });
    expect(svc?.metadata).not.toHaveProperty('managedFields');
    expect(events).toContainEqual({ type: 'cluster', cluster: 'inv-live', state: 'synced' });
    // The snapshot comes from memory: the same arrays until something changes.
    expect(live()?.objects.Service).toBe(snap?.objects.Service);
  });

  it('reports the refused cluster as error naming the connection, then reconnecting', async () => {
    const reason = new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${deadPort}`);
    // Reconnecting is short-lived against a refused port: follow the published states.
    await until('inv-dead reconnecting', () => events.some((e) => e.type === 'cluster' && e.cluster === 'inv-dead' && e.state === 'reconnecting'));
    const seen = events.filter((e) => e.type === 'cluster' && e.cluster === 'inv-dead');
    const firstError = seen.findIndex((e) => e.type === 'cluster' && e.state === 'error');
    expect(firstError).toBeGreaterThanOrEqual(0);
    expect(seen[firstError]).toMatchObject({ error: expect.stringMatching(reason) });
    expect(seen.slice(firstError).some((e) => e.type === 'cluster' && e.state === 'reconnecting')).toBe(true);
    await until('a second failure', () => (stateOf('inv-dead')?.restarts ?? 0) >= 2 || undefined, 5000);
    const snap = inventorySnapshot().clusters.find((s) => s.cluster === 'inv-dead');
    expect(snap?.error).toMatch(reason);
    expect(snap?.objects.Pod).toEqual([]);
  });

  it('reports a refused token as 401 Unauthorized', async () => {
    const s = await until('inv-denied error', () => (stateOf('inv-denied')?.error ? stateOf('inv-denied') : undefined));
    expect(s.error).toBe('401 Unauthorized');
  });

  it('publishes a create, modify and delete within 2 s', async () => {
    const t0 = Date.now();
    c.store.create(vs('ratings', 'bookinfo'));
    await until('added', inventoryEvent('VirtualService', 'ratings', 'added'), 2000);
    c.store.replace({ ...vs('ratings', 'bookinfo', [80, 20]) });
    await until('modified', inventoryEvent('VirtualService', 'ratings', 'modified'), 2000);
    c.store.delete('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'ratings');
    await until('deleted', inventoryEvent('VirtualService', 'ratings', 'deleted'), 2000);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(events).toContainEqual({ type: 'inventory', cluster: 'inv-live', namespace: 'bookinfo', kind: 'VirtualService', name: 'ratings', action: 'added' });
    expect(live()?.objects.VirtualService.map((v) => v.metadata.name)).toEqual(['reviews']);
  });

  it('relists after 410 Gone without losing a change made while disconnected', async () => {
    await c.server.stop();
    await until('inv-live error', () => stateOf('inv-live')?.state === 'error', 5000);
    events.length = 0;
    // Changes while the console is cut off, then a compaction: the old resourceVersion is gone.
    c.store.create(vs('details', 'bookinfo'));
    c.store.replace({ ...vs('reviews', 'bookinfo', [10, 90]) });
    c.store.delete('v1', 'Service', 'bookinfo', 'reviews');
    c.store.compactHistory();
    await c.server.start();

    await until('inv-live synced again', () => stateOf('inv-live')?.state === 'synced', 5000);
    await until('details added', inventoryEvent('VirtualService', 'details', 'added'));
    await until('reviews modified', inventoryEvent('VirtualService', 'reviews', 'modified'));
    await until('service deleted', inventoryEvent('Service', 'reviews', 'deleted'));
    const snap = live();
    expect(snap?.objects.VirtualService.map((v) => v.metadata.name).sort()).toEqual(['details', 'reviews']);
    expect(snap?.objects.Service.find((s) => s.metadata.name === 'reviews')).toBeUndefined();
    const stats = inventoryStats().filter((s) => s.cluster === 'inv-live');
    expect(stats.find((s) => s.kind === 'VirtualService')?.relists).toBeGreaterThanOrEqual(1);
    expect(stats.find((s) => s.kind === 'VirtualService')?.restarts).toBeGreaterThanOrEqual(1);
    expect(events.filter((e) => e.type === 'cluster' && e.cluster === 'inv-live').map((e) => (e.type === 'cluster' ? e.state : ''))).toContain('reconnecting');
  });

  it('a resource the cluster does not serve (CRD not installed) is absent, not an error', async () => {
    const kc = kubeConfigFor('inv-live');
    const r = await listCollection(kc, '/apis/net.gke.io/v1/serviceexports', { signal: new AbortController().signal, timeoutMs: 2000, pageSize: 10 });
    expect(r).toBe('absent');
  });

  it('a cluster that serves none of the kinds (every list 404) is synced with every kind absent', () => {
    const s = stateOf('inv-nothing');
    expect(s?.state).toBe('synced');
    expect(s?.error).toBeUndefined();
    expect(s?.absentKinds).toHaveLength(Object.keys(s?.kinds ?? {}).length);
    expect(s?.absentKinds).toContain('ServiceExport');
  });

  it('lists page by page', async () => {
    const kc = kubeConfigFor('inv-live');
    const r = await listCollection(kc, '/api/v1/namespaces', { signal: new AbortController().signal, timeoutMs: 2000, pageSize: 2 });
    expect(r !== 'absent' && r.items.map((n) => n.metadata.name)).toEqual(
      c.store.list('v1', 'Namespace').map((n) => n.metadata.name).sort(),
    );
  });
});
