import 'server-only';
import { nodeId } from '@/lib/graph/types';
import { isPlaced } from '../nodes';
import type { Appender } from '../types';

/**
 * boxes: a cluster box for every cluster and a namespace box for every (cluster, namespace) that
 * holds a node, outside neighbours included; node.parent = its namespace box. External and
 * unknown nodes stay unboxed.
 */
export const boxes: Appender = {
  name: 'boxes',
  append(graph) {
    for (const node of graph.nodes.values()) {
      if (!isPlaced(node)) continue;
      const clusterBox = nodeId.clusterBox(node.cluster);
      const nsBox = nodeId.namespaceBox(node.cluster, node.namespace);
      if (!graph.boxes.has(clusterBox)) graph.boxes.set(clusterBox, { id: clusterBox, kind: 'cluster', cluster: node.cluster });
      if (!graph.boxes.has(nsBox)) graph.boxes.set(nsBox, { id: nsBox, kind: 'namespace', cluster: node.cluster, namespace: node.namespace, parent: clusterBox });
      node.parent = nsBox;
    }
  },
};
