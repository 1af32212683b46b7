import 'server-only';
import { key3 } from '../inventory';
import type { Appender } from '../types';

/**
 * deadNodes: badges.dead where the inventory says nothing can serve.
 * - workload node: its Deployment exists with 0 ready pods (telemetry may still show the callers'
 *   failed attempts);
 * - app node: every Deployment-backed workload of the app (version) has 0 ready pods;
 * - service node: the Service exists (not ExternalName) and has no ready endpoint in its cluster.
 * Nodes the inventory does not know are left alone.
 */
export const deadNodes: Appender = {
  name: 'deadNodes',
  append(graph, ctx) {
    const inv = ctx.inventory;
    for (const node of graph.nodes.values()) {
      const k = key3(node.cluster, node.namespace, node.name);
      if (node.kind === 'workload') {
        const w = inv.workloads.get(k);
        if (w?.hasDeployment && w.readyPods === 0) node.badges.dead = true;
      } else if (node.kind === 'app') {
        const list = (inv.appWorkloads.get(k) ?? []).filter((w) => w.hasDeployment && (node.version === undefined || w.version === node.version));
        if (list.length > 0 && list.every((w) => w.readyPods === 0)) node.badges.dead = true;
      } else if (node.kind === 'service') {
        const s = inv.services.get(k);
        if (s && s.type !== 'ExternalName' && s.readyEndpoints === 0) node.badges.dead = true;
        // An import with no Service of its own: dead when its derived Service (GKE) has no endpoints left.
        else if (!s && inv.importEndpoints.get(k) === 0) node.badges.dead = true;
      }
    }
  },
};
