'use client';

import { Button, Card, CardBody, FormSelect, FormSelectOption, Label, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useSearchParams } from 'next/navigation';
import { DURATION_CHOICES } from '@/lib/graph/query';
import { PageFrame } from '@/components/shell/PageFrame';
import { ClusterErrors, ErrorView, LoadingState } from '@/components/shell/states';
import { useScope } from '@/components/shell/useScope';
import { ClusterCards } from './ClusterCards';
import { McsTable } from './McsTable';
import { MATRIX_METRICS, TrafficMatrix, type MatrixMetric } from './TrafficMatrix';
import { useMesh } from './useMesh';

const TABS = ['clusters', 'mcs', 'matrix'] as const;

/** Control planes, multi-cluster services and the cross-cluster matrix; tab, window, metric and selection in the URL. */
export function MeshView() {
  const scope = useScope();
  const params = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'clusters';
  const duration = DURATION_CHOICES.find((d) => d === params.get('duration')) ?? '5m';
  const metric: MatrixMetric = MATRIX_METRICS.find((m) => m.key === params.get('metric'))?.key ?? 'rps';
  const q = useMesh(scope.clusters, duration);
  const d = q.data;
  const cp = d?.controlPlane;

  return (
    <PageFrame
      title="Mesh & Clusters"
      description={cp ? `Control plane: ${cp.model}. ${cp.explanation}` : 'Control planes, multi-cluster services and cross-cluster traffic'}
      actions={
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <FormSelect aria-label="Time window" value={duration} onChange={(_e, v) => scope.setParam('duration', v === '5m' ? undefined : v)} style={{ width: 120 }}>
            {DURATION_CHOICES.map((c) => (
              <FormSelectOption key={c} value={c} label={`Last ${c}`} />
            ))}
          </FormSelect>
          <Button variant="secondary" onClick={() => void q.refetch()} isLoading={q.isFetching}>
            Refresh
          </Button>
        </div>
      }
    >
      {q.isLoading ? (
        <LoadingState what="the mesh" />
      ) : q.isError || !d ? (
        <ErrorView what="the mesh" error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <ClusterErrors errors={d.errorsByCluster} />
          <Tabs activeKey={tab} onSelect={(_e, k) => scope.setParam('tab', k === 'clusters' ? undefined : String(k))} aria-label="Mesh views" style={{ marginBottom: 16 }}>
            <Tab eventKey="clusters" title={<TabTitleText>Clusters ({d.clusters.length})</TabTitleText>} />
            <Tab eventKey="mcs" title={<TabTitleText>Multi-cluster services ({d.mcs.services.length}{d.mcs.problems.length ? `, ${d.mcs.problems.length} problems` : ''})</TabTitleText>} />
            <Tab eventKey="matrix" title={<TabTitleText>Cross-cluster matrix</TabTitleText>} />
          </Tabs>
          {tab === 'clusters' && (
            <>
              <Card isCompact style={{ marginBottom: 16 }} data-testid="control-plane">
                <CardBody>
                  <strong>Control plane model:</strong> <Label color="blue">{d.controlPlane.model}</Label>{' '}
                  {Object.entries(d.controlPlane.servedBy).map(([c, by]) => (
                    <Label key={c} isCompact style={{ marginLeft: 4 }}>
                      {c} ← istiod of {by}
                    </Label>
                  ))}
                  {d.controlPlane.managed?.map((c) => (
                    <Label key={c} isCompact style={{ marginLeft: 4 }} color="blue">
                      {c} ← managed (Google)
                    </Label>
                  ))}
                </CardBody>
              </Card>
              <ClusterCards cards={d.clusters} selected={params.get('cluster') ?? undefined} proxy={params.get('proxy') ?? undefined} />
            </>
          )}
          {tab === 'mcs' && <McsTable services={d.mcs.services} problems={d.mcs.problems} clusters={d.clusters.map((c) => c.name)} selected={params.get('service') ?? undefined} />}
          {tab === 'matrix' && <TrafficMatrix clusters={d.matrix.clusters} cells={d.matrix.cells} metric={metric} onMetric={(m) => scope.setParam('metric', m === 'rps' ? undefined : m)} />}
        </>
      )}
    </PageFrame>
  );
}
