'use client';

import type { QueryClient } from '@tanstack/react-query';

// One query-key factory for every react-query query of the console. Every key starts with the
// cluster scope and the feature: [cluster | 'all', feature, ...details]. So invalidation works by
// prefix: [cluster, feature] for one cluster's data of a feature, or invalidateFeature() for the
// feature in every scope (an SSE event about "the graph" refreshes every graph query).

/** What a query is about; one entry per feature of the console. */
export type Feature =
  | 'session'
  | 'clusters'
  | 'namespaces'
  | 'services'
  | 'graph'
  | 'metrics'
  | 'mesh'
  | 'alerts'
  | 'silences'
  | 'istio-config'
  | 'validate';

/** A cluster name, a list of them (the scope of a multi-cluster view) or nothing: 'all'. */
export type ClusterScope = string | readonly string[] | undefined;

export function scopeKey(clusters: ClusterScope): string {
  if (clusters === undefined) return 'all';
  if (typeof clusters === 'string') return clusters || 'all';
  return clusters.length ? clusters.join(',') : 'all';
}

/** The key of a query: [scope, feature, ...details]. */
export function queryKey<const D extends readonly unknown[]>(clusters: ClusterScope, feature: Feature, ...details: D) {
  return [scopeKey(clusters), feature, ...details] as const;
}

/** Invalidates every query of a feature, whatever its cluster scope (or only those of one scope). */
export function invalidateFeature(client: QueryClient, feature: Feature, clusters?: ClusterScope): Promise<void> {
  if (clusters !== undefined) return client.invalidateQueries({ queryKey: [scopeKey(clusters), feature] });
  return client.invalidateQueries({ predicate: (q) => q.queryKey[1] === feature });
}
