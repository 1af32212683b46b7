'use client';

import { Label, LabelGroup, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { MCSProblem, MCSServiceRow } from '@/lib/mesh';

/** GKE: the derived Service that carries the import in this cluster, with its endpoints per exporting cluster. */
function DerivedDetail({ name, endpoints, cluster }: { name: string; endpoints: Record<string, number>; cluster: string }) {
  const total = Object.values(endpoints).reduce((a, b) => a + b, 0);
  const from = Object.entries(endpoints)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} from ${c || 'unknown'}`)
    .join(', ');
  return (
    <div className="meridian-muted" data-testid={`mcs-derived-${cluster}`} title="GKE's derived Service: the import's ClusterSetIP and the exporting clusters' endpoints in this cluster">
      via <code>{name}</code>: {total === 0 ? 'no endpoints' : from}
    </div>
  );
}

/** Clusterset services x clusters, then the problems to fix. */
export function McsTable({ services, problems, clusters, selected }: { services: MCSServiceRow[]; problems: MCSProblem[]; clusters: string[]; selected?: string }) {
  return (
    <>
      <Table aria-label="Multi-cluster services" variant="compact" data-testid="mcs-table">
        <Thead>
          <Tr>
            <Th>Service</Th>
            <Th modifier="wrap">Exported from</Th>
            <Th modifier="wrap">Imported into</Th>
            {clusters.map((c) => (
              <Th key={c} modifier="wrap">
                {c}
              </Th>
            ))}
            <Th>Ports</Th>
          </Tr>
        </Thead>
        <Tbody>
          {services.map((s) => (
            <Tr key={`${s.namespace}/${s.name}`} data-testid={`mcs-row-${s.namespace}-${s.name}`} isRowSelected={selected === `${s.namespace}/${s.name}`}>
              <Td dataLabel="Service">
                <strong>{s.name}</strong>.{s.namespace}
                <div className="meridian-muted">{s.host}</div>
              </Td>
              <Td dataLabel="Exported from">{s.exportedFrom.join(', ') || '—'}</Td>
              <Td dataLabel="Imported into">{s.importedIn.join(', ') || '—'}</Td>
              {clusters.map((c) => {
                const st = s.clusters.find((x) => x.cluster === c);
                return (
                  <Td key={c} dataLabel={c}>
                    {st ? (
                      <LabelGroup numLabels={3}>
                        {st.exported && <Label color="blue" isCompact>exported</Label>}
                        {st.imported && <Label color="purple" isCompact>imported</Label>}
                        {st.service ? (
                          <Label color={st.endpoints > 0 ? 'green' : st.exported ? 'red' : 'grey'} isCompact>
                            {st.endpoints} endpoint{st.endpoints === 1 ? '' : 's'}
                          </Label>
                        ) : (
                          st.exported && <Label color="red" isCompact>no Service</Label>
                        )}
                        {st.groups?.map((g) => (
                          <Label key={g} isCompact variant="outline">
                            {g}
                          </Label>
                        ))}
                      </LabelGroup>
                    ) : (
                      <span className="meridian-muted">—</span>
                    )}
                    {st?.derivedService && <DerivedDetail name={st.derivedService} endpoints={st.importedEndpoints ?? {}} cluster={c} />}
                  </Td>
                );
              })}
              <Td dataLabel="Ports">
                {s.portsConsistent ? <Label color="green">consistent</Label> : <Label color="orange">differ</Label>}{' '}
                <span className="meridian-muted">{[...new Set(s.clusters.flatMap((c) => c.ports))].join(', ')}</span>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Title headingLevel="h2" size="lg" style={{ margin: '24px 0 8px' }}>
        Problems ({problems.length})
      </Title>
      {problems.length === 0 ? (
        <p>No problems: every export has a Service with ready endpoints, is imported, and its ports agree.</p>
      ) : (
        <Table aria-label="Multi-cluster service problems" variant="compact" data-testid="mcs-problems">
          <Thead>
            <Tr>
              <Th>Severity</Th>
              <Th>Problem</Th>
              <Th>Service</Th>
              <Th>Cluster</Th>
              <Th>Details</Th>
            </Tr>
          </Thead>
          <Tbody>
            {problems.map((p, i) => (
              <Tr key={i}>
                <Td dataLabel="Severity">
                  <Label color={p.severity === 'error' ? 'red' : 'orange'}>{p.severity}</Label>
                </Td>
                <Td dataLabel="Problem">{p.code}</Td>
                <Td dataLabel="Service">
                  {p.name}.{p.namespace}
                </Td>
                <Td dataLabel="Cluster">{p.cluster ?? '—'}</Td>
                <Td dataLabel="Details">{p.message}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </>
  );
}
