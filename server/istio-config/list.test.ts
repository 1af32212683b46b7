import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '@/server/config';
import { startTestCluster, type TestCluster } from '@/server/demo/kube/testing';
import { startInventory, stopInventory, waitForSync } from '@/server/kube/informers';
import { getConfigObject, listConfig } from './list';

// The list and get reads from the inventory caches: one live cluster, one on a refused port.

let c: TestCluster;

beforeAll(async () => {
  c = await startTestCluster();
  c.store.create({
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
  });
  const file = join(c.dir, 'list-kubeconfig');
  await writeFile(
    file,
    `apiVersion: v1
kind: Config
clusters:
- {name: live, cluster: {server: '${c.server.httpsUrl}', insecure-skip-tls-verify: true}}
- {name: dead, cluster: {server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true}}
users:
- {name: editor, user: {token: demo-editor}}
contexts:
- {name: l-live, context: {cluster: live, user: editor}}
- {name: l-dead, context: {cluster: dead, user: editor}}
current-context: l-live
`,
  );
  setConfig({ clusters: [{ name: 'l-live', kubeconfig: file }, { name: 'l-dead', kubeconfig: file }], auth: { strategy: 'anonymous' }, readOnly: false, source: 'test' });
  startInventory({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
  await waitForSync(5000);
});

afterAll(async () => {
  stopInventory();
  setConfig(undefined);
  await c?.close();
});

describe('listConfig', () => {
  it('lists the cached Istio objects with findings, and says which cluster failed', () => {
    const all = listConfig({ clusters: [], namespaces: [], kinds: [], findingsOnly: false });
    expect(all.items.map((i) => `${i.ref.cluster}/${i.ref.kind}/${i.ref.namespace}/${i.ref.name}`).sort()).toEqual([
      'l-live/DestinationRule/bookinfo/reviews',
      'l-live/VirtualService/bookinfo/reviews',
    ]);
    expect(all.items[0]).toMatchObject({ object: { apiVersion: 'networking.istio.io/v1' } });
    // No Service "reviews" exists in the test cluster: validation says so on the VirtualService.
    const vs = all.items.find((i) => i.ref.kind === 'VirtualService');
    expect(vs?.findings).toContainEqual(expect.objectContaining({ code: 'IST0101', severity: 'error', path: 'spec.http[0].route[0].destination.host' }));
    for (const item of all.items) for (const finding of item.findings) expect(finding).toMatchObject({ cluster: 'l-live', kind: item.ref.kind, objectName: item.ref.name });
    expect(all.items[0]?.resourceVersion).toMatch(/^\d+$/);
    expect(Object.keys(all.errorsByCluster)).toEqual(['l-dead']);
  });

  it('filters by cluster, namespace, kind and findings', () => {
    const f = (over: Partial<Parameters<typeof listConfig>[0]>) =>
      listConfig({ clusters: [], namespaces: [], kinds: [], findingsOnly: false, ...over }).items.map((i) => i.ref.kind);
    expect(f({ kinds: ['DestinationRule'] })).toEqual(['DestinationRule']);
    expect(f({ namespaces: ['default'] })).toEqual([]);
    expect(f({ clusters: ['l-dead'] })).toEqual([]);
    const withFindings = listConfig({ clusters: [], namespaces: [], kinds: [], findingsOnly: false }).items.filter((i) => i.findings.length).map((i) => i.ref.kind);
    expect(f({ findingsOnly: true })).toEqual(withFindings);
    expect(withFindings).toContain('VirtualService');
    expect(() => f({ clusters: ['nowhere'] })).toThrow('Unknown cluster "nowhere"');
  });

  it('gets one object from the cache', async () => {
    const item = await getConfigObject({ cluster: 'l-live', namespace: 'bookinfo', kind: 'DestinationRule', name: 'reviews' }, { user: 'anonymous' });
    expect(item.object).toMatchObject({ kind: 'DestinationRule', spec: { host: 'reviews' } });
  });
});
