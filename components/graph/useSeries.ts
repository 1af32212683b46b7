'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { metricsResponseSchema } from '@/lib/metrics-query';
import { queryKey } from '@/components/shell/query-keys';

export type SeriesSubject = { node: string; direction: 'inbound' | 'outbound' } | { source: string; target: string };

/** Chart series of a node (one direction) or an edge over the window, from GET /api/metrics. */
export function useSeries(subject: SeriesSubject, duration: string, cluster: string, refetchInterval: number | false) {
  const q = new URLSearchParams({ ...subject, duration });
  return useQuery({
    queryKey: queryKey(cluster, 'metrics', q.toString()),
    queryFn: ({ signal }) => fetchJson(`/api/metrics?${q.toString()}`, metricsResponseSchema, { signal }),
    refetchInterval,
  });
}
