'use client';

import { Button } from '@patternfly/react-core';
import { ClustersTable } from '@/components/clusters/ClustersTable';
import { useClusters } from '@/components/shell/ScopeSelectors';
import { PageFrame } from '@/components/shell/PageFrame';
import { EmptyView, ErrorView, LoadingState } from '@/components/shell/states';
import { useScope } from '@/components/shell/useScope';
import { telemetryProblem } from '@/lib/telemetry';

export function OverviewView() {
  const scope = useScope();
  // The Overview is a status page: cluster, Prometheus and telemetry state refresh on their own.
  const q = useClusters({ refetchInterval: 10_000 });
  const items = (q.data?.items ?? []).filter((c) => !scope.clusters.length || scope.clusters.includes(c.name));
  const down = items.filter((c) => !c.reachable).length;
  const blind = items.filter((c) => telemetryProblem(c.telemetry)).map((c) => c.name);
  return (
    <PageFrame
      title="Overview"
      description={
        q.data
          ? `${items.length} cluster(s), ${down ? `${down} unreachable` : 'all reachable'}${blind.length ? `; telemetry missing, stale or partial: ${blind.join(', ')}` : ''}`
          : 'Clusters of the mesh'
      }
      actions={
        <Button variant="secondary" onClick={() => void q.refetch()} isLoading={q.isFetching}>
          Refresh
        </Button>
      }
    >
      {q.isLoading ? (
        <LoadingState what="clusters" />
      ) : q.isError ? (
        <ErrorView what="clusters" error={q.error} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <EmptyView title="No clusters">
          No cluster is configured (or none matches the selection). Point MERIDIAN_CONFIG at a meridian.yaml, or KUBECONFIG at
          a kubeconfig whose contexts are your clusters.
        </EmptyView>
      ) : (
        <ClustersTable clusters={items} />
      )}
    </PageFrame>
  );
}
