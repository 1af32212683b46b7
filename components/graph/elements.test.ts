import { describe, expect, it } from 'vitest';
import { parseFind, type FindExpr } from '@/lib/graph/find';
import type { Graph, GraphEdge, GraphNode } from '@/lib/graph/types';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '@/lib/health';
import { edgeColorClass, edgeWidth, toElements } from './elements';
import { edgeLabelText, formatPct, formatRate, thresholdText } from './format';

const t = (rps: number, errorRate = 0) => ({ rps, errorRate, clientErrorRate: 0 });
const node = (cluster: string, ns: string, app: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  id: `app:${cluster}:${ns}:${app}`, kind: 'app', cluster, namespace: ns, name: app, app, parent: `ns:${cluster}:${ns}`, health: 'healthy', badges: {}, inbound: t(1), outbound: t(1), ...extra,
});
const edge = (s: GraphNode, d: GraphNode, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id: `${s.id}->${d.id}:http`, source: s.id, target: d.id, protocol: 'http', rps: 2, errorRate: 0, responseCodes: { '200': 2 }, latencyMs: { p50: 5, p95: 40, p99: 90 }, mtlsShare: 1, mtls: true, crossCluster: s.cluster !== d.cluster, health: 'healthy', ...extra,
});
const a = node('us-east', 'shop', 'front', { badges: { virtualService: true } });
const b = node('us-east', 'shop', 'cart', { health: 'failing', inbound: t(3, 0.5) });
const c = node('eu-west', 'pay', 'bank', { badges: { exported: true } });
const graph: Graph = {
  graphType: 'app', nodes: [a, b, c], edges: [edge(a, b, { errorRate: 0.5, health: 'failing' }), edge(b, c, { mtlsShare: 0.2, mtls: false })],
  boxes: [
    { id: 'cluster:us-east', kind: 'cluster', cluster: 'us-east' }, { id: 'ns:us-east:shop', kind: 'namespace', cluster: 'us-east', namespace: 'shop', parent: 'cluster:us-east' },
    { id: 'cluster:eu-west', kind: 'cluster', cluster: 'eu-west' }, { id: 'ns:eu-west:pay', kind: 'namespace', cluster: 'eu-west', namespace: 'pay', parent: 'cluster:eu-west' },
  ],
  clusters: [{ cluster: 'us-east', reachable: true, telemetry: true }, { cluster: 'eu-west', reachable: true, telemetry: true }, { cluster: 'ap-south', reachable: false, telemetry: false }],
  warnings: [], timestamp: 0, duration: 600, thresholds: DEFAULT_THRESHOLDS,
};
const expr = (s: string): FindExpr | undefined => { const r = parseFind(s); if (!r.ok) throw new Error(r.error.message); return r.expr; };
const opts = { boxes: { cluster: true, namespace: true }, edgeLabel: 'rps' as const };
const ids = (els: { data: { id?: string } }[]) => els.map((e) => e.data.id);

describe('toElements', () => {
  it('draws boxes cluster > namespace > node, and an unreachable cluster as a marked box', () => {
    const el = toElements(graph, opts);
    expect(ids(el.nodes)).toEqual(['cluster:us-east', 'cluster:eu-west', 'cluster:ap-south', 'ns:us-east:shop', 'ns:eu-west:pay', a.id, b.id, c.id]);
    const down = el.nodes.find((n) => n.data.id === 'cluster:ap-south');
    expect(down?.classes).toContain('unreachable');
    expect(down?.data.label).toBe('ap-south — unreachable');
    expect(el.nodes.find((n) => n.data.id === b.id)?.data.parent).toBe('ns:us-east:shop');
    expect(el.nodes.find((n) => n.data.id === a.id)?.classes).toContain('has-badges');
  });

  it('follows the box toggles', () => {
    const noNs = toElements(graph, { ...opts, boxes: { cluster: true, namespace: false } });
    expect(noNs.nodes.find((n) => n.data.id === a.id)?.data.parent).toBe('cluster:us-east');
    expect(ids(noNs.nodes)).not.toContain('ns:us-east:shop');
    const none = toElements(graph, { ...opts, boxes: { cluster: false, namespace: false } });
    expect(none.nodes.every((n) => !n.data.parent)).toBe(true);
    expect(none.nodes.filter((n) => n.data.box)).toEqual([]);
    const nsOnly = toElements(graph, { ...opts, boxes: { cluster: false, namespace: true } });
    expect(nsOnly.nodes.find((n) => n.data.id === 'ns:us-east:shop')?.data).toMatchObject({ label: 'shop · us-east' });
    expect(nsOnly.nodes.find((n) => n.data.id === 'ns:us-east:shop')?.data.parent).toBeUndefined();
  });

  it('hides matching nodes with their edges and the boxes left empty', () => {
    const el = toElements(graph, { ...opts, hide: expr('cluster=eu-west') });
    expect(ids(el.nodes)).not.toContain(c.id);
    expect(ids(el.nodes)).not.toContain('ns:eu-west:pay');
    expect(ids(el.edges)).toEqual([graph.edges[0]?.id]);
    expect(el.hidden).toEqual({ nodes: 1, edges: 1 });
    expect(el.visible.nodes.map((n) => n.id)).toEqual([a.id, b.id]);
  });

  it('marks exactly what a find expression matches and dims the rest', () => {
    const el = toElements(graph, { ...opts, find: expr('failing OR exported') });
    expect(el.found.nodes).toEqual([b.id, c.id]);
    expect(el.found.edges).toEqual([graph.edges[0]?.id]);
    expect(el.nodes.find((n) => n.data.id === a.id)?.classes).toContain('find-dim');
    expect(el.nodes.find((n) => n.data.id === b.id)?.classes).toContain('find-match');
    const cross = toElements(graph, { ...opts, find: expr('crosscluster') });
    expect(cross.found).toEqual({ nodes: [b.id, c.id], edges: [graph.edges[1]?.id] });
  });

  it('styles edges by health, rate, mTLS and cross-cluster', () => {
    const el = toElements(graph, opts);
    expect(el.edges[0]?.classes).toContain('edge-failing');
    expect(el.edges[0]?.classes).toContain('mtls');
    expect(el.edges[1]?.classes).toContain('cross-cluster');
    expect(el.edges[1]?.classes).not.toContain('mtls');
    expect(el.edges[1]?.data.label).toBe('2.0 rps · ⇄ 40 ms');
  });
});

