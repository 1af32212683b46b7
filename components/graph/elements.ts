import type { ElementDefinition } from 'cytoscape';
import { matches, type FindExpr } from '@/lib/graph/find';
import { nodeId, type Graph, type GraphEdge, type GraphNode } from '@/lib/graph/types';
import { withoutTelemetry } from '@/lib/telemetry';
import { badgeStrip, badgesOf } from './badges';
import { aggregate, edgeFacts, nodeFacts } from './facts';
import { edgeLabelText } from './format';
import type { EdgeColor } from './style';
import type { EdgeLabelMode } from './view-state';

export interface ElementOptions {
  boxes: { cluster: boolean; namespace: boolean };
  edgeLabel: EdgeLabelMode;
  find?: FindExpr;
  hide?: FindExpr;
}

export interface GraphElements {
  nodes: ElementDefinition[];
  edges: ElementDefinition[];
  /** Ids of the nodes and edges a find expression matched (after hiding). */
  found: { nodes: string[]; edges: string[] };
  hidden: { nodes: number; edges: number };
  /** The graph after hiding (what the table view lists too). */
  visible: { nodes: GraphNode[]; edges: GraphEdge[] };
}

/** Edge colour class: the server's health verdict (its thresholds, not ours); TCP traffic has its own colour. */
export function edgeColorClass(e: GraphEdge): EdgeColor {
  return e.protocol === 'tcp' && e.health === 'healthy' ? 'tcp' : e.health;
}

/** Edge width from its rate on a log scale: 1 px idle, ~2.7 px at 10 rps, ~4 px at 100 rps, 9 px max. */
export function edgeWidth(e: GraphEdge): number {
  const rate = e.protocol === 'tcp' ? (e.bytesPerSecond ?? 0) / 1000 : e.rps;
  return Math.min(9, Math.round((1 + 1.6 * Math.log10(1 + Math.max(0, rate))) * 10) / 10);
}

function nodeLabel(n: GraphNode): string {
  const name = n.name.length > 32 ? `${n.name.slice(0, 30)}…` : n.name;
  return n.version && n.kind !== 'workload' ? `${name}\n${n.version}` : name;
}

const boxOf = (n: GraphNode, o: ElementOptions): string | undefined => {
  if (!n.parent) return undefined;
  if (o.boxes.namespace) return n.parent;
  return o.boxes.cluster ? nodeId.clusterBox(n.cluster) : undefined;
};

/**
 * The mark of a cluster box: its API unreachable (nodes may be stale), or no telemetry (missing,
 * stale or unreachable Prometheus: its traffic is not drawn). Undefined: nothing to mark.
 */
export function clusterMarks(graph: Graph): Map<string, { label: string; cls: 'unreachable' | 'no-telemetry' }> {
  const out = new Map<string, { label: string; cls: 'unreachable' | 'no-telemetry' }>();
  for (const c of graph.clusters) {
    if (!c.reachable) out.set(c.cluster, { label: `${c.cluster} — unreachable`, cls: 'unreachable' });
    else if (withoutTelemetry(c.telemetryState)) out.set(c.cluster, { label: `${c.cluster} — ${c.telemetryState?.verdict === 'stale' ? 'telemetry stale' : 'no telemetry'}`, cls: 'no-telemetry' });
  }
  return out;
}

