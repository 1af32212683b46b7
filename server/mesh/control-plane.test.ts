import { describe, expect, it } from 'vitest';
import { detectControlPlane } from './control-plane';

const run = (clusters: string[], withIstiod: string[], watches: Record<string, string[]>) => detectControlPlane({ clusters, withIstiod: new Set(withIstiod), watches });

describe('detectControlPlane', () => {
  it.each<{ what: string; clusters: string[]; withIstiod: string[]; watches: Record<string, string[]>; model: string; servedBy: Record<string, string> }>([
    {
      what: 'every cluster runs istiod and watches the others: multi-primary',
      clusters: ['a', 'b', 'c'],
      withIstiod: ['a', 'b', 'c'],
      watches: { a: ['a', 'b', 'c'], b: ['b', 'a', 'c'], c: ['c', 'a', 'b'] },
      model: 'multi-primary',
      servedBy: { a: 'a', b: 'b', c: 'c' },
    },
    {
      what: 'b has no istiod and a watches it: primary-remote',
      clusters: ['a', 'b'],
      withIstiod: ['a'],
      watches: { a: ['a', 'b'] },
      model: 'primary-remote',
      servedBy: { a: 'a', b: 'a' },
    },
    {
      what: 'two istiods that do not watch each other: independent',
      clusters: ['a', 'b'],
      withIstiod: ['a', 'b'],
      watches: { a: ['a'], b: ['b'] },
      model: 'independent',
      servedBy: { a: 'a', b: 'b' },
    },
    { what: 'one cluster', clusters: ['a'], withIstiod: ['a'], watches: {}, model: 'single-cluster', servedBy: { a: 'a' } },
    { what: 'no istiod anywhere', clusters: ['a', 'b'], withIstiod: [], watches: {}, model: 'unknown', servedBy: {} },
    {
      what: 'istiods whose clusterz could not be read',
      clusters: ['a', 'b'],
      withIstiod: ['a', 'b'],
      watches: {},
      model: 'unknown',
      servedBy: { a: 'a', b: 'b' },
    },
  ])('$what', ({ clusters, withIstiod, watches, model, servedBy }) => {
    const cp = run(clusters, withIstiod, watches);
    expect(cp.model).toBe(model);
    expect(cp.servedBy).toEqual(servedBy);
  });

  it('names the remote and its primary, and clusters nobody serves', () => {
    const cp = run(['a', 'b', 'c'], ['a'], { a: ['a', 'b'] });
    expect(cp.explanation).toContain('b is served by the istiod of a');
    expect(cp.explanation).toContain('No istiod is known to serve c');
    expect(cp.watches).toEqual({ a: ['a', 'b'] });
  });
});

describe('detectControlPlane with managed control planes (Cloud Service Mesh)', () => {
  it('every cluster managed: model managed, nobody "unserved", no istiod expected', () => {
    const cp = detectControlPlane({ clusters: ['cluster-a', 'cluster-b'], withIstiod: new Set(), watches: {}, managed: new Set(['cluster-a', 'cluster-b']) });
    expect(cp).toMatchObject({ model: 'managed', managed: ['cluster-a', 'cluster-b'], servedBy: {} });
    expect(cp.explanation).toContain('Google serves every proxy');
    expect(cp.explanation).not.toContain('No istiod');
  });

  it('a mixed fleet: the istiod clusters keep their model, the managed one is named', () => {
    const cp = detectControlPlane({ clusters: ['a', 'b', 'g'], withIstiod: new Set(['a', 'b']), watches: { a: ['a', 'b'], b: ['b', 'a'] }, managed: new Set(['g']) });
    expect(cp.model).toBe('multi-primary');
    expect(cp.managed).toEqual(['g']);
    expect(cp.explanation).toContain('g has a managed control plane');
    expect(cp.explanation).not.toContain('No istiod is known to serve g');
  });
});
