import type { Pos } from './placement';

export interface GridLeaf {
  id: string;
  /** Namespace (or cluster) box, absent for unboxed nodes. */
  parent?: string;
  cluster?: string;
}

const GAP = 70;
const BOX_GAP = 120;

/**
 * An instant O(n) placement for large graphs: each box's nodes on a square grid, boxes of a cluster
 * stacked in a near-square arrangement, clusters side by side, unboxed nodes in a row below.
 * The first draw of a big graph comes from here; a force layout refines it off the main thread.
 */
export function gridLayout(leaves: GridLeaf[], local?: Map<string, Map<string, Pos>>): Map<string, Pos> {
  const byBox = new Map<string, GridLeaf[]>();
  const loose: GridLeaf[] = [];
  for (const l of leaves) {
    if (!l.parent) loose.push(l);
    else byBox.set(l.parent, [...(byBox.get(l.parent) ?? []), l]);
  }
  const byCluster = new Map<string, [string, GridLeaf[]][]>();
  for (const [box, ls] of byBox) {
    const c = ls[0]?.cluster ?? '';
    byCluster.set(c, [...(byCluster.get(c) ?? []), [box, ls]]);
  }
  const out = new Map<string, Pos>();
  let clusterX = 0;
  let maxY = 0;
  for (const [, boxes] of [...byCluster.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const perRow = Math.max(1, Math.round(Math.sqrt(boxes.length)));
    let x = clusterX;
    let y = 0;
    let rowH = 0;
    let widest = clusterX;
    boxes.forEach(([box, ls], i) => {
      if (i > 0 && i % perRow === 0) {
        x = clusterX;
        y += rowH + BOX_GAP;
        rowH = 0;
      }
      const own = local?.get(box);
      let w: number;
      let h: number;
      if (own && own.size) {
        // The box's own (force) arrangement, moved to its slot.
        const ps = [...own.values()];
        const x0 = Math.min(...ps.map((p) => p.x));
        const y0 = Math.min(...ps.map((p) => p.y));
        for (const l of ls) {
          const p = own.get(l.id) ?? { x: x0, y: y0 };
          out.set(l.id, { x: x + p.x - x0, y: y + p.y - y0 });
        }
        w = Math.max(...ps.map((p) => p.x)) - x0 + GAP;
        h = Math.max(...ps.map((p) => p.y)) - y0 + GAP;
      } else {
        const cols = Math.ceil(Math.sqrt(ls.length));
        ls.forEach((l, j) => out.set(l.id, { x: x + (j % cols) * GAP, y: y + Math.floor(j / cols) * GAP }));
        w = cols * GAP;
        h = Math.ceil(ls.length / cols) * GAP;
      }
      x += w + BOX_GAP;
      widest = Math.max(widest, x);
      rowH = Math.max(rowH, h);
    });
    maxY = Math.max(maxY, y + rowH);
    clusterX = widest + BOX_GAP;
  }
  loose.forEach((l, i) => out.set(l.id, { x: i * GAP, y: maxY + BOX_GAP }));
  return out;
}
