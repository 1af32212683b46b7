import 'server-only';
import type { GraphNode } from '@/lib/graph/types';
import { healthOf } from '@/lib/health';
import type { Appender } from '../types';

/**
 * health: node and edge health from lib/health.ts with the request's thresholds.
 * - no usable telemetry: everything 'no-data';
 * - edge: http/grpc by its 5xx share and 4xx share; tcp healthy when bytes
 *   flowed, else idle;
 * - node: by its inbound requests (what it served) when it has any, else by its outbound ones
 *   (pure callers: unknown, clients); a node with only TCP traffic is healthy, none at all idle.
 */
export const health: Appender = {
  name: 'health',
  append(graph, ctx) {
    if (!ctx.telemetry) {
      for (const n of graph.nodes.values()) n.health = 'no-data';
      for (const e of graph.edges.values()) e.health = 'no-data';
      return;
    }
    const tcpActive = new Set<string>();
    for (const e of graph.edges.values()) {
      if (e.protocol === 'tcp') {
        const active = (e.bytesPerSecond ?? 0) > 0;
        e.health = active ? 'healthy' : 'idle';
        if (active) tcpActive.add(e.source).add(e.target);
        continue;
      }
      e.health = healthOf({ rps: e.rps, errorRate: e.errorRate, clientErrorRate: e.clientErrorRate ?? 0 }, ctx.thresholds);
    }
    const nodeHealth = (n: GraphNode) => {
      if (n.inbound.rps > 0) return healthOf(n.inbound, ctx.thresholds);
      if (n.outbound.rps > 0) return healthOf(n.outbound, ctx.thresholds);
      return tcpActive.has(n.id) ? 'healthy' : 'idle';
    };
    for (const n of graph.nodes.values()) n.health = nodeHealth(n);
  },
};
