import 'server-only';
import type { GraphEdge, GraphNode, Protocol } from '@/lib/graph/types';
import { setEdgeIndex } from '../edges';
import { ensureNode, isPlaced, recordOf, round6 } from '../nodes';
import { ReporterChoice, known, protocolOf, type NodeSpec, type SeriesPath } from '../series';
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
 * Sets edge rps / bytesPerSecond / errorRate / clientErrorRate / responseCodes / responseFlags and
 * node in/out traffic. Sums go into typed arrays indexed by edge/node position (no per-sample
 * allocation, no map lookups once a path is known).
 */

/** The responseCodes key: the HTTP code, or grpc:<status> for grpc. */
function codeOf(m: Record<string, string>, protocol: Protocol): string {
  if (protocol === 'grpc' && known(m.grpc_response_status)) return `grpc:${m.grpc_response_status}`;
  return known(m.response_code) ? m.response_code : '-';
}

/** Server error: 5xx, no response (0), grpc non-OK. */
const isServerError = (code: string) => code.charCodeAt(0) === 53 /* 5 */ || code === '0' || (code.startsWith('grpc:') && code !== 'grpc:0');
const isClientError = (code: string) => code.charCodeAt(0) === 52; /* 4 */

function inScope(path: SeriesPath, ctx: AppenderContext): boolean {
  return path.nodes.some((n) => isPlaced(n) && ctx.scope.selected(n.cluster, n.namespace));
}

function newEdge(id: string, source: string, target: string, protocol: Protocol): GraphEdge {
  return { id, source, target, protocol, rps: 0, errorRate: 0, responseCodes: {}, latencyMs: {}, crossCluster: false, health: 'no-data' };
}

function add(m: Map<string, number>, k: string, v: number) {
  m.set(k, (m.get(k) ?? 0) + v);
}

/** Edges (and their end nodes) by dense position, with their sums. */
class Sums {
  readonly edges: GraphEdge[] = [];
  readonly src: number[] = [];
  readonly dst: number[] = [];
  readonly codes: Map<string, number>[] = [];
  readonly flags: (Map<string, number> | undefined)[] = [];
  readonly position = new Map<string, number>();
  readonly nodes: GraphNode[] = [];
  private readonly nodePosition = new Map<string, number>();
  /** Per edge: rps, 5xx, 4xx, bytes/s. */
  readonly e: Float64Array;
  /** Per node: in rps, in 5xx, in 4xx, out rps, out 5xx, out 4xx. */
  readonly n: Float64Array;

  constructor(maxEdges: number) {
    this.e = new Float64Array(4 * maxEdges);
    this.n = new Float64Array(6 * (maxEdges + 1));
  }

  node(node: GraphNode): number {
    let p = this.nodePosition.get(node.id);
    if (p === undefined) {
      p = this.nodes.push(node) - 1;
      this.nodePosition.set(node.id, p);
    }
    return p;
  }

  edge(id: string, make: () => { edge: GraphEdge; src: GraphNode; dst: GraphNode }): number {
    let p = this.position.get(id);
    if (p === undefined) {
      const { edge, src, dst } = make();
      p = this.edges.push(edge) - 1;
      this.src.push(this.node(src));
      this.dst.push(this.node(dst));
      this.codes.push(new Map());
      this.flags.push(undefined);
      this.position.set(id, p);
    }
    return p;
  }
}

