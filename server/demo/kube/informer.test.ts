import { CustomObjectsApi, KubeConfig, makeInformer, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigYaml, startTestCluster, vs, type TestCluster } from './testing';

// @kubernetes/client-node 2.0.1 informers (list + watch) against the demo API over plain http.

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster();
});
afterAll(async () => {
  await c.close();
});

const until = async (what: string, ok: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('client-node', () => {
  it('reads over https too (the kubeconfig kubectl needs), with the bearer token', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigYaml(c.server.httpsUrl, c.server.url));
    kc.setCurrentContext('viewer');
    const api = kc.makeApiClient(CustomObjectsApi);
    const list = (await api.listClusterCustomObject({ group: 'networking.istio.io', version: 'v1', plural: 'virtualservices' })) as KubernetesListObject<KubernetesObject>;
    expect(list.items.map((i) => i.metadata?.name)).toContain('reviews');
    await expect(
      api.createNamespacedCustomObject({ group: 'networking.istio.io', version: 'v1', namespace: 'bookinfo', plural: 'virtualservices', body: vs('nope', 'bookinfo') }),
    ).rejects.toMatchObject({ code: 403 });
  });
});

describe('client-node informer', () => {
  it('lists and watches, sees ADDED/MODIFIED/DELETED, and relists after a 410 without losing a change', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigYaml(c.server.httpsUrl, c.server.url));
    kc.setCurrentContext('editor-http');
    const api = kc.makeApiClient(CustomObjectsApi);
    let lists = 0;
    const list = async () => {
      lists += 1;
      const body = (await api.listNamespacedCustomObject({ group: 'networking.istio.io', version: 'v1', namespace: 'bookinfo', plural: 'virtualservices' })) as KubernetesListObject<KubernetesObject>;
      return body;
    };
    const informer = makeInformer(kc, '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices', list);
    const events: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (o) => events.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => events.push(`update ${o.metadata?.name} ${o.metadata?.resourceVersion}`));
    informer.on('delete', (o) => events.push(`delete ${o.metadata?.name}`));
    // As client-node documents: a ListWatch stops on a connection error; the owner restarts it.
    informer.on('error', (err) => {
      errors.push(err);
      setTimeout(() => void informer.start(), 150);
    });
    await informer.start();
    try {
      await until('the initial list', () => events.includes('add reviews'));

      c.store.create(vs('details', 'bookinfo'));
      await until('ADDED', () => events.includes('add details'));
      const before = c.store.get('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'details');
      if (!before) throw new Error('details missing');
      const changed = c.store.replace({ ...before, metadata: { ...before.metadata, labels: { v: '2' } } });
      await until('MODIFIED', () => events.includes(`update details ${changed.metadata.resourceVersion}`));
      c.store.delete('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'details');
      await until('DELETED', () => events.includes('delete details'));
      expect(lists).toBe(1);

      // The cluster goes away; meanwhile a change happens and the history is compacted, so the
      // informer's resourceVersion is too old when it comes back: 410, relist, nothing lost.
      await c.server.stop();
      await until('the informer to notice', () => errors.length > 0);
      c.store.create(vs('during-gap', 'bookinfo'));
      c.store.delete('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'reviews');
      c.store.compactHistory();
      await c.server.start();
      await until('the relist', () => events.includes('add during-gap') && events.includes('delete reviews'));
      expect(lists).toBe(2);
      expect(informer.list().map((o) => o.metadata?.name)).toEqual(['during-gap']);

      c.store.create(vs('after', 'bookinfo'));
      await until('watching again', () => events.includes('add after'));
    } finally {
      await informer.stop();
    }
  });
});
