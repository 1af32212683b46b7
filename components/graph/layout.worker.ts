// Refines the layout of a big graph off the main thread: each box's nodes get a force layout
// (fcose on a headless cytoscape: 'default' quality for small boxes, 'draft' for big ones), then the
// boxes are packed like the first-draw grid. The page draws the grid at once and moves nodes here.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { gridLayout, type GridLeaf } from './grid-layout';
import type { Pos } from './placement';

cytoscape.use(fcose);

export interface LayoutRequest {
  id: number;
  leaves: GridLeaf[];
  edges: [string, string][];
}

function boxLayout(ids: string[], edges: [string, string][]): Map<string, Pos> {
  const cy = cytoscape({ headless: true, styleEnabled: true, elements: [...ids.map((id) => ({ data: { id } })), ...edges.map(([source, target], i) => ({ data: { id: `e${i}`, source, target } }))] });
  cy.nodes().style({ width: 36, height: 36 });
  const big = ids.length > 150;
  cy.layout({ name: 'fcose', quality: big ? 'draft' : 'default', randomize: true, animate: false, fit: false, idealEdgeLength: 70, nodeRepulsion: 6000, nodeSeparation: 90, uniformNodeDimensions: true, numIter: 1500 } as cytoscape.LayoutOptions).run();
  const out = new Map<string, Pos>();
  cy.nodes().forEach((n) => {
    out.set(n.id(), { ...n.position() });
  });
  cy.destroy();
  return out;
}

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const { id, leaves, edges } = e.data;
  try {
    const boxOf = new Map(leaves.map((l) => [l.id, l.parent]));
    const members = new Map<string, string[]>();
    for (const l of leaves) if (l.parent) members.set(l.parent, [...(members.get(l.parent) ?? []), l.id]);
    const inner = new Map<string, [string, string][]>();
    for (const [s, t] of edges) {
      const b = boxOf.get(s);
      if (b && b === boxOf.get(t)) inner.set(b, [...(inner.get(b) ?? []), [s, t]]);
    }
    const local = new Map<string, Map<string, Pos>>();
    for (const [box, ids] of members) {
      const own = boxLayout(ids, inner.get(box) ?? []);
      // A stretched result (a long chain) reads worse than the grid: keep the grid for that box.
      const xs = [...own.values()].map((p) => p.x);
      const ys = [...own.values()].map((p) => p.y);
      const w = Math.max(...xs) - Math.min(...xs) + 1;
      const h = Math.max(...ys) - Math.min(...ys) + 1;
      if (Math.max(w / h, h / w) < 2.5) local.set(box, own);
    }
    self.postMessage({ id, positions: Object.fromEntries(gridLayout(leaves, local)) });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
