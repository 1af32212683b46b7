import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ObjectMeta, dns1123Label, dns1123Subdomain, kubeObject, labelMap } from './meta';

describe('DNS-1123 names', () => {
  it.each(['a', 'reviews', 'v1', 'hello-master-engine', '0abc', 'a'.repeat(63)])('label %j is valid', (v) => {
    expect(dns1123Label.safeParse(v).success).toBe(true);
  });

  it.each(['', 'V1', 'v1.0', '-a', 'a-', 'a_b', 'a'.repeat(64)])('label %j is invalid with a clear message', (v) => {
    const r = dns1123Label.safeParse(v);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/DNS-1123 label|must not be empty|longer than 63/);
  });

  it('subdomains allow dots, not uppercase', () => {
    expect(dns1123Subdomain.safeParse('reviews.bookinfo.svc.cluster.local').success).toBe(true);
    expect(dns1123Subdomain.safeParse('Reviews.local').error?.issues[0]?.message).toContain(
      'not a valid DNS-1123 subdomain',
    );
    expect(dns1123Subdomain.safeParse('a..b').success).toBe(false);
  });
});

describe('labels', () => {
  it('accepts prefixed keys and empty values, rejects bad keys and values at the key', () => {
    expect(labelMap.safeParse({ 'app.kubernetes.io/name': 'reviews', 'topology.kubernetes.io/zone': '', v: 'v1' }).success).toBe(true);
    const r = labelMap.safeParse({ 'Bad_Prefix/x': 'a', ok: 'not ok!' });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['ok'], ['Bad_Prefix/x']]);
  });
});

describe('ObjectMeta', () => {
  it('keeps unknown metadata fields and parses the standard ones', () => {
    const meta = {
      name: 'reviews',
      namespace: 'bookinfo',
      labels: { app: 'reviews' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      resourceVersion: '42',
      uid: '0f6c',
      generation: 3,
      creationTimestamp: '2026-11-01T10:00:00Z',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'reviews', uid: 'u1', controller: true, extra: 1 }],
      managedFields: [{ manager: 'kubectl' }],
      finalizers: ['x'],
    };
    expect(ObjectMeta.parse(meta)).toEqual(meta);
  });

  it('accepts creationTimestamp as a Date (as @kubernetes/client-node returns it)', () => {
    const created = new Date('2026-11-01T10:00:00Z');
    expect(ObjectMeta.parse({ name: 'a', creationTimestamp: created }).creationTimestamp).toBe(created);
  });

  it('requires name unless generateName is set', () => {
    const r = ObjectMeta.safeParse({ namespace: 'default' });
    expect(r.error?.issues[0]).toMatchObject({ path: ['name'], params: { reason: 'FieldValueRequired' } });
    expect(ObjectMeta.safeParse({ generateName: 'reviews-' }).success).toBe(true);
  });

  it('rejects a namespace that is not a DNS-1123 label', () => {
    expect(ObjectMeta.safeParse({ name: 'a', namespace: 'Bookinfo' }).error?.issues[0]?.path).toEqual(['namespace']);
  });
});

describe('kubeObject', () => {
  const Widget = kubeObject('example.com/v1', 'Widget', z.looseObject({ size: z.number() }));

  it('checks apiVersion and kind literally and keeps unknown fields', () => {
    const w = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, color: 'red' }, status: { ready: true }, x: 1 };
    expect(Widget.parse(w)).toEqual(w);
    const bad = Widget.safeParse({ ...w, apiVersion: 'example.com/v2', kind: 'Gadget' });
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['apiVersion must be "example.com/v1"', 'kind must be "Widget"']);
  });

  it('makes spec optional and infers its type', () => {
    const w = Widget.parse({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    const size: number | undefined = w.spec?.size;
    expect(size).toBeUndefined();
  });
});
