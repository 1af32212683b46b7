'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { eventInScope } from '@/lib/events';
import { graphSchema } from '@/lib/graph/types';
import { queryKey, type Feature } from '@/components/shell/query-keys';
import { useLiveFeatures, type LiveSignal } from '@/components/shell/useEvents';
import { refreshMs, type GraphView } from './view-state';

type GraphQuery = Pick<GraphView, 'clusters' | 'namespaces' | 'graphType' | 'duration' | 'idle'>;

function graphUrl(v: GraphQuery): string {
  const q = new URLSearchParams({ graphType: v.graphType, duration: v.duration });
  if (v.clusters.length) q.set('clusters', v.clusters.join(','));
  if (v.namespaces.length) q.set('namespaces', v.namespaces.join(','));
  if (v.idle) q.set('idle', 'true');
  return `/api/graph?${q.toString()}`;
}

/** The graph of a cluster scope is stale when the inventory or a cache state of one of its clusters changed. */
export function graphFeatures(s: LiveSignal, clusters: readonly string[]): readonly Feature[] {
  if (s.type === 'resync') return ['graph'];
  return (s.type === 'inventory' || s.type === 'cluster') && eventInScope(s, new Set(clusters)) ? ['graph'] : [];
}

/**
 * The graph of the view: refreshed on the URL's interval and when the inventory changes (the tab's
 * shared event stream; a burst of changes is one refetch a second at most). Refresh off: neither.
 */
export function useGraphData(v: GraphView) {
  useLiveFeatures((s) => graphFeatures(s, v.clusters), { delayMs: 1000, clusters: v.clusters, enabled: v.refresh !== 'off' });
  return useQuery({
    queryKey: queryKey(v.clusters, 'graph', v.namespaces.join(','), v.graphType, v.duration, v.idle),
    queryFn: ({ signal }) => fetchJson(graphUrl(v), graphSchema, { signal }),
    refetchInterval: refreshMs(v.refresh),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}
