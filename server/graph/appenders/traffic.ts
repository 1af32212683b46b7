import 'server-only';
import { nodeId, type GraphEdge, type Protocol } from '@/lib/graph/types';
import { ensureNode, isPlaced, round6 } from '../nodes';
import { ReporterChoice, identityKey, known, protocolOf, type SeriesPath } from '../series';
import type { Appender, AppenderContext, PromSample, WorkGraph } from '../types';

/**
 * traffic: nodes and edges from istio_requests_total and the TCP byte counters.
 * - Each series resolves to a node path (series.ts): source -> service -> destination
 *   workload/app (service nodes injected, as Kiali's injectServiceNodes) or source -> service in
 *   the service graph. Unknown callers become the `unknown` node, hosts outside the inventory
 *   `ext:<host>`.
 * - Reporter dedup (series.ts ReporterChoice): destination's numbers when it reported, else source's.
 * - A series is kept when any node of its path is in the selected clusters/namespaces: the outside
 *   end stays (unexpanded: its other traffic is not added).
 * Sets edge rps / bytesPerSecond / errorRate / responseCodes / responseFlags and node in/out traffic.
 */

interface EdgeAcc {
  edge: GraphEdge;
  err5: number;
  codes: Map<string, number>;
  flags: Map<string, number>;
}
interface NodeAcc {
  inRps: number;
  in5: number;
  in4: number;
  outRps: number;
  out5: number;
  out4: number;
}

function classify(m: Record<string, string>, protocol: Protocol): { code: string; err5: boolean; err4: boolean } {
  if (protocol === 'grpc' && known(m.grpc_response_status)) {
    return { code: `grpc:${m.grpc_response_status}`, err5: m.grpc_response_status !== '0', err4: false };
  }
  const code = known(m.response_code) ? m.response_code : '-';
  return { code, err5: code.startsWith('5') || code === '0', err4: code.startsWith('4') };
}

function inScope(path: SeriesPath, ctx: AppenderContext): boolean {
  return path.some((n) => isPlaced(n) && ctx.scope.selected(n.cluster, n.namespace));
}

function newEdge(source: string, target: string, protocol: Protocol): GraphEdge {
  return { id: nodeId.edge(source, target, protocol), source, target, protocol, rps: 0, errorRate: 0, responseCodes: {}, latencyMs: {}, crossCluster: false, health: 'no-data' };
}

function addMap(m: Map<string, number>, k: string, v: number) {
  m.set(k, (m.get(k) ?? 0) + v);
}

export const traffic: Appender = {
  name: 'traffic',
  append(graph: WorkGraph, ctx: AppenderContext) {
    const t = ctx.telemetry;
    if (!t) return;
    const reporters = { requests: new ReporterChoice(t.samples.requests), tcp: new ReporterChoice(t.samples.tcp) };
    ctx.reporters = reporters;
    const edges = new Map<string, EdgeAcc>();
    const nodes = new Map<string, NodeAcc>();
    const nodeAcc = (id: string) => {
      let a = nodes.get(id);
      if (!a) nodes.set(id, (a = { inRps: 0, in5: 0, in4: 0, outRps: 0, out5: 0, out4: 0 }));
      return a;
    };

    const visit = (samples: readonly PromSample[], choice: ReporterChoice, tcp: boolean) => {
      for (const s of samples) {
        const m = s.metric;
        if (!(s.value > 0)) continue;
        const key = identityKey(m);
        if (!choice.keep(m, key)) continue;
        const path = ctx.resolver.resolve(m, key);
        if (!path || !inScope(path, ctx)) continue;
        const protocol: Protocol = tcp ? 'tcp' : protocolOf(m);
        const c = tcp ? undefined : classify(m, protocol);
        for (let i = 0; i + 1 < path.length; i++) {
          const a = path[i]!;
          const b = path[i + 1]!;
          ensureNode(graph, a);
          ensureNode(graph, b);
          const id = nodeId.edge(a.id, b.id, protocol);
          let acc = edges.get(id);
          if (!acc) edges.set(id, (acc = { edge: newEdge(a.id, b.id, protocol), err5: 0, codes: new Map(), flags: new Map() }));
          if (known(m.response_flags) && m.response_flags !== '-') for (const f of m.response_flags.split(',')) addMap(acc.flags, f, s.value);
          if (!c) {
            acc.edge.bytesPerSecond = (acc.edge.bytesPerSecond ?? 0) + s.value;
            continue;
          }
          acc.edge.rps += s.value;
          addMap(acc.codes, c.code, s.value);
          if (c.err5) acc.err5 += s.value;
          const out = nodeAcc(a.id);
          const inb = nodeAcc(b.id);
          out.outRps += s.value;
          inb.inRps += s.value;
          if (c.err5) (out.out5 += s.value), (inb.in5 += s.value);
          if (c.err4) (out.out4 += s.value), (inb.in4 += s.value);
        }
      }
    };
    visit(t.samples.requests, reporters.requests, false);
    visit(t.samples.tcp, reporters.tcp, true);

    for (const [id, acc] of edges) {
      const e = acc.edge;
      e.errorRate = e.rps > 0 ? Math.min(1, round6(acc.err5 / e.rps)) : 0;
      e.rps = round6(e.rps);
      if (e.bytesPerSecond !== undefined) e.bytesPerSecond = round6(e.bytesPerSecond);
      e.responseCodes = Object.fromEntries([...acc.codes].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, round6(v)]));
      if (acc.flags.size > 0) e.responseFlags = Object.fromEntries([...acc.flags].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, round6(v)]));
      graph.edges.set(id, e);
    }
    const rate = (n: number, d: number) => (d > 0 ? Math.min(1, round6(n / d)) : 0);
    for (const [id, a] of nodes) {
      const node = graph.nodes.get(id);
      if (!node) continue;
      node.inbound = { rps: round6(a.inRps), errorRate: rate(a.in5, a.inRps), clientErrorRate: rate(a.in4, a.inRps) };
      node.outbound = { rps: round6(a.outRps), errorRate: rate(a.out5, a.outRps), clientErrorRate: rate(a.out4, a.outRps) };
    }
  },
};
