'use client';

import { Button, Tab, Tabs, TabTitleText, Title, ToolbarItem } from '@patternfly/react-core';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { filterAlerts, SEVERITY_ORDER, type Alert } from '@/lib/alerts';
import { MultiSelect } from '@/components/shell/MultiSelect';
import { PageFrame } from '@/components/shell/PageFrame';
import { EmptyView, ErrorView, LoadingState } from '@/components/shell/states';
import { useScope } from '@/components/shell/useScope';
import { AlertsTable } from './AlertsTable';
import { SilenceModal } from './SilenceModal';
import { SilencesTable } from './SilencesTable';
import { SourcesStatus } from './SourcesStatus';
import { useAlerts, useSilences } from './useAlerts';

const TABS = ['active', 'silenced', 'silences'] as const;
const SOURCES = [
  { value: 'prometheus', description: 'rules of every Prometheus' },
  { value: 'alertmanager', description: 'alerts only the Alertmanager has' },
  { value: 'meridian', description: "Meridian's built-in mesh checks" },
];

/** Alerts of every cluster grouped by severity; filters (scope clusters/namespaces, sources) and tab in the URL. */
export function AlertsView() {
  const scope = useScope();
  const params = useSearchParams();
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'active';
  const sources = (params.get('sources') ?? '').split(',').filter(Boolean);
  const q = useAlerts();
  const silences = useSilences();
  const [silencing, setSilencing] = useState<Alert>();

  const alerts = filterAlerts(q.data?.alerts ?? [], { clusters: scope.clusters, namespaces: scope.namespaces, sources });
  const active = alerts.filter((a) => a.state !== 'silenced');
  const silenced = alerts.filter((a) => a.state === 'silenced');
  const firing = active.filter((a) => a.state === 'firing').length;

  const body = () => {
    if (q.isLoading) return <LoadingState what="alerts" />;
    if (q.isError) return <ErrorView what="alerts" error={q.error} onRetry={() => void q.refetch()} />;
    if (tab === 'silences') {
      if (silences.isLoading) return <LoadingState what="silences" />;
      if (silences.isError) return <ErrorView what="silences" error={silences.error} onRetry={() => void silences.refetch()} />;
      return silences.data?.silences.length ? <SilencesTable silences={silences.data.silences} /> : <EmptyView title="No active silences" />;
    }
    const list = tab === 'active' ? active : silenced;
    if (!list.length) {
      const partial = q.data?.sources.some((s) => !s.ok);
      return (
        <EmptyView title={tab === 'active' ? (partial ? 'No alerts from the sources that answered' : 'No alerts') : 'No silenced alerts'}>
          {partial ? 'Some sources could not be read (above): their alerts are unknown.' : 'Nothing matches the selected clusters, namespaces and sources.'}
        </EmptyView>
      );
    }
    if (tab === 'silenced') return <AlertsTable alerts={list} caption="Silenced" />;
    return SEVERITY_ORDER.map((sev) => {
      const group = list.filter((a) => a.severity === sev);
      if (!group.length) return null;
      return (
        <section key={sev} style={{ marginBottom: 24 }} data-testid={`severity-${sev}`}>
          <Title headingLevel="h2" size="lg" style={{ textTransform: 'capitalize', marginBottom: 8 }}>
            {sev} ({group.length})
          </Title>
          <AlertsTable alerts={group} caption={sev} onSilence={setSilencing} />
        </section>
      );
    });
  };

  return (
    <PageFrame
      title="Alerts"
      description={q.data ? `${firing} firing, ${active.length - firing} pending, ${silenced.length} silenced — updated ${new Date(q.data.updatedAt).toLocaleTimeString()}` : 'Alerts from every cluster and Meridian’s mesh checks'}
      actions={
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <ToolbarItem>
            <MultiSelect label="Sources" allLabel="All sources" testId="source-filter" options={SOURCES} selected={sources} onChange={(v) => scope.setParam('sources', v)} />
          </ToolbarItem>
          <Button variant="secondary" onClick={() => void q.refetch()} isLoading={q.isFetching}>
            Refresh
          </Button>
        </div>
      }
    >
      {q.data && <SourcesStatus sources={q.data.sources} />}
      <Tabs activeKey={tab} onSelect={(_e, k) => scope.setParam('tab', k === 'active' ? undefined : String(k))} aria-label="Alert views" style={{ marginBottom: 16 }}>
        <Tab eventKey="active" title={<TabTitleText>Active ({active.length})</TabTitleText>} />
        <Tab eventKey="silenced" title={<TabTitleText>Silenced ({silenced.length})</TabTitleText>} />
        <Tab eventKey="silences" title={<TabTitleText>Silences ({silences.data?.silences.length ?? '…'})</TabTitleText>} />
      </Tabs>
      {body()}
      {silencing && <SilenceModal alert={silencing} onClose={() => setSilencing(undefined)} />}
    </PageFrame>
  );
}
