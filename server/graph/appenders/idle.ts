import 'server-only';
import { ensureNode } from '../nodes';
import { serviceSpec, workloadSide, type NodeSpec } from '../series';
import type { Appender, AppenderContext } from '../types';

/**
 * idle: inventory nodes without traffic in the window. Runs when the request asks for idle nodes
 * (marked idle: true) and always when telemetry is unavailable, where the inventory is all the graph
 * can show (not marked idle: nobody knows whether they had traffic).
 * Adds the selected clusters' and namespaces' services (also ServiceImport-only ones: the cluster
 * consumes the service remotely) and, except in the service graph, workloads as this graph type's
 * node (workload, app or versioned app). With no namespace selected, kube-* namespaces are left out.
 */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

function wanted(ctx: AppenderContext, cluster: string, ns: string): boolean {
  if (!ctx.scope.selected(cluster, ns)) return false;
  return ctx.options.namespaces.length > 0 || !SYSTEM_NAMESPACES.has(ns);
}

export const idle: Appender = {
  name: 'idle',
  append(graph, ctx) {
    const markIdle = ctx.telemetry !== undefined;
    if (markIdle && !ctx.options.idle) return;
    const add = (spec: NodeSpec) => {
      if (graph.nodes.has(spec.id)) return;
      const node = ensureNode(graph, spec);
      if (markIdle) node.idle = true;
    };
    const inv = ctx.inventory;
    for (const s of inv.services.values()) if (wanted(ctx, s.cluster, s.namespace)) add(serviceSpec(s.cluster, s.namespace, s.name));
    for (const k of inv.imports) {
      const [cluster = '', ns = '', name = ''] = k.split('/');
      if (wanted(ctx, cluster, ns)) add(serviceSpec(cluster, ns, name));
    }
    if (ctx.options.graphType === 'service') return;
    for (const w of inv.workloads.values()) {
      if (wanted(ctx, w.cluster, w.namespace)) add(workloadSide(ctx.options.graphType, w.cluster, w.namespace, w.name, w.app, w.version));
    }
  },
};
