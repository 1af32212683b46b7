'use client';

import { Label } from '@patternfly/react-core';
import { CheckCircleIcon, ExclamationCircleIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { ClusterStatus } from '@/lib/clusters';
import { telemetryProblem } from '@/lib/telemetry';
import { TelemetryLabel } from './TelemetryLabel';

const CACHE_COLOR = { synced: 'green', syncing: 'blue', reconnecting: 'orange', error: 'red' } as const;

/**
 * One row per cluster: reachable or not (with the reason), Kubernetes version, Prometheus (and, when
 * Prometheus answers but the cluster's Istio telemetry is missing, stale or partial, that), API latency.
 */
export function ClustersTable({ clusters }: { clusters: ClusterStatus[] }) {
  return (
    <Table aria-label="Clusters" variant="compact" data-testid="clusters-table">
      <Thead>
        <Tr>
          <Th>Cluster</Th>
          <Th>API server</Th>
          <Th>Kubernetes</Th>
          <Th>Inventory</Th>
          <Th>istiod</Th>
          <Th>Network</Th>
          <Th>Prometheus</Th>
          <Th>Latency</Th>
        </Tr>
      </Thead>
      <Tbody>
        {clusters.map((c) => (
          <Tr key={c.name} data-testid={`cluster-row-${c.name}`}>
            <Td dataLabel="Cluster">{c.name}</Td>
            <Td dataLabel="API server">
              {c.reachable ? (
                <Label color="green" icon={<CheckCircleIcon />}>
                  reachable
                </Label>
              ) : (
                <>
                  <Label color="red" icon={<ExclamationCircleIcon />}>
                    unreachable
                  </Label>{' '}
                  <span className="meridian-muted">{c.error}</span>
                </>
              )}
            </Td>
            <Td dataLabel="Kubernetes">{c.kubernetesVersion ?? '—'}</Td>
            <Td dataLabel="Inventory">
              {c.cache ? <Label color={CACHE_COLOR[c.cache.state]} title={c.cache.error}>{c.cache.state}</Label> : '—'}
            </Td>
            <Td dataLabel="istiod">{c.istiod ? `${c.istiod.revision ?? 'default'} ${c.istiod.version ?? ''}` : '—'}</Td>
            <Td dataLabel="Network">{c.network ?? '—'}</Td>
            <Td dataLabel="Prometheus" data-testid={`prometheus-${c.name}`}>
              {c.prometheus ? (
                c.prometheus.state === 'ready' && telemetryProblem(c.telemetry) ? (
                  // Prometheus answers, but the cluster's Istio telemetry is not there: say that, not "ready".
                  <TelemetryLabel telemetry={c.telemetry} suffix={c.prometheus.global ? ' (shared Prometheus)' : ''} />
                ) : (
                  <Label color={c.prometheus.state === 'ready' ? 'green' : 'red'} title={c.prometheus.error ?? c.telemetry?.reason ?? c.prometheus.url}>
                    {c.prometheus.state}
                    {c.prometheus.global ? ' (shared)' : ''}
                  </Label>
                )
              ) : (
                'not configured'
              )}
            </Td>
            <Td dataLabel="Latency">{c.latencyMs !== undefined ? `${c.latencyMs} ms` : '—'}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