export const traffic: Appender = {
  name: 'traffic',
  append(graph: WorkGraph, ctx: AppenderContext) {
    const t = ctx.telemetry;
    if (!t) return;
    const ids = ctx.resolver.identities;
    const reporters = { requests: new ReporterChoice(t.samples.requests, ids, 'requests'), tcp: new ReporterChoice(t.samples.tcp, ids, 'tcp') };
    ctx.reporters = reporters;
    // A path has at most 2 edges, so 2 per sample bounds the edge count.
    const sums = new Sums(2 * (t.samples.requests.length + t.samples.tcp.length));
    const nodeFor = (spec: NodeSpec) => ensureNode(graph, spec);
    // Per path, not per sample: the scope decision and the edge positions (kept on the path for the
    // edge appenders after this one, see edges.ts).
    const positions = (path: SeriesPath, protocol: Protocol): number[] | undefined => {
      if (path.inScope === undefined) path.inScope = inScope(path, ctx);
      if (!path.inScope) return undefined;
      let list = path.edges[protocol];
      if (!list) {
        list = path.edgeIds(protocol).map((edgeId, i) => {
          const a = nodeFor(path.nodes[i]!);
          const b = nodeFor(path.nodes[i + 1]!);
          return sums.edge(edgeId, () => ({ edge: newEdge(edgeId, a.id, b.id, protocol), src: a, dst: b }));
        });
        path.edges[protocol] = list;
      }
      return list;
    };

    const visit = (samples: readonly PromSample[], choice: ReporterChoice, tcp: boolean) => {
      const { e, n } = sums;
      for (let k = 0; k < samples.length; k++) {
        const s = samples[k]!;
        const m = s.metric;
        const v = s.value;
        if (!(v > 0)) continue;
        const id = ids.of(m);
        if (!choice.keep(m, id)) continue;
        const path = ctx.resolver.resolve(m, id);
        const protocol: Protocol = tcp ? 'tcp' : protocolOf(m);
        const list = path && positions(path, protocol);
        if (!list) continue;
        const flags = known(m.response_flags) && m.response_flags !== '-' ? m.response_flags.split(',') : undefined;
        const code = tcp ? '' : codeOf(m, protocol);
        const err5 = !tcp && isServerError(code) ? v : 0;
        const err4 = !tcp && isClientError(code) ? v : 0;
        for (let i = 0; i < list.length; i++) {
          const p = list[i]!;
          if (flags) {
            let f = sums.flags[p];
            if (!f) sums.flags[p] = f = new Map();
            for (const flag of flags) add(f, flag, v);
          }
          if (tcp) {
            e[4 * p + 3]! += v;
            continue;
          }
          e[4 * p]! += v;
          e[4 * p + 1]! += err5;
          e[4 * p + 2]! += err4;
          add(sums.codes[p]!, code, v);
          const src = 6 * sums.src[p]!;
          const dst = 6 * sums.dst[p]!;
          n[dst]! += v;
          n[dst + 1]! += err5;
          n[dst + 2]! += err4;
          n[src + 3]! += v;
          n[src + 4]! += err5;
          n[src + 5]! += err4;
        }
      }
    };
    visit(t.samples.requests, reporters.requests, false);
    visit(t.samples.tcp, reporters.tcp, true);

    const rate = (x: number, d: number) => (d > 0 ? Math.min(1, round6(x / d)) : 0);
    const { e, n } = sums;
    sums.edges.forEach((edge, p) => {
      const rps = e[4 * p]!;
      edge.rps = round6(rps);
      edge.errorRate = rate(e[4 * p + 1]!, rps);
      if (edge.protocol === 'tcp') edge.bytesPerSecond = round6(e[4 * p + 3]!);
      else edge.clientErrorRate = rate(e[4 * p + 2]!, rps);
      edge.responseCodes = recordOf(sums.codes[p]!);
      const flags = sums.flags[p];
      if (flags) edge.responseFlags = recordOf(flags);
      graph.edges.set(edge.id, edge);
    });
    sums.nodes.forEach((node, p) => {
      const o = 6 * p;
      node.inbound = { rps: round6(n[o]!), errorRate: rate(n[o + 1]!, n[o]!), clientErrorRate: rate(n[o + 2]!, n[o]!) };
      node.outbound = { rps: round6(n[o + 3]!), errorRate: rate(n[o + 4]!, n[o + 3]!), clientErrorRate: rate(n[o + 5]!, n[o + 3]!) };
    });
    setEdgeIndex(graph, { list: sums.edges, position: sums.position });
  },
};
