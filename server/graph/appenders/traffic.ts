import 'server-only';
import { nodeId, type GraphEdge, type Protocol } from '@/lib/graph/types';
import { setEdgeIndex, type EdgeIndex } from '../edges';
import { ensureNode, isPlaced, recordOf, round6 } from '../nodes';
import { ReporterChoice, known, protocolOf, type SeriesPath } from '../series';
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

interface NodeAcc {
  inRps: number;
  in5: number;
  in4: number;
  outRps: number;
  out5: number;
  out4: number;
}
interface EdgeAcc {
  edge: GraphEdge;
  /** Position in the edge index (edges.ts). */
  position: number;
  err5: number;
  err4: number;
  codes: Map<string, number>;
  flags?: Map<string, number>;
  src: NodeAcc;
  dst: NodeAcc;
}

/** The responseCodes key: the HTTP code, or grpc:<status> for grpc. */
function codeOf(m: Record<string, string>, protocol: Protocol): string {
  if (protocol === 'grpc' && known(m.grpc_response_status)) return `grpc:${m.grpc_response_status}`;
  return known(m.response_code) ? m.response_code : '-';
}

/** Server error: 5xx, no response (0), grpc non-OK. */
const isServerError = (code: string) => code.charCodeAt(0) === 53 /* 5 */ || code === '0' || (code.startsWith('grpc:') && code !== 'grpc:0');
const isClientError = (code: string) => code.charCodeAt(0) === 52; /* 4 */

const protocolIsRequest = (p: Protocol) => p !== 'tcp';

function inScope(path: SeriesPath, ctx: AppenderContext): boolean {
  return path.nodes.some((n) => isPlaced(n) && ctx.scope.selected(n.cluster, n.namespace));
}

function newEdge(source: string, target: string, protocol: Protocol): GraphEdge {
  return { id: nodeId.edge(source, target, protocol), source, target, protocol, rps: 0, errorRate: 0, responseCodes: {}, latencyMs: {}, crossCluster: false, health: 'no-data' };
}

function add(m: Map<string, number>, k: string, v: number) {
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
    // Per path, not per sample: the scope decision, node creation and the edge accumulators.
    const perPath = new Map<SeriesPath, Partial<Record<Protocol, EdgeAcc[]>> | null>();
    const accsOf = (path: SeriesPath, protocol: Protocol): EdgeAcc[] | undefined => {
      let byProtocol = perPath.get(path);
      if (byProtocol === undefined) {
        byProtocol = inScope(path, ctx) ? {} : null;
        if (byProtocol) for (const n of path.nodes) ensureNode(graph, n);
        perPath.set(path, byProtocol);
      }
      if (!byProtocol) return undefined;
      let list = byProtocol[protocol];
      if (!list) {
        const ids = path.edgeIds(protocol);
        list = ids.map((id, i) => {
          const a = path.nodes[i]!.id;
          const b = path.nodes[i + 1]!.id;
          let acc = edges.get(id);
          if (!acc) {
            acc = { edge: newEdge(a, b, protocol), position: edges.size, err5: 0, err4: 0, codes: new Map(), src: nodeAcc(a), dst: nodeAcc(b) };
            edges.set(id, acc);
          }
          return acc;
        });
        byProtocol[protocol] = list;
        // Later appenders find this path's edges by position, without id lookups (edges.ts).
        path.edges[protocol] = list.map((acc) => acc.position);
      }
      return list;
    };

    const visit = (samples: readonly PromSample[], choice: ReporterChoice, tcp: boolean) => {
      for (let k = 0; k < samples.length; k++) {
        const s = samples[k]!;
        const m = s.metric;
        const v = s.value;
        if (!(v > 0) || !choice.keep(m)) continue;
        const path = ctx.resolver.resolve(m);
        const protocol: Protocol = tcp ? 'tcp' : protocolOf(m);
        const accs = path && accsOf(path, protocol);
        if (!accs) continue;
        const flags = known(m.response_flags) && m.response_flags !== '-' ? m.response_flags.split(',') : undefined;
        const code = tcp ? '' : codeOf(m, protocol);
        const err5 = !tcp && isServerError(code);
        const err4 = !tcp && isClientError(code);
        for (let i = 0; i < accs.length; i++) {
          const acc = accs[i]!;
          if (flags) for (const f of flags) add((acc.flags ??= new Map()), f, v);
          if (tcp) {
            acc.edge.bytesPerSecond = (acc.edge.bytesPerSecond ?? 0) + v;
            continue;
          }
          acc.edge.rps += v;
          add(acc.codes, code, v);
          acc.src.outRps += v;
          acc.dst.inRps += v;
          if (err5) {
            acc.err5 += v;
            acc.src.out5 += v;
            acc.dst.in5 += v;
          }
          if (err4) {
            acc.err4 += v;
            acc.src.out4 += v;
            acc.dst.in4 += v;
          }
        }
      }
    };
    visit(t.samples.requests, reporters.requests, false);
    visit(t.samples.tcp, reporters.tcp, true);

    const rate = (n: number, d: number) => (d > 0 ? Math.min(1, round6(n / d)) : 0);
    const index: EdgeIndex = { list: [], position: new Map() };
    for (const [id, acc] of edges) {
      index.list.push(acc.edge);
      index.position.set(id, acc.position);
      const e = acc.edge;
      e.errorRate = rate(acc.err5, e.rps);
      if (protocolIsRequest(e.protocol)) e.clientErrorRate = rate(acc.err4, e.rps);
      e.rps = round6(e.rps);
      if (e.bytesPerSecond !== undefined) e.bytesPerSecond = round6(e.bytesPerSecond);
      e.responseCodes = recordOf(acc.codes);
      if (acc.flags) e.responseFlags = recordOf(acc.flags);
      graph.edges.set(id, e);
    }
    setEdgeIndex(graph, index);
    for (const [id, a] of nodes) {
      const node = graph.nodes.get(id);
      if (!node) continue;
      node.inbound = { rps: round6(a.inRps), errorRate: rate(a.in5, a.inRps), clientErrorRate: rate(a.in4, a.inRps) };
      node.outbound = { rps: round6(a.outRps), errorRate: rate(a.out5, a.outRps), clientErrorRate: rate(a.out4, a.outRps) };
    }
  },
};
