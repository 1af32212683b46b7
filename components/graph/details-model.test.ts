import { describe, expect, it } from 'vitest';
import { acrossClusters, configLinks, sumCodes } from './details-model';
import { syntheticGraph } from './synthetic';

describe('side panel model', () => {
  const g = syntheticGraph(12);
  const n = g.nodes[0];
  if (!n) throw new Error('no node');

  it('sums response codes over edges, largest first', () => {
    const e = g.edges[0];
    if (!e) throw new Error('no edge');
    expect(sumCodes([{ ...e, responseCodes: { '200': 2, '503': 1 } }, { ...e, responseCodes: { '200': 1, '404': 0 } }])).toEqual([['200', 3], ['503', 1]]);
  });

  it('groups the same app across clusters', () => {
    const twin = { ...n, id: n.id.replace('us-east', 'eu-west'), cluster: 'eu-west', version: 'v2' };
    const groups = acrossClusters({ ...g, nodes: [...g.nodes, twin] }, n);
    expect(groups.map((x) => x.cluster)).toEqual(['eu-west', 'us-east']);
  });

  it('links services to creating routing and configured nodes to their Istio config', () => {
    const svc = { ...n, kind: 'service' as const, name: 'reviews', namespace: 'bookinfo', cluster: 'us-east', badges: {} };
    expect(configLinks(svc)).toEqual([{ label: 'Create routing', href: '/istio/new?kind=VirtualService&cluster=us-east&namespace=bookinfo&service=reviews' }]);
    const routed = configLinks({ ...svc, badges: { virtualService: true } });
    expect(routed).toEqual([{ label: 'Istio config of this namespace', href: '/istio?namespaces=bookinfo&clusters=us-east' }]);
    expect(configLinks({ ...n, kind: 'external' })).toEqual([]);
  });
});
