import type { Core, ElementDefinition, LayoutOptions, NodeSingular } from 'cytoscape';
import { placeNear, type Pos } from './placement';
import type { LayoutName } from './view-state';

/** Above this many nodes a layout must be the fast one (fcose 'draft'); see TOOLCHAIN.md's layout costs. */
export const LARGE_GRAPH = 300;

export function layoutOptions(name: LayoutName, nodeCount: number): { options: LayoutOptions; label: string } {
  if (nodeCount > LARGE_GRAPH) {
    return {
      label: name === 'dagre' ? 'fcose draft (dagre is too slow above 300 nodes)' : 'fcose draft',
      options: { name: 'fcose', quality: 'draft', randomize: true, animate: false, fit: true, padding: 20, nodeDimensionsIncludeLabels: false, uniformNodeDimensions: true } as LayoutOptions,
    };
  }
  if (name === 'dagre') {
    return { label: 'dagre', options: { name: 'dagre', rankDir: 'LR', nodeSep: 24, rankSep: 110, edgeSep: 10, animate: false, fit: true, padding: 30, nodeDimensionsIncludeLabels: true } as LayoutOptions };
  }
  return {
    label: 'fcose',
    options: {
      name: 'fcose',
      quality: 'default',
      randomize: true,
      animate: false,
      fit: true,
      padding: 30,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: 75,
      nodeRepulsion: 5000,
      nestingFactor: 0.1,
      gravity: 0.4,
      gravityCompound: 1.5,
      gravityRangeCompound: 1.2,
      tilingPaddingVertical: 16,
      tilingPaddingHorizontal: 16,
      numIter: 2500,
    } as LayoutOptions,
  };
}

export interface UpdateResult {
  /** Leaf nodes that need a full layout (first draw, or most nodes new). */
  needsLayout: boolean;
  added: number;
  removed: number;
}

const sameClasses = (a: string, b: string | string[] | undefined) => a === (Array.isArray(b) ? b.join(' ') : (b ?? ''));

/**
 * Brings the cy instance to `next` in place: adds new boxes, re-parents moved nodes, removes what is
 * gone, updates data and classes of what stays (no re-layout), and adds new leaf nodes at their
 * cached position or next to their neighbours. Tells the caller when a full layout is due instead.
 */
export function updateElements(cy: Core, next: { nodes: ElementDefinition[]; edges: ElementDefinition[] }, positions: Map<string, Pos>): UpdateResult {
  const wasEmpty = cy.nodes('.leaf').empty();
  const nextIds = new Set<string>();
  for (const d of next.nodes) nextIds.add(d.data.id as string);
  for (const d of next.edges) nextIds.add(d.data.id as string);
  let added = 0;
  let removed = 0;
  const newLeaves: ElementDefinition[] = [];
  let unknownLeaves = 0;
  let needsLayout = false;
  let leafCount = 0;
  cy.batch(() => {
    // 1. boxes first (new nodes and moved nodes need their parent).
    // One add per kind of element: cytoscape styles a whole collection at once far faster than one by one.
    cy.add(next.nodes.filter((d) => d.data.box && cy.getElementById(d.data.id as string).empty()).map((d) => ({ ...d, group: 'nodes' as const })));
    // 2. re-parent nodes whose box changed (box toggles), then drop what is gone (children before parents).
    for (const d of next.nodes) {
      const ele = cy.getElementById(d.data.id as string);
      if (ele.nonempty() && ele.isNode() && (ele.data('parent') ?? null) !== (d.data.parent ?? null)) (ele as NodeSingular).move({ parent: (d.data.parent as string | undefined) ?? null });
    }
    const gone = cy.elements().filter((e) => !nextIds.has(e.id()));
    removed = gone.size();
    gone.edges().remove();
    gone.nodes('.leaf').remove();
    gone.nodes().sort((a, b) => b.ancestors().size() - a.ancestors().size()).forEach((n) => {
      if (n.inside()) n.remove();
    });
    // 3. update in place / collect new leaves.
    for (const d of next.nodes) {
      const id = d.data.id as string;
      const ele = cy.getElementById(id);
      if (ele.empty()) {
        if (!d.data.box) {
          newLeaves.push(d);
          if (!positions.has(id)) unknownLeaves++;
        }
        continue;
      }
      if (!d.data.box) leafCount++;
      patch(ele, d);
    }
    leafCount += newLeaves.length;
    const fullLayout = wasEmpty ? unknownLeaves > 0 : unknownLeaves > Math.max(3, leafCount / 2);
    const placed = fullLayout ? new Map<string, Pos>() : placeNewLeaves(cy, newLeaves, next.edges, positions);
    const adds: ElementDefinition[] = newLeaves.map((d) => {
      const pos = positions.get(d.data.id as string) ?? placed.get(d.data.id as string);
      return { ...d, group: 'nodes', ...(pos ? { position: { ...pos } } : {}) };
    });
    for (const d of next.edges) {
      const ele = cy.getElementById(d.data.id as string);
      if (ele.empty()) {
        adds.push({ ...d, group: 'edges' });
        added++;
      } else patch(ele, d);
    }
    cy.add(adds);
    added += newLeaves.length;
    needsLayout = fullLayout;
  });
  return { needsLayout, added, removed };
}

function patch(ele: ReturnType<Core['getElementById']>, d: ElementDefinition) {
  const old = ele.data() as Record<string, unknown>;
  for (const [k, v] of Object.entries(d.data)) {
    if (k !== 'parent' && old[k] !== v) ele.data(k, v);
  }
  for (const k of Object.keys(old)) if (!(k in d.data) && k !== 'parent') ele.removeData(k);
  if (!sameClasses(ele.classes().join(' '), d.classes)) ele.classes(d.classes ?? '');
}

function placeNewLeaves(cy: Core, leaves: ElementDefinition[], edges: ElementDefinition[], positions: Map<string, Pos>): Map<string, Pos> {
  if (leaves.length === 0) return new Map();
  const adj = new Map<string, string[]>();
  const link = (a: string, b: string) => adj.set(a, [...(adj.get(a) ?? []), b]);
  for (const e of edges) {
    link(e.data.source as string, e.data.target as string);
    link(e.data.target as string, e.data.source as string);
  }
  const ext = cy.extent();
  return placeNear({
    ids: leaves.map((d) => d.data.id as string).filter((id) => !positions.has(id)),
    neighbours: (id) => adj.get(id) ?? [],
    known: (id) => {
      const n = cy.getElementById(id);
      return n.nonempty() ? { ...n.position() } : undefined;
    },
    sibling: (id) => {
      const parent = leaves.find((d) => d.data.id === id)?.data.parent as string | undefined;
      const kid = parent ? cy.getElementById(parent).children('.leaf').first() : undefined;
      return kid && kid.nonempty() ? { ...kid.position() } : undefined;
    },
    fallback: { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 },
  });
}

/** Remembers where every leaf node is, so the next draw (or the next visit) keeps it there. */
export function savePositions(cy: Core, positions: Map<string, Pos>) {
  cy.nodes('.leaf').forEach((n) => {
    positions.set(n.id(), { ...n.position() });
  });
}
