import 'server-only';
import type { GraphEdge } from '@/lib/graph/types';
import { forEachEdgeOf } from '../edges';
import { round3 } from '../nodes';
import type { Appender, QueryName } from '../types';

/**
 * responseTime: latency p50/p95/p99 and the average (ms) onto the edges of the request series.
 * When several series land on one edge (an app node groups workloads, a service node groups
 * callers) the quantile is the largest of theirs: quantiles cannot be merged exactly, and the
 * upper bound never hides a slow member. The average is exact: sum(rate(_sum)) / sum(rate(_count)).
 * Both edges of an injected service path (caller -> service -> workload) carry the same latency.
 */
const QUANTILES: [QueryName, 'p50' | 'p95' | 'p99'][] = [
  ['latencyP50', 'p50'],
  ['latencyP95', 'p95'],
  ['latencyP99', 'p99'],
];

export const responseTime: Appender = {
  name: 'responseTime',
  append(graph, ctx) {
    const t = ctx.telemetry;
    if (!t) return;
    const choice = ctx.reporters?.requests;
    for (const [query, field] of QUANTILES) {
      forEachEdgeOf(graph, ctx, t.samples[query], choice, (edge, s) => {
        if (!Number.isFinite(s.value) || s.value < 0) return;
        const v = round3(s.value);
        const cur = edge.latencyMs[field];
        if (cur === undefined || v > cur) edge.latencyMs[field] = v;
      });
    }
    const sums = new Map<GraphEdge, { sum: number; count: number }>();
    const acc = (edge: GraphEdge) => {
      let a = sums.get(edge);
      if (!a) sums.set(edge, (a = { sum: 0, count: 0 }));
      return a;
    };
    forEachEdgeOf(graph, ctx, t.samples.latencySum, choice, (edge, s) => {
      if (Number.isFinite(s.value)) acc(edge).sum += s.value;
    });
    forEachEdgeOf(graph, ctx, t.samples.latencyCount, choice, (edge, s) => {
      if (Number.isFinite(s.value)) acc(edge).count += s.value;
    });
    for (const [edge, a] of sums) if (a.count > 0) edge.latencyMs.avg = round3(a.sum / a.count);
  },
};
