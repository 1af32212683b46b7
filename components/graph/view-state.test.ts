import { describe, expect, it } from 'vitest';
import { parseGraphView, withGraphView } from './view-state';

describe('graph view URL state', () => {
  it('has defaults for every setting and ignores invalid values', () => {
    const v = parseGraphView(new URLSearchParams('graphType=bogus&duration=7m&refresh=1m&boxes=cluster'));
    expect(v).toMatchObject({ graphType: 'versionedApp', duration: '10m', refresh: '1m', layout: 'fcose', edgeLabel: 'rps', view: 'graph', idle: false, clusters: [], namespaces: [] });
    expect(v.boxes).toEqual({ cluster: true, namespace: false });
    expect(v.selected).toBeUndefined();
  });

  it('round-trips every setting through the URL, leaving defaults out', () => {
    const base = new URLSearchParams('clusters=us-east,eu-west&namespaces=bookinfo');
    const q = withGraphView(base, { graphType: 'workload', find: 'app=reviews OR rps>1', hide: 'idle', edgeLabel: 'p95', boxes: { cluster: false, namespace: false }, view: 'table', selected: 'svc:us-east:bookinfo:reviews', layout: 'dagre', refresh: '30s' });
    expect(q).not.toContain('refresh');
    const v = parseGraphView(new URLSearchParams(q.slice(1)));
    expect(v).toMatchObject({ graphType: 'workload', find: 'app=reviews OR rps>1', hide: 'idle', edgeLabel: 'p95', view: 'table', selected: 'svc:us-east:bookinfo:reviews', layout: 'dagre', clusters: ['us-east', 'eu-west'], namespaces: ['bookinfo'] });
    expect(v.boxes).toEqual({ cluster: false, namespace: false });
    expect(withGraphView(new URLSearchParams(q.slice(1)), { selected: undefined, find: '' })).not.toMatch(/selected|find=/);
  });
});
