'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import { graphSchema } from '@/lib/graph/types';
import { refreshMs, type GraphView } from './view-state';

const GRAPH = 'graph';

export function graphQueryKey(v: Pick<GraphView, 'clusters' | 'namespaces' | 'graphType' | 'duration' | 'idle'>) {
  return [v.clusters.join(','), GRAPH, v.namespaces.join(','), v.graphType, v.duration, v.idle] as const;
}

export function graphUrl(v: Pick<GraphView, 'clusters' | 'namespaces' | 'graphType' | 'duration' | 'idle'>): string {
  const q = new URLSearchParams({ graphType: v.graphType, duration: v.duration });
  if (v.clusters.length) q.set('clusters', v.clusters.join(','));
  if (v.namespaces.length) q.set('namespaces', v.namespaces.join(','));
  if (v.idle) q.set('idle', 'true');
  return `/api/graph?${q.toString()}`;
}

/** The graph of the view: refreshed on the URL's interval and when the inventory changes (SSE). */
export function useGraphData(v: GraphView) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: graphQueryKey(v),
    queryFn: ({ signal }) => fetchJson(graphUrl(v), graphSchema, { signal }),
    refetchInterval: refreshMs(v.refresh),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });

  const live = v.refresh !== 'off';
  const clusterKey = v.clusters.join(',');
  useEffect(() => {
    if (!live || typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/events${clusterKey ? `?clusters=${encodeURIComponent(clusterKey)}` : ''}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Inventory and cluster-state changes arrive in bursts: one refetch per second at most.
    const changed = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void client.invalidateQueries({ predicate: (q) => q.queryKey[1] === GRAPH });
      }, 1000);
    };
    es.addEventListener('inventory', changed);
    es.addEventListener('cluster', changed);
    return () => {
      if (timer) clearTimeout(timer);
      es.close();
    };
  }, [client, live, clusterKey]);

  return query;
}
