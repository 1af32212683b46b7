import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { Graph } from '@/lib/graph/types';
import { savePositions, updateElements } from './cy-update';
import { toElements } from './elements';
import { placeNear, type Pos } from './placement';
import { syntheticGraph } from './synthetic';

const opts = { boxes: { cluster: true, namespace: true }, edgeLabel: 'rps' as const };

function drawn(graph: Graph, positions = new Map<string, Pos>()) {
  const cy = cytoscape({ headless: true, styleEnabled: false });
  const r = updateElements(cy, toElements(graph, opts), positions);
  if (r.needsLayout) cy.nodes('.leaf').forEach((n, i) => void n.position({ x: (i % 10) * 100, y: Math.floor(i / 10) * 100 }));
  savePositions(cy, positions);
  return { cy, r, positions };
}

describe('updateElements', () => {
  it('asks for a layout on the first draw only when positions are unknown', () => {
    const g = syntheticGraph(30);
    const { r, positions } = drawn(g);
    expect(r.needsLayout).toBe(true);
    const again = drawn(g, positions);
    expect(again.r.needsLayout).toBe(false);
    expect(again.cy.getElementById(g.nodes[3]?.id ?? '').position()).toEqual(positions.get(g.nodes[3]?.id ?? ''));
  });

  it('updates metrics in place without moving anything', () => {
    const g = syntheticGraph(30);
    const { cy, positions } = drawn(g);
    const before = cy.nodes('.leaf').map((n) => ({ ...n.position() }));
    const next: Graph = { ...g, edges: g.edges.map((e) => ({ ...e, rps: e.rps + 100, errorRate: 0.5, health: 'failing' as const })), nodes: g.nodes.map((n) => ({ ...n, health: 'failing' as const })) };
    const r = updateElements(cy, toElements(next, opts), positions);
    expect(r).toEqual({ needsLayout: false, added: 0, removed: 0 });
    expect(cy.nodes('.leaf').map((n) => ({ ...n.position() }))).toEqual(before);
    expect(cy.edges().first().hasClass('edge-failing')).toBe(true);
    expect(cy.nodes('.leaf').first().hasClass('health-failing')).toBe(true);
  });

  it('places a new node near its neighbour and removes gone ones', () => {
    const g = syntheticGraph(30);
    const { cy, positions } = drawn(g);
    const anchor = g.nodes[0];
    if (!anchor) throw new Error('no node');
    const fresh = { ...anchor, id: 'app:us-east:shop:fresh:v1', name: 'fresh', app: 'fresh' };
    const next: Graph = {
      ...g,
      nodes: [...g.nodes.slice(0, 29), fresh],
      edges: [...g.edges.filter((e) => e.source !== g.nodes[29]?.id && e.target !== g.nodes[29]?.id), { ...(g.edges[0] as Graph['edges'][number]), id: 'x', source: anchor.id, target: fresh.id }],
    };
    const r = updateElements(cy, toElements(next, opts), positions);
    expect(r.needsLayout).toBe(false);
    expect(cy.getElementById(g.nodes[29]?.id ?? '').empty()).toBe(true);
    const p = cy.getElementById(fresh.id).position();
    const a = cy.getElementById(anchor.id).position();
    expect(Math.hypot(p.x - a.x, p.y - a.y)).toBeLessThan(150);
  });

  it('re-parents nodes when boxes are toggled, keeping them', () => {
    const g = syntheticGraph(12);
    const { cy, positions } = drawn(g);
    updateElements(cy, toElements(g, { ...opts, boxes: { cluster: true, namespace: false } }), positions);
    const id = g.nodes[0]?.id ?? '';
    expect(cy.getElementById(id).parent().first().id()).toBe('cluster:us-east');
    expect(cy.nodes('.box-namespace').size()).toBe(0);
    updateElements(cy, toElements(g, { ...opts, boxes: { cluster: false, namespace: false } }), positions);
    expect(cy.getElementById(id).parent().empty()).toBe(true);
    expect(cy.nodes('.leaf').size()).toBe(12);
  });
});

describe('placeNear', () => {
  it('uses neighbours, then siblings, then the fallback, spreading nodes around one anchor', () => {
    const known = new Map<string, Pos>([['a', { x: 0, y: 0 }], ['s', { x: 1000, y: 1000 }]]);
    const out = placeNear({
      ids: ['n1', 'n2', 'lonely', 'chain'],
      neighbours: (id) => ({ n1: ['a'], n2: ['a'], chain: ['n1'] })[id] ?? [],
      known: (id) => known.get(id),
      sibling: (id) => (id === 'lonely' ? known.get('s') : undefined),
      fallback: { x: -500, y: -500 },
    });
    const d = (p: Pos | undefined, q: Pos) => Math.hypot((p?.x ?? 1e9) - q.x, (p?.y ?? 1e9) - q.y);
    expect(d(out.get('n1'), { x: 0, y: 0 })).toBeLessThan(120);
    expect(d(out.get('n2'), { x: 0, y: 0 })).toBeLessThan(120);
    expect(d(out.get('n1'), out.get('n2') ?? { x: 0, y: 0 })).toBeGreaterThan(20);
    expect(d(out.get('lonely'), { x: 1000, y: 1000 })).toBeLessThan(120);
    expect(d(out.get('chain'), out.get('n1') ?? { x: 0, y: 0 })).toBeLessThan(120);
  });
});

describe('gridLayout', () => {
  it('places every leaf once, boxes apart, and uses a box layout when given', async () => {
    const { gridLayout } = await import('./grid-layout');
    const leaves = [
      { id: 'a', parent: 'ns:c1:x', cluster: 'c1' },
      { id: 'b', parent: 'ns:c1:x', cluster: 'c1' },
      { id: 'c', parent: 'ns:c2:y', cluster: 'c2' },
      { id: 'ext' },
    ];
    const out = gridLayout(leaves);
    expect([...out.keys()].sort()).toEqual(['a', 'b', 'c', 'ext']);
    const key = (p: Pos | undefined) => `${p?.x},${p?.y}`;
    expect(new Set([...out.values()].map(key)).size).toBe(4);
    expect((out.get('c')?.x ?? 0) > (out.get('b')?.x ?? 0)).toBe(true);
    const local = new Map([['ns:c1:x', new Map([['a', { x: 500, y: 500 }], ['b', { x: 500, y: 700 }]])]]);
    const own = gridLayout(leaves, local);
    expect((own.get('b')?.y ?? 0) - (own.get('a')?.y ?? 0)).toBe(200);
  });
});
