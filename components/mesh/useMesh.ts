'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { meshResponseSchema } from '@/lib/mesh';
import { MCS_EXPORT_KINDS, MCS_IMPORT_KINDS } from '@/lib/mesh-rules/mcs';
import { queryKey, type Feature } from '@/components/shell/query-keys';
import { useLiveFeatures, type LiveSignal } from '@/components/shell/useEvents';

/** The inventory kinds the mesh view is made of (MCS of both groups, services and their endpoints, workloads, managed control planes and the namespaces they inject). */
const MESH_KINDS = new Set<string>([...MCS_EXPORT_KINDS, ...MCS_IMPORT_KINDS, 'Service', 'EndpointSlice', 'Deployment', 'ControlPlaneRevision', 'Namespace']);

/** The mesh view is stale when a cluster's cache state or one of its kinds changed. */
export function meshFeatures(s: LiveSignal): readonly Feature[] {
  const stale = s.type === 'cluster' || s.type === 'resync' || (s.type === 'inventory' && MESH_KINDS.has(s.kind));
  return stale ? ['mesh'] : [];
}

/** GET /api/mesh for the selected clusters and window; live through /api/events (one refetch a second at most), polled every 30 s. */
export function useMesh(clusters: string[], duration: string) {
  useLiveFeatures(meshFeatures, { delayMs: 1000 });
  const params = new URLSearchParams({ duration });
  if (clusters.length) params.set('clusters', clusters.join(','));
  return useQuery({
    queryKey: queryKey(clusters, 'mesh', duration),
    queryFn: () => fetchJson(`/api/mesh?${params.toString()}`, meshResponseSchema),
    refetchInterval: 30_000,
  });
}
