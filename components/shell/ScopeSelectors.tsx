'use client';

import { ToolbarItem } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { namespacesResponseSchema } from '@/lib/api/multi-cluster';
import { clustersResponseSchema } from '@/lib/clusters';
import { MultiSelect } from './MultiSelect';
import { queryKey } from './query-keys';
import { useScope } from './useScope';

/** GET /api/clusters; a page that shows live cluster state asks for a refetch interval. */
export function useClusters(opts: { refetchInterval?: number } = {}) {
  return useQuery({ queryKey: queryKey(undefined, 'clusters'), queryFn: () => fetchJson('/api/clusters', clustersResponseSchema), ...opts });
}

/** Cluster and namespace selectors of the masthead; their state is the URL's `clusters`/`namespaces`. */
export function ScopeSelectors() {
  const scope = useScope();
  const clusters = useClusters();
  const clusterParam = scope.clusters.join(',');
  const namespaces = useQuery({
    queryKey: queryKey(scope.clusters, 'namespaces'),
    queryFn: () => fetchJson(`/api/namespaces?clusters=${encodeURIComponent(clusterParam)}`, namespacesResponseSchema),
  });
  const nsCount = new Map<string, string[]>();
  for (const n of namespaces.data?.items ?? []) nsCount.set(n.name, [...(nsCount.get(n.name) ?? []), n.cluster]);
  return (
    <>
      <ToolbarItem>
        <MultiSelect
          label="Clusters"
          allLabel="All clusters"
          testId="cluster-selector"
          isLoading={clusters.isLoading}
          options={(clusters.data?.items ?? []).map((c) => ({
            value: c.name,
            description: c.reachable ? c.kubernetesVersion : `unreachable: ${c.error ?? ''}`,
          }))}
          selected={scope.clusters}
          onChange={(v) => scope.setParam('clusters', v)}
        />
      </ToolbarItem>
      <ToolbarItem>
        <MultiSelect
          label="Namespaces"
          allLabel="All namespaces"
          testId="namespace-selector"
          isLoading={namespaces.isLoading}
          options={[...nsCount.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([name, cs]) => ({ value: name, description: cs.join(', ') }))}
          selected={scope.namespaces}
          onChange={(v) => scope.setParam('namespaces', v)}
        />
      </ToolbarItem>
    </>
  );
}
