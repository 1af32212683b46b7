import 'server-only';
import type { GraphEdge, Protocol } from '@/lib/graph/types';
import { protocolOf, type ReporterChoice, type SeriesPath } from './series';
import type { AppenderContext, PromSample, WorkGraph } from './types';

/**
 * Edges are final once the traffic appender ran. The edge appenders after it address edges by a
 * dense index (0..n-1, insertion order) so they can accumulate into typed arrays instead of maps:
 * at 20,000 edges and ~10^5 samples, map lookups and their garbage are most of the build time.
 */
export interface EdgeIndex {
  list: GraphEdge[];
  position: Map<string, number>;
}

const indexes = new WeakMap<WorkGraph, EdgeIndex>();

/** The traffic appender registers the index it built while creating the edges. */
export function setEdgeIndex(graph: WorkGraph, idx: EdgeIndex): void {
  indexes.set(graph, idx);
}

export function edgeIndex(graph: WorkGraph): EdgeIndex {
  let idx = indexes.get(graph);
  if (!idx) {
    const list = [...graph.edges.values()];
    const position = new Map<string, number>();
    for (let i = 0; i < list.length; i++) position.set(list[i]!.id, i);
    idx = { list, position };
    indexes.set(graph, idx);
  }
  return idx;
}

// The edge positions of a path, looked up once (cached on the path, which lives for one build).
function positionsOf(idx: EdgeIndex, path: SeriesPath, protocol: Protocol): number[] {
  let list = path.edges[protocol];
  if (!list) {
    list = [];
    for (const id of path.edgeIds(protocol)) {
      const p = idx.position.get(id);
      if (p !== undefined) list.push(p);
    }
    path.edges[protocol] = list;
  }
  return list;
}

/**
 * Calls `fn` with the position (in edgeIndex(graph).list) of every edge that a sample's series runs
 * along, after the same reporter dedup as the traffic. Samples whose edges do not exist (out of
 * scope, or without traffic) are skipped. Call only after the traffic appender.
 */
export function forEachEdgeOf(
  graph: WorkGraph,
  ctx: AppenderContext,
  samples: readonly PromSample[],
  choice: ReporterChoice | undefined,
  fn: (edge: number, sample: PromSample) => void,
  protocolOverride?: Protocol,
): void {
  const idx = edgeIndex(graph);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const m = s.metric;
    const id = ctx.resolver.identities.of(m);
    if (choice && !choice.keep(m, id)) continue;
    const path = ctx.resolver.resolve(m, id);
    if (!path) continue;
    const list = positionsOf(idx, path, protocolOverride ?? protocolOf(m));
    for (let j = 0; j < list.length; j++) fn(list[j]!, s);
  }
}
