'use client';

import { Button, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery } from '@tanstack/react-query';
import { EmptyView, ErrorView, LoadingState } from '@/components/shell/states';
import type { HistoryEntry, ObjectRef } from '@/lib/istio-config/api';
import { getHistory, objectKey } from './api';

interface Props {
  objRef: ObjectRef;
  /** Absent in read-only mode: no revert control. */
  onRevert?: (entry: HistoryEntry) => void;
}

/** Who changed the object, when, and what (diff summary); "Revert" loads the spec from before a change. */
export function HistoryList({ objRef, onRevert }: Props) {
  const q = useQuery({ queryKey: [...objectKey(objRef), 'history'], queryFn: () => getHistory(objRef), refetchInterval: 15_000 });
  if (q.isLoading) return <LoadingState what="history" />;
  if (q.error) return <ErrorView what="the history" error={q.error} onRetry={() => void q.refetch()} />;
  const entries = [...(q.data?.entries ?? [])].sort((a, b) => b.time.localeCompare(a.time));
  if (!entries.length) return <EmptyView title="No recorded changes">Changes made through Meridian are recorded here.</EmptyView>;
  return (
    <Table aria-label="History" variant="compact" data-testid="history-table">
      <Thead>
        <Tr>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>Action</Th>
          <Th>Changes</Th>
          {onRevert && <Th screenReaderText="Actions" />}
        </Tr>
      </Thead>
      <Tbody>
        {entries.map((e) => (
          <Tr key={e.id} data-testid="history-row">
            <Td dataLabel="When">{new Date(e.time).toLocaleString()}</Td>
            <Td dataLabel="Who">{e.user}</Td>
            <Td dataLabel="Action">
              <Label isCompact>{e.action}</Label>
            </Td>
            <Td dataLabel="Changes">
              <code style={{ whiteSpace: 'pre-wrap' }}>{e.summary}</code>
            </Td>
            {onRevert && (
              <Td dataLabel="Actions">
                <Button variant="secondary" size="sm" isDisabled={e.previousSpec === undefined} onClick={() => onRevert(e)} aria-label={`Revert the ${e.action} of ${new Date(e.time).toLocaleString()}`}>
                  Revert
                </Button>
              </Td>
            )}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
