'use client';

import { Label, LabelGroup } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Affected } from '@/lib/istio-config/api';

const label = (id: string) => id.replace(/^(svc|app|wl):/, '');

/** The clusters and graph edges a routing change touches (from the review: edges into and out of the services its hosts name). */
export function AffectedEdges({ affected, clusters }: { affected: Affected; clusters: readonly string[] }) {
  if (affected.error) return <p>{affected.error}; the clusters you apply to: {clusters.join(', ')}.</p>;
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