/** Graph -> cytoscape elements: hide applied, find marked, boxes as toggled, labels and colour classes in data. */
export function toElements(graph: Graph, o: ElementOptions): GraphElements {
  const agg = aggregate(graph);
  const marks = clusterMarks(graph);
  const unreachable = new Set([...marks].filter(([, m]) => m.cls === 'unreachable').map(([c]) => c));
  const visibleNodes = o.hide ? graph.nodes.filter((n) => !matches(o.hide, nodeFacts(n, agg.get(n.id)))) : graph.nodes;
  const keep = new Set(visibleNodes.map((n) => n.id));
  const visibleEdges = graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target) && !(o.hide && matches(o.hide, edgeFacts(e))));
  const found = { nodes: [] as string[], edges: [] as string[] };
  const findClass = (hit: boolean) => (o.find ? (hit ? ' find-match' : ' find-dim') : '');

  const usedBoxes = new Set<string>();
  const nodes: ElementDefinition[] = [];
  for (const n of visibleNodes) {
    const hit = o.find ? matches(o.find, nodeFacts(n, agg.get(n.id))) : false;
    if (hit) found.nodes.push(n.id);
    const parent = boxOf(n, o);
    if (parent) usedBoxes.add(parent);
    if (parent && o.boxes.namespace && o.boxes.cluster) usedBoxes.add(nodeId.clusterBox(n.cluster));
    const strip = badgeStrip(badgesOf(n.badges));
    nodes.push({
      group: 'nodes',
      data: {
        id: n.id,
        ...(parent ? { parent } : {}),
        label: nodeLabel(n),
        kind: n.kind,
        health: n.health,
        cluster: n.cluster,
        ...(strip ? { badgeUrl: strip.url, badgeW: strip.width, badgeH: strip.height } : {}),
      },
      classes: `leaf kind-${n.kind} health-${n.health}${strip ? ' has-badges' : ''}${unreachable.has(n.cluster) ? ' stale' : ''}${findClass(hit)}`,
    });
  }

  const boxes: ElementDefinition[] = [];
  if (o.boxes.cluster) for (const c of marks.keys()) usedBoxes.add(nodeId.clusterBox(c));
  for (const b of graph.boxes) {
    if (!usedBoxes.has(b.id)) continue;
    const mark = b.kind === 'cluster' ? marks.get(b.cluster) : undefined;
    const label = b.kind === 'cluster' ? (mark?.label ?? b.cluster) : o.boxes.cluster ? (b.namespace ?? '') : `${b.namespace ?? ''} · ${b.cluster}`;
    const parent = b.kind === 'namespace' && o.boxes.cluster ? b.parent : undefined;
    const down = unreachable.has(b.cluster) ? ' unreachable' : '';
    boxes.push({ group: 'nodes', data: { id: b.id, label, box: b.kind, cluster: b.cluster, ...(parent ? { parent } : {}) }, classes: `box box-${b.kind}${mark ? ` ${mark.cls}` : down}` });
    usedBoxes.delete(b.id);
  }
  // A marked cluster (unreachable, no telemetry) with nothing drawn still gets its (empty, marked) box.
  for (const id of usedBoxes) {
    const cluster = id.slice('cluster:'.length);
    const mark = marks.get(cluster);
    if (id.startsWith('cluster:') && mark) boxes.push({ group: 'nodes', data: { id, label: mark.label, box: 'cluster', cluster }, classes: `box box-cluster ${mark.cls}` });
  }

  boxes.sort((a, b) => (a.data.box === b.data.box ? 0 : a.data.box === 'cluster' ? -1 : 1));

  const edges: ElementDefinition[] = visibleEdges.map((e) => {
    const hit = o.find ? matches(o.find, edgeFacts(e)) : false;
    if (hit) found.edges.push(e.id);
    return {
      group: 'edges',
      data: { id: e.id, source: e.source, target: e.target, label: edgeLabelText(e, o.edgeLabel), width: edgeWidth(e), protocol: e.protocol },
      classes: `edge-${edgeColorClass(e)}${e.crossCluster ? ' cross-cluster' : ''}${e.mtls ? ' mtls' : ''}${findClass(hit)}`,
    };
  });

  return {
    nodes: [...boxes, ...nodes],
    edges,
    found,
    hidden: { nodes: graph.nodes.length - visibleNodes.length, edges: graph.edges.length - visibleEdges.length },
    visible: { nodes: visibleNodes, edges: visibleEdges },
  };
}