describe('edge helpers', () => {
  const e = edge(a, b);
  it("colours by the server's health verdict, never by thresholds of its own", () => {
    expect(edgeColorClass({ ...e, health: 'healthy' })).toBe('healthy');
    expect(edgeColorClass({ ...e, errorRate: 0.01, health: 'degraded' })).toBe('degraded');
    expect(edgeColorClass({ ...e, errorRate: 0.2, health: 'failing' })).toBe('failing');
    // A server configured with higher thresholds calls 20% errors healthy: so does the graph.
    expect(edgeColorClass({ ...e, errorRate: 0.2, health: 'healthy' })).toBe('healthy');
    expect(edgeColorClass({ ...e, errorRate: 0, health: 'degraded' })).toBe('degraded');
    expect(edgeColorClass({ ...e, rps: 0, health: 'idle' })).toBe('idle');
    expect(edgeColorClass({ ...e, health: 'no-data' })).toBe('no-data');
    expect(edgeColorClass({ ...e, protocol: 'tcp', bytesPerSecond: 10, health: 'healthy' })).toBe('tcp');
    expect(edgeColorClass({ ...e, protocol: 'tcp', bytesPerSecond: 0, health: 'idle' })).toBe('idle');
  });
  it("marks mTLS where the server says so, whatever the share", () => {
    const drawn = (x: Partial<GraphEdge>) => toElements({ ...graph, edges: [edge(a, b, x)] }, opts).edges[0]?.classes;
    expect(drawn({ mtlsShare: 0.5, mtls: true })).toContain('mtls');
    expect(drawn({ mtlsShare: 1, mtls: false })).not.toContain('mtls');
    expect(drawn({ mtlsShare: undefined, mtls: undefined })).not.toContain('mtls');
    const both = { ...graph, edges: [edge(a, b, { mtlsShare: 0.5, mtls: true }), edge(b, c, { mtlsShare: 1, mtls: false })] };
    expect(toElements(both, { ...opts, find: expr('mtls') }).found).toEqual({ nodes: [b.id], edges: [both.edges[0]?.id] });
  });
  it('widens on a log scale, capped', () => {
    expect(edgeWidth({ ...e, rps: 0 })).toBe(1);
    expect(edgeWidth({ ...e, rps: 10 })).toBeCloseTo(2.7, 1);
    expect(edgeWidth({ ...e, rps: 100 })).toBeGreaterThan(edgeWidth({ ...e, rps: 10 }));
    expect(edgeWidth({ ...e, rps: 1e9 })).toBe(9);
  });
  it('labels every mode', () => {
    expect(edgeLabelText(e, 'none')).toBe('');
    expect(edgeLabelText(e, 'rps')).toBe('2.0 rps');
    expect(edgeLabelText({ ...e, errorRate: 0.123 }, 'error')).toBe('12%');
    expect(edgeLabelText(e, 'p50')).toBe('p50 5.0 ms');
    expect(edgeLabelText(e, 'p99')).toBe('p99 90 ms');
    expect(edgeLabelText(e, 'mtls')).toBe('mTLS 100%');
    expect(edgeLabelText({ ...e, crossCluster: true }, 'none')).toBe('⇄ 40 ms');
    expect(formatRate(0.004)).toBe('<0.01');
    expect(formatPct(0.0004)).toBe('<0.1%');
  });
  it('states the thresholds the server judged health with (the legend)', () => {
    expect(thresholdText(DEFAULT_THRESHOLDS, 'degraded')).toBe('5xx ≥ 0.1% or 4xx ≥ 10%');
    expect(thresholdText(DEFAULT_THRESHOLDS, 'failing')).toBe('5xx ≥ 10% or 4xx ≥ 20%');
    const custom = resolveThresholds({ serverError: { degraded: 0.05, failing: 0.5 }, clientError: { degraded: 0, failing: 0 } });
    expect(thresholdText(custom, 'degraded')).toBe('5xx ≥ 5.0%');
    expect(thresholdText(custom, 'failing')).toBe('5xx ≥ 50%');
  });
});
