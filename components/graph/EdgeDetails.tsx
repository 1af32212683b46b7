'use client';

import { Button, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Label, LabelGroup, Title } from '@patternfly/react-core';
import type { Graph, GraphEdge } from '@/lib/graph/types';
import { HealthLabel } from '@/components/shell/HealthLabel';
import { CodesTable, nameOf } from './detail-parts';
import { formatBytes, formatMs, formatPct, formatRate } from './format';
import { MetricsCharts } from './MetricsCharts';

function Row({ term, children, testId }: { term: string; children: React.ReactNode; testId?: string }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription data-testid={testId}>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

/** Side panel of an edge: rates, codes, flags, latency percentiles, mTLS share and principals, charts. */
export function EdgeDetails({ graph, edge, duration, refetchInterval, onSelect }: { graph: Graph; edge: GraphEdge; duration: string; refetchInterval: number | false; onSelect: (id: string) => void }) {
  const src = graph.nodes.find((n) => n.id === edge.source);
  const flags = Object.entries(edge.responseFlags ?? {}).filter(([, v]) => v > 0);
  return (
    <div data-testid="edge-details">
      <Title headingLevel="h2" size="lg">
        <Button variant="link" isInline onClick={() => onSelect(edge.source)}>{nameOf(graph, edge.source)}</Button> →{' '}
        <Button variant="link" isInline onClick={() => onSelect(edge.target)}>{nameOf(graph, edge.target)}</Button>
      </Title>
      <LabelGroup numLabels={5} className="meridian-detail-labels">
        <Label isCompact>{edge.protocol}</Label>
        <HealthLabel health={edge.health} />
        {edge.crossCluster && <Label isCompact color="purple">cross-cluster</Label>}
        {edge.mtls !== undefined && <Label isCompact color={edge.mtls ? 'green' : 'orange'}>mTLS {formatPct(edge.mtlsShare)}</Label>}
      </LabelGroup>
      <DescriptionList isCompact isHorizontal className="meridian-detail-section">
        {edge.protocol === 'tcp' ? <Row term="Throughput">{formatBytes(edge.bytesPerSecond ?? 0)}</Row> : <Row term="Rate" testId="edge-rps">{formatRate(edge.rps)} rps</Row>}
        {edge.protocol !== 'tcp' && <Row term="Errors">{formatPct(edge.errorRate)} 5xx · {formatPct(edge.clientErrorRate)} 4xx</Row>}
        <Row term="Latency">p50 {formatMs(edge.latencyMs.p50)} · p95 {formatMs(edge.latencyMs.p95)} · p99 {formatMs(edge.latencyMs.p99)}</Row>
        <Row term="mTLS share">{formatPct(edge.mtlsShare)}</Row>
        {edge.principals && (
          <>
            <Row term="Source principals">{edge.principals.source.join(', ') || '–'}</Row>
            <Row term="Destination principals">{edge.principals.destination.join(', ') || '–'}</Row>
          </>
        )}
        {flags.length > 0 && <Row term="Response flags">{flags.map(([f, v]) => `${f} ${formatRate(v)}/s`).join(', ')}</Row>}
      </DescriptionList>
      {edge.protocol !== 'tcp' && (
        <section className="meridian-detail-section">
          <Title headingLevel="h3" size="md">Response codes</Title>
          <CodesTable caption="Code" codes={Object.entries(edge.responseCodes).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1])} />
        </section>
      )}
      {edge.source !== 'unknown' && !edge.source.startsWith('ext:') && (
        <section className="meridian-detail-section">
          <MetricsCharts subject={{ source: edge.source, target: edge.target }} duration={duration} cluster={src?.cluster ?? ''} refetchInterval={refetchInterval} />
        </section>
      )}
    </div>
  );
}
