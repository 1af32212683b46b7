'use client';

import { Alert, Button, SearchInput, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { fetchJson } from '@/lib/api/fetch-json';
import { servicesResponseSchema } from '@/lib/services';
import { scopeQuery } from '@/lib/url-state';
import { PageFrame } from '@/components/shell/PageFrame';
import { queryKey } from '@/components/shell/query-keys';
import { ClusterErrors, EmptyView, ErrorView, LoadingState } from '@/components/shell/states';
import { useScope } from '@/components/shell/useScope';
import { ServicesTable } from './ServicesTable';

/** Every Service of the selected clusters and namespaces, with health, traffic and mesh badges. */
export function ServicesView() {
  const scope = useScope();
  const params = useSearchParams();
  const text = params.get('q') ?? '';
  const qs = new URLSearchParams({ clusters: scope.clusters.join(','), namespaces: scope.namespaces.join(','), duration: '5m' });
  const q = useQuery({
    queryKey: queryKey(scope.clusters, 'services', scope.namespaces.join(',')),
    queryFn: () => fetchJson(`/api/services?${qs}`, servicesResponseSchema),
    refetchInterval: 30_000,
  });
  const rows = (q.data?.items ?? []).filter((s) => !text || `${s.namespace}/${s.name} ${s.cluster}`.includes(text));
  return (
    <PageFrame
      title="Services"
      description={q.data ? `${rows.length} of ${q.data.items.length} service(s)` : 'Services of every selected cluster'}
      actions={
        <Button variant="secondary" onClick={() => void q.refetch()} isLoading={q.isFetching}>
          Refresh
        </Button>
      }
    >
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              aria-label="Filter services by name"
              placeholder="Filter by name"
              value={text}
              onChange={(_e, v) => scope.setParam('q', v || undefined)}
              onClear={() => scope.setParam('q', undefined)}
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {q.data && <ClusterErrors errors={q.data.errorsByCluster} />}
      {q.data?.warnings.map((w) => (
        <Alert key={w} isInline variant="info" title={w} style={{ marginBottom: 8 }} />
      ))}
      {q.isLoading ? (
        <LoadingState what="services" />
      ) : q.isError ? (
        <ErrorView what="services" error={q.error} onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyView title="No services">{text ? `No service matches "${text}".` : 'No service in the selected clusters and namespaces.'}</EmptyView>
      ) : (
        <ServicesTable rows={rows} scopeQuery={scopeQuery(params)} />
      )}
    </PageFrame>
  );
}
