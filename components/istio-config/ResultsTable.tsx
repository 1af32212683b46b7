'use client';

import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { OperationResult } from '@/lib/istio-config/api';

/** What one cluster's row says: the error, or what happened (would happen, for a dry-run), with its warnings. */
export function resultMessage(r: Omit<OperationResult, 'object'>, dryRun: boolean): string {
  if (!r.ok) return r.error?.message ?? `failed (${r.status})`;
  const verb = r.deleted ? 'deleted' : r.created ? 'created' : 'updated';
  return [dryRun ? `would be ${verb}` : verb, ...(r.warnings ?? [])].join('; ');
}

/** One row per cluster: what its API server answered (dry-run verdict or apply result). */
export function ResultsTable({ rows, dryRun, caption, testId }: { rows: readonly Omit<OperationResult, 'object'>[]; dryRun: boolean; caption: string; testId: string }) {
  return (
    <Table aria-label={caption} variant="compact" data-testid={testId}>
      <caption>{caption}</caption>
      <Thead>
        <Tr>
          <Th>Cluster</Th>
          <Th>Result</Th>
          <Th>Status</Th>
          <Th>Message</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((r) => (
          <Tr key={r.cluster} data-testid={`result-${r.cluster}`}>
            <Td dataLabel="Cluster">{r.cluster}</Td>
            <Td dataLabel="Result">
              <Label color={r.ok ? 'green' : 'red'}>{r.ok ? 'ok' : 'failed'}</Label>
            </Td>
            <Td dataLabel="Status">{r.status || '—'}</Td>
            <Td dataLabel="Message">
              {resultMessage(r, dryRun)}
              {r.error?.causes && r.error.causes.length > 0 && (
                <ul data-testid={`causes-${r.cluster}`}>
                  {r.error.causes.map((c) => (
                    <li key={`${c.field}:${c.message}`}>
                      <code>{c.field}</code>: {c.message}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
