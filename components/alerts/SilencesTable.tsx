'use client';

import { Button, Label, LabelGroup } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Silence } from '@/lib/alerts';
import { useToast } from '@/components/shell/Toasts';
import { formatAge } from './format';
import { useSilenceMutations } from './useAlerts';

/** The Alertmanager's active and pending silences, each with an Expire button. */
export function SilencesTable({ silences }: { silences: Silence[] }) {
  const { expire, readOnly } = useSilenceMutations();
  const toast = useToast();
  return (
    <Table aria-label="Active silences" variant="compact" data-testid="silences-table">
      <Thead>
        <Tr>
          <Th width={40}>Matchers</Th>
          <Th>Comment</Th>
          <Th>Created by</Th>
          <Th>State</Th>
          <Th>Ends in</Th>
          <Th screenReaderText="Actions" />
        </Tr>
      </Thead>
      <Tbody>
        {silences.map((s) => (
          <Tr key={s.id} data-testid={`silence-row-${s.id}`}>
            <Td dataLabel="Matchers">
              <LabelGroup numLabels={4}>
                {s.matchers.map((m) => (
                  <Label key={`${m.name}${m.value}`} isCompact>
                    {m.name}
                    {m.isEqual ? '' : '!'}
                    {m.isRegex ? '=~' : '='}&quot;{m.value}&quot;
                  </Label>
                ))}
              </LabelGroup>
            </Td>
            <Td dataLabel="Comment">{s.comment}</Td>
            <Td dataLabel="Created by">{s.createdBy}</Td>
            <Td dataLabel="State">{s.state}</Td>
            <Td dataLabel="Ends in">
              <span title={s.endsAt}>{formatAge(s.endsAt)}</span>
            </Td>
            <Td dataLabel="Actions" isActionCell>
              <Button
                variant="secondary"
                size="sm"
                isDanger
                isDisabled={readOnly}
                isLoading={expire.isPending && expire.variables === s.id}
                aria-label={`Expire silence ${s.id}`}
                onClick={() =>
                  expire.mutate(s.id, {
                    onSuccess: () => toast({ variant: 'success', title: 'Silence expired' }),
                    onError: (e) => toast({ variant: 'danger', title: 'The silence was not expired', body: e.message }),
                  })
                }
              >
                Expire
              </Button>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
