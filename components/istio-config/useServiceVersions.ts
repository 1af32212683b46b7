'use client';

import { useQuery } from '@tanstack/react-query';
import { queryKey } from '@/components/shell/query-keys';
import { fetchJson } from '@/lib/api/fetch-json';
import { graphSchema } from '@/lib/graph/types';
import { versionsOfService } from '@/lib/istio/forms';
import { serviceOfHost } from '@/lib/mesh-rules/hosts';

/** Versions of a service's pods (versionedApp nodes of the graph), for DestinationRule subsets. */
export function useServiceVersions(cluster: string, namespace: string, host: string | undefined) {
  const target = host ? serviceOfHost(host, namespace) : undefined;
  const ns = target?.namespace || namespace;
  const q = useQuery({
    queryKey: queryKey(cluster, 'graph', 'versions', ns),
    queryFn: () => fetchJson(`/api/graph?namespaces=${encodeURIComponent(ns)}&graphType=versionedApp&duration=10m&idle=true`, graphSchema),
    enabled: Boolean(target?.name) && Boolean(ns),
    staleTime: 60_000,
  });
  return { versions: q.data && target?.name ? versionsOfService(q.data, ns, target.name) : [], isLoading: q.isLoading && Boolean(target?.name) };
}
