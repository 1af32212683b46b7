'use client';

import { Label, LabelGroup } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { ServiceRow } from '@/lib/services';
import { HealthLabel } from '@/components/shell/HealthLabel';

const COLUMNS = ['name', 'namespace', 'cluster', 'health', 'rps', 'errorRate', 'endpoints'] as const;
type SortKey = (typeof COLUMNS)[number];
const HEALTH_ORDER = { failing: 0, degraded: 1, healthy: 2, idle: 3, 'no-data': 4 } as const;

function compare(a: ServiceRow, b: ServiceRow, key: SortKey): number {
  if (key === 'health') return HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health];
  const x = a[key];
  const y = b[key];
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

function badges(s: ServiceRow) {
  const b = s.badges;
  const out: { text: string; color: 'purple' | 'blue' | 'orange' | 'red' | 'teal' }[] = [];
  if (b.exported) out.push({ text: 'exported', color: 'purple' });
  if (b.imported) out.push({ text: 'imported', color: 'purple' });
  if (b.virtualService) out.push({ text: 'VirtualService', color: 'blue' });
  if (b.destinationRule) out.push({ text: 'DestinationRule', color: 'blue' });
  if (b.faultInjection) out.push({ text: 'fault injection', color: 'orange' });
  if (b.circuitBreaker) out.push({ text: 'circuit breaker', color: 'teal' });
  if (b.dead) out.push({ text: 'no endpoints', color: 'red' });
  return out;
}

/** Services, sortable by every column; each links to the graph and to creating routing for it. */
export function ServicesTable({ rows, scopeQuery }: { rows: ServiceRow[]; scopeQuery: string }) {
  const [sort, setSort] = useState<{ index: number; direction: 'asc' | 'desc' }>({ index: 0, direction: 'asc' });
  const sorted = useMemo(() => {
    const key = COLUMNS[sort.index] ?? 'name';
    const out = [...rows].sort((a, b) => compare(a, b, key));
    return sort.direction === 'asc' ? out : out.reverse();
  }, [rows, sort]);
  const sortBy = (index: number): ThProps['sort'] => ({
    sortBy: { index: sort.index, direction: sort.direction },
    onSort: (_e, i, direction) => setSort({ index: i, direction }),
    columnIndex: index,
  });
  return (
    <Table aria-label="Services" variant="compact" data-testid="services-table">
      <Thead>
        <Tr>
          <Th sort={sortBy(0)}>Service</Th>
          <Th sort={sortBy(1)}>Namespace</Th>
          <Th sort={sortBy(2)}>Cluster</Th>
          <Th sort={sortBy(3)}>Health</Th>
          <Th sort={sortBy(4)}>Requests/s</Th>
          <Th sort={sortBy(5)}>5xx</Th>
          <Th sort={sortBy(6)}>Endpoints</Th>
          <Th>Ports</Th>
          <Th>Mesh</Th>
          <Th screenReaderText="Actions" />
        </Tr>
      </Thead>
      <Tbody>
        {sorted.map((s) => (
          <Tr key={s.id} data-testid={`service-row-${s.cluster}-${s.namespace}-${s.name}`}>
            <Td dataLabel="Service">
              <Link href={`/graph${scopeQuery}${scopeQuery ? '&' : '?'}graphType=service&selected=${encodeURIComponent(s.id)}`}>{s.name}</Link>
              {s.clusterSetHost && <div className="meridian-muted">{s.clusterSetHost}</div>}
              {s.derivedService && (
                <div className="meridian-muted" data-testid={`derived-${s.cluster}-${s.namespace}-${s.name}`} title="GKE's derived Service: the import's ClusterSetIP and endpoints in this cluster">
                  via {s.derivedService}
                </div>
              )}
            </Td>
            <Td dataLabel="Namespace">{s.namespace}</Td>
            <Td dataLabel="Cluster">{s.cluster}</Td>
            <Td dataLabel="Health">
              <HealthLabel health={s.health} />
            </Td>
            <Td dataLabel="Requests/s">{s.rps.toFixed(2)}</Td>
            <Td dataLabel="5xx">{(s.errorRate * 100).toFixed(1)}%</Td>
            <Td dataLabel="Endpoints">{s.endpoints}</Td>
            <Td dataLabel="Ports">{s.ports.map((p) => `${p.name ? `${p.name}/` : ''}${p.port}`).join(', ') || '—'}</Td>
            <Td dataLabel="Mesh">
              <LabelGroup numLabels={4}>
                {badges(s).map((b) => (
                  <Label key={b.text} color={b.color} isCompact>
                    {b.text}
                  </Label>
                ))}
              </LabelGroup>
            </Td>
            <Td dataLabel="Actions" isActionCell>
              <Link href={`/istio/new?kind=VirtualService&cluster=${s.cluster}&namespace=${s.namespace}&service=${s.name}`}>Create routing</Link>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
