import 'server-only';
import { isPlaced } from '../nodes';
import type { Appender } from '../types';

/**
 * crossCluster: an edge whose two ends live in different clusters. The service node of a
 * cross-cluster call sits in the destination cluster (series.ts), so it is the caller -> service
 * edge that crosses. Edges to external or unknown nodes never count.
 */
export const crossCluster: Appender = {
  name: 'crossCluster',
  append(graph) {
    for (const edge of graph.edges.values()) {
      const a = graph.nodes.get(edge.source);
      const b = graph.nodes.get(edge.target);
      edge.crossCluster = !!a && !!b && isPlaced(a) && isPlaced(b) && a.cluster !== b.cluster;
    }
  },
};
