import { describe, expect, it } from 'vitest';
import { backoffDelay } from './cluster-cache';
import { failureReason, KubeHttpError } from './http';
import { collectionPath } from './kind-watcher';
import { objectKey, stripObject } from './objects';

describe('cached objects', () => {
  it('drops managedFields and the last-applied annotation, leaving the input alone', () => {
    const raw = {
      kind: 'Pod',
      metadata: {
        name: 'p',
        namespace: 'n',
        managedFields: [{}],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', a: 'b' },
      },
      spec: { x: 1 },
    };
    const obj = stripObject(raw);
    expect(obj).toEqual({ kind: 'Pod', metadata: { name: 'p', namespace: 'n', annotations: { a: 'b' } }, spec: { x: 1 } });
    expect(raw.metadata.managedFields).toHaveLength(1);
    expect(obj && objectKey(obj)).toBe('n/p');
    expect(stripObject({ metadata: {} })).toBeUndefined();
    expect(stripObject(null)).toBeUndefined();
  });

  it('builds collection paths of core and grouped kinds', () => {
    expect(collectionPath('Pod')).toBe('/api/v1/pods');
    expect(collectionPath('ServiceExport')).toBe('/apis/multicluster.x-k8s.io/v1alpha1/serviceexports');
  });

  it('backs off from 1 s doubling to 30 s with +-20 % jitter', () => {
    const b = { baseMs: 1000, maxMs: 30_000 };
    expect([0, 1, 2, 3, 4, 5, 10, 100].map((n) => backoffDelay(n, b, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffDelay(0, b, () => 0)).toBe(800);
    expect(backoffDelay(9, b, () => 0.999)).toBeLessThanOrEqual(36_000);
  });

  it('says why a request failed in one line', () => {
    expect(failureReason(new KubeHttpError(401, { kind: 'Status', message: 'Unauthorized' }, 'x'))).toBe('401 Unauthorized');
    expect(failureReason(new KubeHttpError(403, { message: 'pods is forbidden' }, 'x'))).toBe('403 Forbidden: pods is forbidden');
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    expect(failureReason(refused)).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });
});
