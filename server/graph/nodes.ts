import 'server-only';
import type { GraphNode } from '@/lib/graph/types';
import type { NodeSpec } from './series';
import type { Scope, WorkGraph } from './types';

export const zeroTraffic = () => ({ rps: 0, errorRate: 0, clientErrorRate: 0 });

/** The node for `spec`, created (no badges, health to be decided) when first seen. */
export function ensureNode(graph: WorkGraph, spec: NodeSpec): GraphNode {
  let node = graph.nodes.get(spec.id);
  if (!node) {
    node = {
      id: spec.id,
      kind: spec.kind,
      cluster: spec.cluster,
      namespace: spec.namespace,
      name: spec.name,
      ...(spec.app !== undefined ? { app: spec.app } : {}),
      ...(spec.version !== undefined ? { version: spec.version } : {}),
      health: 'no-data',
      badges: {},
      inbound: zeroTraffic(),
      outbound: zeroTraffic(),
    };
    graph.nodes.set(spec.id, node);
  }
  return node;
}

/** Nodes that live in a cluster and namespace (not external, not unknown). */
export function isPlaced(node: { kind: string; cluster: string; namespace: string }): boolean {
  return node.kind !== 'external' && node.kind !== 'serviceEntry' && node.kind !== 'unknown' && node.cluster !== '' && node.cluster !== 'unknown';
}

export function makeScope(clusters: readonly string[], namespaces: readonly string[]): Scope {
  const cs = new Set(clusters);
  const ns = new Set(namespaces);
  return { selected: (c, n) => (cs.size === 0 || cs.has(c)) && (ns.size === 0 || ns.has(n)) };
}

/** Rounds rates for stable JSON (1e-6 resolution). */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Rounds latencies (1e-3 ms). */
export function round3(x: number): number {
  return Math.round(x * 1e3) / 1e3;
}

/**
 * A plain object from a Map, values rounded. Objects keyed by response codes ("200", "503") are
 * integer-indexed: assigning such keys one by one makes V8 grow sparse element stores (~10 us per
 * object), while JSON.parse builds them directly; at 20,000 edges that difference is the budget.
 */
export function recordOf(m: ReadonlyMap<string, number>): Record<string, number> {
  if (m.size === 0) return {};
  let json = '';
  for (const [k, v] of m) json += `${json ? ',' : '{'}${JSON.stringify(k)}:${Number.isFinite(v) ? round6(v) : 0}`;
  return JSON.parse(`${json}}`) as Record<string, number>;
}
