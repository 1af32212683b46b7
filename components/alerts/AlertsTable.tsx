'use client';

import { Button, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import Link from 'next/link';
import type { Alert } from '@/lib/alerts';
import { formatAge, SEVERITY_COLOR, STATE_COLOR } from './format';

const SOURCE_LABEL = { prometheus: 'Prometheus', alertmanager: 'Alertmanager', meridian: 'Meridian check' } as const;

/** Alerts as rows; the name leads to the entity (graph edge/node or mesh card). */
export function AlertsTable({ alerts, caption, onSilence }: { alerts: Alert[]; caption: string; onSilence?: (a: Alert) => void }) {
  return (
    <Table aria-label={caption} variant="compact" data-testid={`alerts-table-${caption.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
      <Thead>
        <Tr>
          <Th>Severity</Th>
          <Th width={50}>Alert</Th>
          <Th modifier="nowrap">Cluster</Th>
          <Th modifier="nowrap">Namespace</Th>
          <Th>Source</Th>
          <Th>State</Th>
          <Th>Since</Th>
          <Th screenReaderText="Actions" />
        </Tr>
      </Thead>
      <Tbody>
        {alerts.map((a) => (
          <Tr key={a.id} data-testid={`alert-row-${a.name}`} data-alert-id={a.id}>
            <Td dataLabel="Severity">
              <Label color={SEVERITY_COLOR[a.severity]}>{a.severity}</Label>
            </Td>
            <Td dataLabel="Alert">
              <Link href={a.link} title={`Open ${a.entity.kind} ${a.entity.id}`}>
                <strong>{a.name}</strong>
              </Link>
              <div className="meridian-muted">{a.summary}</div>
              <div style={{ fontSize: 'var(--pf-t--global--font--size--xs)', overflowWrap: 'anywhere' }}>
                <span className="meridian-muted">{a.entity.kind}</span> <code>{a.entity.id}</code>
              </div>
            </Td>
            <Td dataLabel="Cluster">{a.cluster}</Td>
            <Td dataLabel="Namespace">{a.namespace ?? '—'}</Td>
            <Td dataLabel="Source">{SOURCE_LABEL[a.source]}</Td>
            <Td dataLabel="State">
              <Label color={STATE_COLOR[a.state]} title={a.silencedBy?.length ? `silence ${a.silencedBy.join(', ')}` : undefined}>
                {a.state}
              </Label>
            </Td>
            <Td dataLabel="Since">
              <span title={a.since}>{formatAge(a.since)}</span>
            </Td>
            <Td dataLabel="Actions" isActionCell>
              {onSilence && a.state !== 'silenced' && (
                <Button variant="secondary" size="sm" onClick={() => onSilence(a)} aria-label={`Silence ${a.name} ${a.entity.id}`}>
                  Silence
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
