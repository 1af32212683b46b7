export interface Pos {
  x: number;
  y: number;
}

export interface PlacementInput {
  /** New leaf nodes to place, in order. */
  ids: string[];
  /** Neighbours of a node (either edge direction). */
  neighbours: (id: string) => string[];
  /** Position of a node already drawn (or cached from an earlier draw). */
  known: (id: string) => Pos | undefined;
  /** Position of some node in the same box, when the node has no placed neighbour. */
  sibling: (id: string) => Pos | undefined;
  /** Where to put a node with neither (e.g. the centre of the view). */
  fallback: Pos;
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/**
 * Positions for new nodes near what they connect to: the mean of their placed neighbours, else a
 * node of their box, else the fallback; nodes around the same anchor are spread on a spiral so they
 * do not overlap. Nodes placed earlier in the pass count as placed for later ones.
 */
export function placeNear(input: PlacementInput): Map<string, Pos> {
  const placed = new Map<string, Pos>();
  const at = (id: string) => placed.get(id) ?? input.known(id);
  const crowd = new Map<string, number>();
  const pending = [...input.ids];
  // Two rounds: a node whose only neighbours are new waits for them once.
  for (let round = 0; round < 2 && pending.length; round++) {
    for (let i = 0; i < pending.length; ) {
      const id = pending[i] as string;
      const anchors = input.neighbours(id).map(at).filter((p): p is Pos => p !== undefined);
      if (anchors.length === 0 && round === 0) {
        i++;
        continue;
      }
      const centre = anchors.length
        ? { x: anchors.reduce((s, p) => s + p.x, 0) / anchors.length, y: anchors.reduce((s, p) => s + p.y, 0) / anchors.length }
        : (input.sibling(id) ?? input.fallback);
      const key = `${Math.round(centre.x)},${Math.round(centre.y)}`;
      const k = (crowd.get(key) ?? 0) + 1;
      crowd.set(key, k);
      const r = 70 + 18 * Math.sqrt(k);
      placed.set(id, { x: centre.x + r * Math.cos(k * GOLDEN), y: centre.y + r * Math.sin(k * GOLDEN) });
      pending.splice(i, 1);
    }
  }
  return placed;
}
