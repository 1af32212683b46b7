'use client';

import { Button, Checkbox, SearchInput, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, type ThProps, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { MultiSelect } from '@/components/shell/MultiSelect';
import { PageFrame } from '@/components/shell/PageFrame';
import { queryKey } from '@/components/shell/query-keys';
import { ClusterErrors, EmptyView, ErrorView, LoadingState } from '@/components/shell/states';
import { useScope } from '@/components/shell/useScope';
import type { ConfigItem } from '@/lib/istio-config/api';
import { WRITABLE_KIND_LIST } from '@/lib/istio';
import { listObjects, objectPageUrl } from './api';
import { useSession } from '@/components/shell/useSession';
import { CreateMenu } from './CreateMenu';
import { FindingCounts } from './FindingsList';

const COLUMNS = ['name', 'namespace', 'kind', 'cluster', 'findings'] as const;
type Column = (typeof COLUMNS)[number];

const severityScore = (i: ConfigItem) => i.findings.reduce((t, f) => t + (f.severity === 'error' ? 10000 : f.severity === 'warning' ? 100 : 1), 0);
const sortValue = (i: ConfigItem, c: Column): string | number => (c === 'findings' ? severityScore(i) : c === 'name' ? i.ref.name : i.ref[c]);

/** Istio Config: every Istio object of every selected cluster, with findings; filters and sort in the URL. */
export function ConfigList() {
  const scope = useScope();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const kinds = (params.get('kinds') ?? '').split(',').filter(Boolean);
  const withFindings = params.get('findings') === 'only';
  const search = params.get('q') ?? '';
  const sort = (COLUMNS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Column) : 'name';
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const session = useSession();

  const qs = new URLSearchParams();
  if (scope.clusters.length) qs.set('clusters', scope.clusters.join(','));
  if (scope.namespaces.length) qs.set('namespaces', scope.namespaces.join(','));
  if (kinds.length) qs.set('kinds', kinds.join(','));
  if (withFindings) qs.set('findings', 'only');
  const query = qs.toString() ? `?${qs.toString()}` : '';
  const list = useQuery({ queryKey: queryKey(scope.clusters, 'istio-config', 'list', query), queryFn: () => listObjects(query), refetchInterval: 15_000 });

  const items = (list.data?.items ?? [])
    .filter((i) => !search || `${i.ref.namespace}/${i.ref.name}`.includes(search))
    .sort((a, b) => {
      const va = sortValue(a, sort);
      const vb = sortValue(b, sort);
      const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
      return (dir === 'asc' ? c : -c) || a.ref.name.localeCompare(b.ref.name) || a.ref.cluster.localeCompare(b.ref.cluster);
    });
  const sortBy = (c: Column, index: number): ThProps['sort'] => ({
    sortBy: { index: COLUMNS.indexOf(sort), direction: dir },
    onSort: (_e, _i, d) => {
      const next = new URLSearchParams(params.toString());
      next.set('sort', c);
      next.set('dir', d);
      router.push(`${pathname}?${next.toString()}`, { scroll: false });
    },
    columnIndex: index,
  });
  const canEdit = session.data !== undefined && !session.data.readOnly;

  return (
    <PageFrame title="Istio Config" description="Istio objects of every selected cluster, with their validation findings." actions={canEdit ? <CreateMenu scope={scope} /> : undefined}>
      <Toolbar clearAllFilters={() => scope.setParam('kinds', undefined)}>
        <ToolbarContent>
          <ToolbarItem>
            <MultiSelect label="Kinds" allLabel="All kinds" testId="kind-filter" options={WRITABLE_KIND_LIST.map((k) => ({ value: k.id }))} selected={kinds} onChange={(v) => scope.setParam('kinds', v)} />
          </ToolbarItem>
          <ToolbarItem>
            <Checkbox id="with-findings" label="With findings only" isChecked={withFindings} onChange={(_e, on) => scope.setParam('findings', on ? 'only' : undefined)} />
          </ToolbarItem>
          <ToolbarItem>
            <SearchInput aria-label="Filter by name" placeholder="Filter by name" value={search} onChange={(_e, v) => scope.setParam('q', v || undefined)} onClear={() => scope.setParam('q', undefined)} />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {list.data && <ClusterErrors errors={list.data.errorsByCluster} />}
      {list.isLoading ? (
        <LoadingState what="Istio objects" />
      ) : list.error ? (
        <ErrorView what="Istio objects" error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyView title="No Istio objects match" action={canEdit ? <Link href="/istio/new"><Button variant="primary">Create</Button></Link> : undefined}>
          Change the filters, or create an object.
        </EmptyView>
      ) : (
        <Table aria-label="Istio objects" variant="compact" data-testid="config-table">
          <Thead>
            <Tr>
              {COLUMNS.map((c, i) => (
                <Th key={c} sort={sortBy(c, i)}>
                  {c[0]?.toUpperCase() + c.slice(1)}
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {items.map((i) => (
              <Tr key={`${i.ref.cluster}/${i.ref.namespace}/${i.ref.kind}/${i.ref.name}`} data-testid={`config-row-${i.ref.cluster}-${i.ref.namespace}-${i.ref.kind}-${i.ref.name}`}>
                <Td dataLabel="Name">
                  <Link href={objectPageUrl(i.ref)}>{i.ref.name}</Link>
                </Td>
                <Td dataLabel="Namespace">{i.ref.namespace}</Td>
                <Td dataLabel="Kind">{i.ref.kind}</Td>
                <Td dataLabel="Cluster">{i.ref.cluster}</Td>
                <Td dataLabel="Findings">
                  <FindingCounts findings={i.findings} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </PageFrame>
  );
}
