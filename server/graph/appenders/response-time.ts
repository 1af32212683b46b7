import 'server-only';
import { edgeIndex, forEachEdgeOf } from '../edges';
import { round3 } from '../nodes';
import type { Appender, PromSample } from '../types';

/**
 * responseTime: latency p50/p95/p99 and the average (ms) onto the edges of the request series.
 * When several series land on one edge (an app node groups workloads, a service node groups
 * callers) the quantile is the largest of theirs: quantiles cannot be merged exactly, and the
 * upper bound never hides a slow member. The average is exact: sum(rate(_sum)) / sum(rate(_count)).
 * Both edges of an injected service path (caller -> service -> workload) carry the same latency.
 */
export const responseTime: Appender = {
  name: 'responseTime',
  append(graph, ctx) {
    const t = ctx.telemetry;
    if (!t) return;
    const choice = ctx.reporters?.requests;
    const n = edgeIndex(graph).list.length;
    // NaN = no value yet (histogram_quantile answers NaN for empty buckets; such samples are skipped).
    const max = (samples: readonly PromSample[]) => {
      const out = new Float64Array(n).fill(NaN);
      forEachEdgeOf(graph, ctx, samples, choice, (e, s) => {
        const v = s.value;
        if (Number.isFinite(v) && v >= 0 && !(out[e]! >= v)) out[e] = v;
      });
      return out;
    };
    const total = (samples: readonly PromSample[]) => {
      const out = new Float64Array(n);
      forEachEdgeOf(graph, ctx, samples, choice, (e, s) => {
        if (Number.isFinite(s.value)) out[e]! += s.value;
      });
      return out;
    };
    const p50 = max(t.samples.latencyP50);
    const p95 = max(t.samples.latencyP95);
    const p99 = max(t.samples.latencyP99);
    const sum = total(t.samples.latencySum);
    const count = total(t.samples.latencyCount);
    edgeIndex(graph).list.forEach((edge, i) => {
      const l = edge.latencyMs;
      if (!Number.isNaN(p50[i])) l.p50 = round3(p50[i]!);
      if (!Number.isNaN(p95[i])) l.p95 = round3(p95[i]!);
      if (!Number.isNaN(p99[i])) l.p99 = round3(p99[i]!);
      if (count[i]! > 0) l.avg = round3(sum[i]! / count[i]!);
    });
  },
};
