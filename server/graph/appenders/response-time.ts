import 'server-only';
import { edgeIndex, forEachEdgeOf } from '../edges';
import { round3 } from '../nodes';
import type { Appender, PromSample } from '../types';

/**
 * responseTime: latency p50/p95/p99 and the average (ms) onto the edges of the request series.
 * Whose view an edge shows: a caller -> service edge shows what the caller's proxy measured (the
 * source reporter: network and cross-cluster hops included); a service -> workload edge and a direct
 * edge show what the server's proxy measured (destination reporter). Each falls back to the other
 * reporter when its own has no data (a caller without sidecar, an external destination). So on a
 * cross-cluster call the two edges differ by the cost of the network between the clusters.
 * When several series land on one edge (an app node groups workloads, a service node groups callers)
 * the quantile is the largest of theirs: quantiles cannot be merged exactly, and the upper bound
 * never hides a slow member. The average is exact: sum(rate(_sum)) / sum(rate(_count)).
 */
export const responseTime: Appender = {
  name: 'responseTime',
  append(graph, ctx) {
    const t = ctx.telemetry;
    if (!t) return;
    const edges = edgeIndex(graph).list;
    const n = edges.length;
    const kindOf = (id: string) => graph.nodes.get(id)?.kind;
    const callerSide = edges.map((e) => kindOf(e.target) === 'service' && kindOf(e.source) !== 'service');
    // Per reporter: [source, destination]. NaN = no value (histogram_quantile answers NaN for empty buckets).
    const perReporter = (samples: readonly PromSample[], fold: (cur: number, v: number) => number, init: number) => {
      const out = [new Float64Array(n).fill(init), new Float64Array(n).fill(init)] as const;
      forEachEdgeOf(graph, ctx, samples, undefined, (e, s) => {
        const v = s.value;
        if (!Number.isFinite(v) || v < 0) return;
        const arr = s.metric.reporter === 'source' ? out[0] : out[1];
        arr[e] = fold(arr[e]!, v);
      });
      return out;
    };
    const max = (samples: readonly PromSample[]) => perReporter(samples, (cur, v) => (cur >= v ? cur : v), NaN);
    const total = (samples: readonly PromSample[]) => perReporter(samples, (cur, v) => cur + v, 0);
    const count = total(t.samples.latencyCount);
    // The reporter each edge shows: its preferred one when that one counted requests, else the other.
    const side = callerSide.map((caller, i) => {
      const preferred = caller ? 0 : 1;
      return count[preferred][i]! > 0 ? preferred : 1 - preferred;
    });
    const pick = (arr: readonly [Float64Array, Float64Array], i: number) => {
      const own = arr[side[i]!]![i]!;
      return Number.isNaN(own) ? arr[1 - side[i]!]![i]! : own;
    };
    const p50 = max(t.samples.latencyP50);
    const p95 = max(t.samples.latencyP95);
    const p99 = max(t.samples.latencyP99);
    const sum = total(t.samples.latencySum);
    edges.forEach((edge, i) => {
      const l = edge.latencyMs;
      const [q50, q95, q99] = [pick(p50, i), pick(p95, i), pick(p99, i)];
      if (!Number.isNaN(q50)) l.p50 = round3(q50);
      if (!Number.isNaN(q95)) l.p95 = round3(q95);
      if (!Number.isNaN(q99)) l.p99 = round3(q99);
      const c = count[side[i]!]![i]!;
      if (c > 0) l.avg = round3(sum[side[i]!]![i]! / c);
    });
  },
};
