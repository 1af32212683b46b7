import type { GraphEdge } from '@/lib/graph/types';
import type { Thresholds } from '@/lib/health';
import type { EdgeLabelMode } from './view-state';

/** Compact numbers for labels and tables: 0, 0.05, 1.2, 12, 1.2k. */
export function formatRate(v: number): string {
  if (!(v > 0)) return '0';
  if (v >= 1000) return `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k`;
  if (v >= 10) return v.toFixed(0);
  if (v >= 1) return v.toFixed(1);
  return v >= 0.01 ? v.toFixed(2) : '<0.01';
}

/** A 0..1 share as a percentage: 0%, 0.3%, 12%. */
export function formatPct(share: number | undefined): string {
  if (share === undefined) return '–';
  const p = share * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return '<0.1%';
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** "5xx ≥ 0.1% or 4xx ≥ 10%": when the server calls a node or edge degraded/failing (a 0 threshold is off). */
export function thresholdText(t: Thresholds, level: 'degraded' | 'failing'): string {
  const parts = [t.serverError[level] > 0 && `5xx ≥ ${formatPct(t.serverError[level])}`, t.clientError[level] > 0 && `4xx ≥ ${formatPct(t.clientError[level])}`];
  return parts.filter(Boolean).join(' or ');
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms >= 10 ? ms.toFixed(0) : ms.toFixed(1)} ms`;
}

export function formatBytes(bps: number): string {
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(1)} MB/s`;
  if (bps >= 1e3) return `${(bps / 1e3).toFixed(1)} kB/s`;
  return `${bps.toFixed(0)} B/s`;
}

/** The text drawn on an edge for the chosen label mode; cross-cluster edges always carry their latency. */
export function edgeLabelText(e: GraphEdge, mode: EdgeLabelMode): string {
  let main = '';
  switch (mode) {
    case 'none':
      break;
    case 'rps':
      main = e.protocol === 'tcp' ? formatBytes(e.bytesPerSecond ?? 0) : `${formatRate(e.rps)} rps`;
      break;
    case 'error':
      main = e.protocol === 'tcp' ? '' : formatPct(e.errorRate);
      break;
    case 'p50':
    case 'p95':
    case 'p99':
      main = e.latencyMs[mode] === undefined ? '' : `${mode} ${formatMs(e.latencyMs[mode])}`;
      break;
    case 'mtls':
      main = e.mtlsShare === undefined ? '' : `mTLS ${formatPct(e.mtlsShare)}`;
      break;
  }
  if (e.crossCluster && mode !== 'p50' && mode !== 'p95' && mode !== 'p99') {
    const lat = e.latencyMs.p95 ?? e.latencyMs.avg;
    if (lat !== undefined) main = main ? `${main} · ⇄ ${formatMs(lat)}` : `⇄ ${formatMs(lat)}`;
  }
  return main;
}
