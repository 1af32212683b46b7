import 'server-only';
import { key3 } from '../inventory';
import type { Appender } from '../types';

/**
 * sidecar: missingSidecar on workload nodes whose pods lack the istio-proxy container (or, with no
 * pods, whose namespace/template is not injected), and on app nodes when any of the app's
 * workloads (of that version, for versioned apps) lacks it. Service nodes have no sidecar.
 * Nodes unknown to the inventory are left alone (no evidence either way).
 */
export const sidecar: Appender = {
  name: 'sidecar',
  append(graph, ctx) {
    const inv = ctx.inventory;
    for (const node of graph.nodes.values()) {
      if (node.kind === 'workload') {
        const w = inv.workloads.get(key3(node.cluster, node.namespace, node.name));
        if (w && !w.hasSidecar) node.badges.missingSidecar = true;
      } else if (node.kind === 'app') {
        const list = inv.appWorkloads.get(key3(node.cluster, node.namespace, node.name)) ?? [];
        if (list.some((w) => !w.hasSidecar && (node.version === undefined || w.version === node.version))) node.badges.missingSidecar = true;
      }
    }
  },
};
