'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { meshResponseSchema } from '@/lib/mesh';
import { meshQueryKey, useLiveEvents } from '@/components/alerts/live';

/** GET /api/mesh for the selected clusters and window; live through /api/events, polled every 30 s. */
export function useMesh(clusters: string[], duration: string) {
  useLiveEvents();
  const params = new URLSearchParams({ duration });
  if (clusters.length) params.set('clusters', clusters.join(','));
  return useQuery({
    queryKey: [...meshQueryKey, clusters.join(','), duration],
    queryFn: () => fetchJson(`/api/mesh?${params.toString()}`, meshResponseSchema),
    refetchInterval: 30_000,
  });
}
