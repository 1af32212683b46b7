import 'server-only';
import { key2, key3 } from '../inventory';
import type { Appender } from '../types';

/**
 * mcs: Kubernetes MCS API (ServiceExport/ServiceImport) on service nodes.
 * - exported: this cluster has a ServiceExport for the service.
 * - imported: this cluster has a ServiceImport for it and some OTHER cluster exports it, i.e. this
 *   cluster consumes remote endpoints (MCS controllers also create the ServiceImport in the
 *   exporting cluster; that alone is not an import).
 * - clusterSetHost: <name>.<ns>.svc.clusterset.local for every exported or imported service, so
 *   the UI can group the service nodes of one cluster-set service across clusters.
 */
export const mcs: Appender = {
  name: 'mcs',
  append(graph, ctx) {
    const inv = ctx.inventory;
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'service') continue;
      const k = key3(node.cluster, node.namespace, node.name);
      if (inv.exports.has(k)) node.badges.exported = true;
      if (inv.imports.has(k)) {
        const exporters = inv.exportingClusters.get(key2(node.namespace, node.name));
        if (exporters && [...exporters].some((c) => c !== node.cluster)) node.badges.imported = true;
      }
      const host = inv.clusterSetHost(node.namespace, node.name);
      if (host) node.clusterSetHost = host;
    }
  },
};
