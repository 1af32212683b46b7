'use client';

import { Alert, Spinner } from '@patternfly/react-core';
import { useMemo } from 'react';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import type { ChartSeries } from '@/components/charts/align';
import { formatMs, formatPct, formatRate } from './format';
import { useSeries, type SeriesSubject } from './useSeries';

const COLORS = { rps: '#0066cc', errorRate: '#c9190b', p50: '#3e8635', p95: '#f0ab00', p99: '#c9190b' } as const;

/** Request rate, error rate and latency charts of a node direction or an edge over the window. */
export function MetricsCharts({ subject, duration, cluster, refetchInterval }: { subject: SeriesSubject; duration: string; cluster: string; refetchInterval: number | false }) {
  const q = useSeries(subject, duration, cluster, refetchInterval);
  const charts = useMemo(() => {
    const by = new Map((q.data?.series ?? []).map((s) => [s.name, s.points]));
    const line = (name: keyof typeof COLORS, label: string): ChartSeries => ({ label, color: COLORS[name], points: by.get(name) ?? [] });
    return {
      rps: [line('rps', 'rps')],
      err: [line('errorRate', '5xx')],
      lat: [line('p50', 'p50'), line('p95', 'p95'), line('p99', 'p99')],
    };
  }, [q.data]);
  if (q.isLoading) return <Spinner size="md" aria-label="Loading charts" />;
  if (q.error) return <Alert isInline isPlain variant="warning" title={`Charts unavailable: ${q.error.message}`} />;
  const errors = Object.entries(q.data?.errors ?? {});
  return (
    <div data-testid="metrics-charts">
      {errors.map(([k, v]) => (
        <Alert key={k} isInline isPlain variant="warning" title={`${k}: ${v}`} />
      ))}
      <TimeSeriesChart title="Requests per second" series={charts.rps} format={formatRate} />
      <TimeSeriesChart title="Error rate (5xx)" series={charts.err} format={(v) => formatPct(v)} />
      <TimeSeriesChart title="Latency" series={charts.lat} format={(v) => formatMs(v)} />
    </div>
  );
}
