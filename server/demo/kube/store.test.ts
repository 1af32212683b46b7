import { describe, expect, it } from 'vitest';
import type { StoreChange } from '../types';
import { KubeError } from './status';
import { createClusterStore } from './store';
import { vs } from './testing';

const VS = 'networking.istio.io/v1';

function fresh() {
  const store = createClusterStore('eu-west', { historyLimit: 5 });
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  return store;
}

const codeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof KubeError ? err.code : -1;
  }
  return undefined;
};

describe('ClusterStore', () => {
  it('has the built-in namespaces, labelled and Active', () => {
    const names = createClusterStore('us-east').list('v1', 'Namespace').map((n) => n.metadata.name);
    expect(names).toEqual(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
    const ns = createClusterStore('us-east').get('v1', 'Namespace', undefined, 'default');
    expect(ns?.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'default' });
    expect(ns?.status).toEqual({ phase: 'Active' });
  });

  it('sets uid, creationTimestamp, generation and a growing resourceVersion on create', () => {
    const store = fresh();
    const rv0 = store.currentRv;
    const a = store.create(vs('a', 'shop'));
    const b = store.create(vs('b', 'shop'));
    expect(a.metadata.resourceVersion).toBe(String(rv0 + 1));
    expect(b.metadata.resourceVersion).toBe(String(rv0 + 2));
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.generation).toBe(1);
    expect(a.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(store.resourceVersion).toBe(String(rv0 + 2));
    expect(codeOf(() => store.create(vs('a', 'shop')))).toBe(409);
  });

  it('keeps objects frozen so that readers cannot change the store', () => {
    const store = fresh();
    const a = store.create(vs('a', 'shop'));
    expect(() => {
      (a.metadata as { name: string }).name = 'x';
    }).toThrow(TypeError);
  });

  it('bumps generation only on spec changes, conflicts on a stale resourceVersion, ignores no-ops', () => {
    const store = fresh();
    const a = store.create(vs('a', 'shop'));
    const labelled = store.replace({ ...a, metadata: { ...a.metadata, labels: { x: '1' } } });
    expect(labelled.metadata.generation).toBe(1);
    expect(Number(labelled.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    const respec = store.replace({ ...labelled, spec: { hosts: ['a'] } });
    expect(respec.metadata.generation).toBe(2);
    expect(respec.metadata.uid).toBe(a.metadata.uid);
    expect(codeOf(() => store.replace({ ...a, spec: { hosts: ['b'] } }))).toBe(409);
    const { resourceVersion: _rv, ...unconditional } = a.metadata;
    expect(store.replace({ ...a, metadata: unconditional as typeof a.metadata }).spec).toEqual(a.spec);
    const rv = store.currentRv;
    const same = store.get(VS, 'VirtualService', 'shop', 'a');
    if (!same) throw new Error('missing');
    expect(store.replace(same)).toBe(same);
    expect(store.currentRv).toBe(rv);
    expect(codeOf(() => store.replace(vs('nope', 'shop')))).toBe(404);
  });

  it('dry-run writes return the result but store nothing and tell nobody', () => {
    const store = fresh();
    const changes: StoreChange[] = [];
    store.onChange((c) => changes.push(c));
    const rv = store.currentRv;
    const dry = store.create(vs('a', 'shop'), { dryRun: true });
    expect(dry.metadata.name).toBe('a');
    expect(store.get(VS, 'VirtualService', 'shop', 'a')).toBeUndefined();
    const real = store.create(vs('a', 'shop'));
    store.replace({ ...real, spec: { hosts: ['z'] } }, { dryRun: true });
    store.delete(VS, 'VirtualService', 'shop', 'a', { dryRun: true });
    expect(store.get(VS, 'VirtualService', 'shop', 'a')?.spec).toEqual(real.spec);
    expect(changes.map((c) => c.type)).toEqual(['ADDED']);
    expect(store.currentRv).toBe(rv + 1);
  });

  it('deleting a namespace deletes what is in it, each with a DELETED event', () => {
    const store = fresh();
    store.create(vs('a', 'shop'));
    store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'shop' }, data: {} });
    store.create(vs('keep', 'default'));
    const changes: string[] = [];
    store.onChange((c) => changes.push(`${c.type} ${c.object.kind}/${c.object.metadata.name}`));
    const gone = store.delete('v1', 'Namespace', undefined, 'shop');
    expect(gone.metadata.name).toBe('shop');
    expect(changes.sort()).toEqual(['DELETED ConfigMap/cm', 'DELETED Namespace/shop', 'DELETED VirtualService/a']);
    expect(store.list(VS, 'VirtualService').map((o) => o.metadata.name)).toEqual(['keep']);
  });

  it('keeps a bounded history; older watches are expired', () => {
    const store = fresh();
    const start = store.currentRv;
    for (const name of ['a', 'b', 'c']) store.create(vs(name, 'shop'));
    const since = store.changesSince(start);
    expect(since !== 'expired' && since.map((e) => e.object.metadata.name)).toEqual(['a', 'b', 'c']);
    for (const name of ['d', 'e', 'f', 'g']) store.create(vs(name, 'shop'));
    expect(store.changesSince(start)).toBe('expired');
    const recent = store.changesSince(store.currentRv - 2);
    expect(recent !== 'expired' && recent.map((e) => e.object.metadata.name)).toEqual(['f', 'g']);
    store.compactHistory();
    expect(store.changesSince(store.currentRv - 1)).toBe('expired');
    expect(store.changesSince(store.currentRv)).toEqual([]);
  });

  it('refuses kinds it does not serve and defaults the namespace', () => {
    const store = fresh();
    expect(codeOf(() => store.create({ apiVersion: 'x/v1', kind: 'Nope', metadata: { name: 'a' } }))).toBe(400);
    const { namespace: _ns, ...meta } = vs('a', 'x').metadata;
    expect(store.create({ ...vs('a', 'x'), metadata: meta }).metadata.namespace).toBe('default');
  });

  it('restores a snapshot with the same resourceVersion and an empty history', () => {
    const store = fresh();
    store.create(vs('a', 'shop'));
    const copy = createClusterStore('eu-west');
    copy.restore(structuredClone(store.snapshot()));
    expect(copy.currentRv).toBe(store.currentRv);
    expect(copy.get(VS, 'VirtualService', 'shop', 'a')).toEqual(store.get(VS, 'VirtualService', 'shop', 'a'));
    expect(copy.changesSince(copy.currentRv - 1)).toBe('expired');
    expect(Number(copy.create(vs('b', 'shop')).metadata.resourceVersion)).toBe(store.currentRv + 1);
  });
});
