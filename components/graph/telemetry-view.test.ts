import { describe, expect, it } from 'vitest';
import { parseFind } from '@/lib/graph/find';
import type { Graph } from '@/lib/graph/types';
import { DEFAULT_THRESHOLDS } from '@/lib/health';
import type { ClusterTelemetry } from '@/lib/telemetry';
import { toElements } from './elements';
import { bannerTitle, bannerVariant, emptyViewOf, telemetryTroubles } from './telemetry-view';

const state = (cluster: string, verdict: ClusterTelemetry['verdict'], summary: string = verdict): ClusterTelemetry => ({
  cluster,
  verdict,
  summary,
  reason: `${cluster} ${summary}`,
  prometheus: verdict === 'unreachable' ? 'unreachable' : 'reachable',
  requestSeries: verdict !== 'missing',
  tcpSeries: false,
});
const node = { id: 'app:us-east:shop:front', kind: 'app' as const, cluster: 'us-east', namespace: 'shop', name: 'front', parent: 'ns:us-east:shop', health: 'healthy' as const, badges: {}, inbound: { rps: 1, errorRate: 0, clientErrorRate: 0 }, outbound: { rps: 1, errorRate: 0, clientErrorRate: 0 } };
const base: Graph = {
  graphType: 'app',
  nodes: [],
  edges: [],
  boxes: [{ id: 'cluster:eu-west', kind: 'cluster', cluster: 'eu-west' }],
  clusters: [
    { cluster: 'us-east', reachable: true, telemetry: true, telemetryState: state('us-east', 'ok') },
    { cluster: 'eu-west', reachable: true, telemetry: true, telemetryState: state('eu-west', 'missing', 'no Istio telemetry for 2 min') },
  ],
  warnings: [],
  timestamp: 0,
  duration: 600,
  thresholds: DEFAULT_THRESHOLDS,
};

describe('the graph page on telemetry', () => {
  it('the banner names the clusters whose telemetry is missing, stale, partial or unreachable (not ok, not unconfigured)', () => {
    const g: Graph = {
      ...base,
      clusters: [
        ...base.clusters,
        { cluster: 'ap-south', reachable: true, telemetry: true, telemetryState: state('ap-south', 'partial', '1 of 4 mesh targets down') },
        { cluster: 'lab', reachable: true, telemetry: false, telemetryState: { ...state('lab', 'missing'), prometheus: 'not-configured' } },
      ],
    };
    const t = telemetryTroubles(g);
    expect(t.map((x) => x.cluster)).toEqual(['eu-west', 'ap-south']);
    expect(bannerTitle(t)).toBe('Telemetry missing, stale or partial: eu-west, ap-south');
    expect(bannerVariant(t)).toBe('danger');
    expect(bannerTitle(t.slice(0, 1))).toBe('No Istio telemetry from eu-west: its traffic is not fully shown');
    expect(bannerVariant(t.slice(1))).toBe('warning');
  });

  it('an empty graph explains itself with the server reason: no traffic, no telemetry, Prometheus unreachable', () => {
    expect(emptyViewOf({ ...base, empty: { reason: 'no-traffic', message: 'No requests were recorded in the last 10 min in this scope.' } }, 0, '')).toEqual({
      reason: 'no-traffic',
      title: 'No traffic in the window',
      message: 'No requests were recorded in the last 10 min in this scope.',
    });
    expect(emptyViewOf({ ...base, empty: { reason: 'no-telemetry', message: 'Prometheus has no current Istio telemetry from eu-west' } }, 0, '')).toMatchObject({ reason: 'no-telemetry', title: 'No telemetry' });
    expect(emptyViewOf({ ...base, empty: { reason: 'prometheus-unreachable', message: 'The Prometheus of eu-west did not answer.' } }, 0, '')).toMatchObject({ reason: 'prometheus-unreachable', title: 'Prometheus unreachable' });
    // An older server without `empty`: no traffic.
    expect(emptyViewOf(base, 0, '')?.reason).toBe('no-traffic');
  });

  it('a graph whose nodes the hide filter hides entirely: filters hide everything; otherwise nothing to explain', () => {
    const g: Graph = { ...base, nodes: [node] };
    const hide = parseFind('cluster=us-east');
    if (!hide.ok) throw new Error(hide.error.message);
    const visible = toElements(g, { boxes: { cluster: true, namespace: true }, edgeLabel: 'rps', hide: hide.expr }).visible.nodes.length;
    expect(visible).toBe(0);
    expect(emptyViewOf(g, visible, 'cluster=us-east')).toEqual({ reason: 'filters', title: 'Filters hide everything', message: 'The hide expression "cluster=us-east" hides all 1 node of this graph.' });
    const shown = toElements(g, { boxes: { cluster: true, namespace: true }, edgeLabel: 'rps' }).visible.nodes.length;
    expect(emptyViewOf(g, shown, '')).toBeUndefined();
  });

  it('marks the box of a cluster without telemetry on the canvas, also when nothing is drawn in it', () => {
    const el = toElements({ ...base, nodes: [node], boxes: [...base.boxes, { id: 'cluster:us-east', kind: 'cluster', cluster: 'us-east' }, { id: 'ns:us-east:shop', kind: 'namespace', cluster: 'us-east', namespace: 'shop', parent: 'cluster:us-east' }] }, { boxes: { cluster: true, namespace: true }, edgeLabel: 'rps' });
    const west = el.nodes.find((n) => n.data.id === 'cluster:eu-west');
    expect(west).toMatchObject({ data: { label: 'eu-west — no telemetry' }, classes: 'box box-cluster no-telemetry' });
    expect(el.nodes.find((n) => n.data.id === 'cluster:us-east')).toMatchObject({ data: { label: 'us-east' }, classes: 'box box-cluster' });
    const stale = toElements({ ...base, clusters: [{ cluster: 'eu-west', reachable: true, telemetry: true, telemetryState: state('eu-west', 'stale') }] }, { boxes: { cluster: true, namespace: false }, edgeLabel: 'rps' });
    expect(stale.nodes.find((n) => n.data.id === 'cluster:eu-west')?.data.label).toBe('eu-west — telemetry stale');
  });
});
