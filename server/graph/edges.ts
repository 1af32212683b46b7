import 'server-only';
import { nodeId, type GraphEdge, type Protocol } from '@/lib/graph/types';
import { identityKey, protocolOf, type ReporterChoice } from './series';
import type { AppenderContext, PromSample, WorkGraph } from './types';

/**
 * Calls `fn` for every edge (already created by the traffic appender) that a sample's series runs
 * along, after the same reporter dedup as the traffic. Samples whose edges do not exist (filtered
 * out of scope, or without traffic) are skipped.
 */
export function forEachEdgeOf(
  graph: WorkGraph,
  ctx: AppenderContext,
  samples: readonly PromSample[],
  choice: ReporterChoice | undefined,
  fn: (edge: GraphEdge, sample: PromSample) => void,
  protocolOverride?: Protocol,
): void {
  for (const s of samples) {
    const m = s.metric;
    const key = identityKey(m);
    if (choice && !choice.keep(m, key)) continue;
    const path = ctx.resolver.resolve(m, key);
    if (!path) continue;
    const protocol = protocolOverride ?? protocolOf(m);
    for (let i = 0; i + 1 < path.length; i++) {
      const edge = graph.edges.get(nodeId.edge(path[i]!.id, path[i + 1]!.id, protocol));
      if (edge) fn(edge, s);
    }
  }
}
