'use client';

import { Button, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Label, LabelGroup, Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import Link from 'next/link';
import { useState } from 'react';
import type { Graph, GraphNode } from '@/lib/graph/types';
import { HealthLabel } from '@/components/shell/HealthLabel';
import { badgesOf } from './badges';
import { acrossClusters, configLinks, edgesOf, sumCodes } from './details-model';
import { formatPct, formatRate } from './format';
import { CodesTable, EdgeLinks } from './detail-parts';
import { MetricsCharts } from './MetricsCharts';

const KIND: Record<GraphNode['kind'], string> = { app: 'App', workload: 'Workload', service: 'Service', serviceEntry: 'Service entry', external: 'External host', unknown: 'Unknown source' };

interface Props {
  graph: Graph;
  node: GraphNode;
  duration: string;
  refetchInterval: number | false;
  onSelect: (id: string) => void;
}

/** Side panel of a node: health, traffic both ways, codes, charts, badges, where it runs, its config. */
export function NodeDetails({ graph, node, duration, refetchInterval, onSelect }: Props) {
  const [dir, setDir] = useState<'inbound' | 'outbound'>(node.inbound.rps > 0 || node.outbound.rps === 0 ? 'inbound' : 'outbound');
  const { inbound, outbound } = edgesOf(graph, node.id);
  const badges = badgesOf(node.badges);
  const links = configLinks(node);
  const across = acrossClusters(graph, node);
  const charted = node.kind !== 'unknown' && node.kind !== 'external';
  return (
    <div data-testid="node-details">
      <Title headingLevel="h2" size="lg">
        {node.name}
        {node.version ? <span className="meridian-muted"> {node.version}</span> : null}
      </Title>
      <LabelGroup numLabels={6} className="meridian-detail-labels">
        <Label isCompact>{KIND[node.kind]}</Label>
        <Label isCompact color="blue">cluster {node.cluster}</Label>
        {node.namespace && <Label isCompact>ns {node.namespace}</Label>}
        <HealthLabel health={node.health} />
        {node.badges.mtls && <Label isCompact color={node.badges.mtls === 'strict' ? 'green' : 'orange'}>mTLS {node.badges.mtls}</Label>}
      </LabelGroup>
      {node.clusterSetHost && <p className="meridian-muted">Clusterset name: {node.clusterSetHost}</p>}

      <DescriptionList isCompact isHorizontal className="meridian-detail-section">
        <DescriptionListGroup>
          <DescriptionListTerm>Inbound</DescriptionListTerm>
          <DescriptionListDescription data-testid="inbound-rps">{formatRate(node.inbound.rps)} rps · {formatPct(node.inbound.errorRate)} 5xx · {formatPct(node.inbound.clientErrorRate)} 4xx</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>Outbound</DescriptionListTerm>
          <DescriptionListDescription data-testid="outbound-rps" data-value={node.outbound.rps}>
            {formatRate(node.outbound.rps)} rps · {formatPct(node.outbound.errorRate)} 5xx · {formatPct(node.outbound.clientErrorRate)} 4xx
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>

      {badges.length > 0 && (
        <section className="meridian-detail-section">
          <Title headingLevel="h3" size="md">Badges</Title>
          {badges.map((b) => (
            <p key={b.key}>
              <span className="meridian-pill" style={{ background: b.color }}>{b.short}</span> <strong>{b.title}</strong>: {b.description}
              {b.key === 'configErrors' ? ` (${node.badges.configErrors})` : ''}
            </p>
          ))}
        </section>
      )}

      <section className="meridian-detail-section">
        <Title headingLevel="h3" size="md">Response codes</Title>
        <CodesTable caption="Inbound" codes={sumCodes(inbound)} />
        <CodesTable caption="Outbound" codes={sumCodes(outbound)} />
      </section>

      {charted && (
        <section className="meridian-detail-section">
          <Tabs activeKey={dir} onSelect={(_e, k) => setDir(k as 'inbound' | 'outbound')} aria-label="Traffic direction" isBox={false}>
            <Tab eventKey="inbound" title={<TabTitleText>Inbound</TabTitleText>} />
            <Tab eventKey="outbound" title={<TabTitleText>Outbound</TabTitleText>} />
          </Tabs>
          <MetricsCharts key={dir} subject={{ node: node.id, direction: dir }} duration={duration} cluster={node.cluster} refetchInterval={refetchInterval} />
        </section>
      )}

      <section className="meridian-detail-section">
        <Title headingLevel="h3" size="md">Across clusters</Title>
        <ul className="meridian-plain-list" data-testid="across-clusters">
          {across.map((g) => (
            <li key={g.cluster}>
              <strong>{g.cluster}</strong>:{' '}
              {g.nodes.map((n, i) => (
                <span key={n.id}>
                  {i > 0 && ', '}
                  <Button variant="link" isInline onClick={() => onSelect(n.id)}>{n.version ?? n.name}</Button> <span className="meridian-muted">({n.health}, {formatRate(n.inbound.rps)} rps{n.badges.dead ? ', no pods' : ''})</span>
                </span>
              ))}
            </li>
          ))}
        </ul>
      </section>

      <section className="meridian-detail-section">
        <Title headingLevel="h3" size="md">Edges</Title>
        <EdgeLinks graph={graph} edges={[...inbound, ...outbound]} onSelect={onSelect} />
      </section>

      {links.length > 0 && (
        <section className="meridian-detail-section">
          <Title headingLevel="h3" size="md">Istio config</Title>
          {links.map((l) => (
            <p key={l.href}>
              <Link href={l.href}>{l.label}</Link>
            </p>
          ))}
        </section>
      )}
    </div>
  );
}
