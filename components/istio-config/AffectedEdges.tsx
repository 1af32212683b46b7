'use client';

import { Label, LabelGroup, Spinner } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api/fetch-json';
import { graphSchema } from '@/lib/graph/types';
import { affectedByObject, type Obj } from '@/lib/istio/forms';

const label = (id: string) => id.replace(/^(svc|app|wl):/, '');

/** The clusters and graph edges a routing change touches (edges into and out of the services its hosts name). */
export function AffectedEdges({ object, namespace, clusters }: { object: Obj; namespace: string; clusters: readonly string[] }) {
  const all = useQuery({ queryKey: ['all', 'graph', 'affected', namespace], queryFn: () => fetchJson(`/api/graph?namespaces=${encodeURIComponent(namespace)}&graphType=versionedApp&duration=5m`, graphSchema) });
  if (all.isLoading) return <Spinner size="md" aria-label="Loading the graph" />;
  if (all.error) return <p>The graph could not be loaded ({all.error.message}); the clusters you apply to: {clusters.join(', ')}.</p>;
  const affected = all.data ? affectedByObject(all.data, object) : { edges: [], clusters: [], services: [] };
  const touched = [...new Set([...clusters, ...affected.clusters])].sort();
  return (
    <div data-testid="affected">
      <LabelGroup categoryName="Clusters affected" numLabels={10}>
        {touched.map((c) => (
          <Label key={c} color={clusters.includes(c) ? 'blue' : 'grey'}>
            {c}
            {clusters.includes(c) ? ' (applied)' : ' (traffic)'}
          </Label>
        ))}
      </LabelGroup>
      {affected.edges.length === 0 ? (
        <p>No traffic in the last 5 minutes goes through the services this object names.</p>
      ) : (
        <Table aria-label="Affected edges" variant="compact">
          <Thead>
            <Tr>
              <Th>From</Th>
              <Th>To</Th>
              <Th>Requests/s</Th>
              <Th>Errors</Th>
            </Tr>
          </Thead>
          <Tbody>
            {affected.edges.map((e) => (
              <Tr key={e.id}>
                <Td>{label(e.source)}</Td>
                <Td>{label(e.target)}</Td>
                <Td>{e.rps.toFixed(2)}</Td>
                <Td>{(e.errorRate * 100).toFixed(1)}%</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </div>
  );
}
