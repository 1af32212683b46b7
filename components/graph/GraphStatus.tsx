'use client';

import { Alert } from '@patternfly/react-core';
import Link from 'next/link';
import type { Graph } from '@/lib/graph/types';
import { bannerTitle, bannerVariant, meshCardLink, telemetryTroubles } from './telemetry-view';

/** Per-cluster state and the graph's warnings as inline alerts: a partial graph says what is missing. */
export function GraphStatus({ graph }: { graph: Graph }) {
  const down = graph.clusters.filter((c) => !c.reachable);
  const troubles = telemetryTroubles(graph);
  // A cluster whose telemetry state is unknown but whose graph queries failed.
  const noTelemetry = graph.clusters.filter((c) => c.reachable && !c.telemetry && !c.telemetryState);
  const mentioned = (w: string) => down.some((c) => w.includes(`cluster ${c.cluster} unreachable`));
  const warnings = graph.warnings.filter((w) => !mentioned(w));
  if (!down.length && !troubles.length && !noTelemetry.length && !warnings.length) return null;
  return (
    <div className="meridian-graph-alerts" data-testid="graph-status">
      {down.map((c) => (
        <Alert key={c.cluster} isInline variant="danger" title={`Cluster ${c.cluster} is unreachable: its box is marked and its nodes may be stale`} data-testid={`cluster-unreachable-${c.cluster}`}>
          {c.error}
        </Alert>
      ))}
      {troubles.length > 0 && (
        <Alert isInline variant={bannerVariant(troubles)} title={bannerTitle(troubles)} data-testid="telemetry-banner">
          <ul className="meridian-plain-list">
            {troubles.map((t) => (
              <li key={t.cluster} data-testid={`telemetry-banner-${t.cluster}`}>
                <strong>{t.cluster}</strong>: {t.summary}. {t.reason} <Link href={meshCardLink(t.cluster)}>Mesh &amp; Clusters: {t.cluster}</Link>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {noTelemetry.map((c) => (
        <Alert key={c.cluster} isInline variant="warning" title={`No telemetry from ${c.cluster}: its traffic is missing`}>
          {c.error}
        </Alert>
      ))}
      {warnings.map((w) => (
        <Alert key={w} isInline variant="warning" title={w} />
      ))}
    </div>
  );
}
