import 'server-only';
import type { GraphType } from '@/lib/graph/types';
import type { InventorySnapshot } from '@/lib/inventory/types';
import { buildGraph } from './build';
import { cluster, merge, namespace, object, service, workload, type Objects } from './testing/k8s';
import { pushLatency, pushPrincipals, request, spiffe, tcp, telemetryOf, type Call, type End } from './testing/telemetry';
import type { BuildGraphInput, Telemetry } from './types';

/**
 * Synthetic mesh for timing buildGraph: `nodes` graph nodes in the workload graph (half workloads,
 * half their services), ~4 edges per node: each workload calls 7 services (one edge to each
 * service node) and each service has one edge to its workload. Two clusters, 20 namespaces, a
 * third of the services exported, both reporters on every request/TCP series (latency and
 * principal series destination-only, as graphQueries() asks Prometheus), 10% of calls with some
 * 5xx, a few TCP calls.
 */
export function syntheticMesh(nodes: number): BuildGraphInput {
  const W = Math.max(2, Math.floor(nodes / 2));
  const CALLS = 7;
  const clusters = ['bench-east', 'bench-west'];
  const ends: End[] = Array.from({ length: W }, (_, i) => ({ cluster: clusters[i % 2]!, ns: `ns-${i % 20}`, wl: `svc-${i}-v1`, app: `svc-${i}`, version: 'v1' }));
  const objects: Objects[][] = clusters.map(() => []);
  clusters.forEach((_, c) => objects[c]!.push({ Namespace: Array.from({ length: 20 }, (_, n) => namespace(`ns-${n}`, true)) }));
  for (const [i, e] of ends.entries()) {
    const bucket = objects[i % 2]!;
    bucket.push(workload(e.ns, e.wl, e.app!, 'v1'), service(e.ns, e.app!));
    if (i % 3 === 0) bucket.push(object('ServiceExport', e.ns, e.app!));
    if (i % 10 === 0) bucket.push(object('VirtualService', e.ns, e.app!, { hosts: [e.app], http: [{ route: [{ destination: { host: e.app } }] }] }));
  }
  const inventory: InventorySnapshot = { clusters: clusters.map((c, i) => cluster(c, merge(...objects[i]!))) };

  const requests = [];
  const tcpSamples = [];
  const t: Telemetry = telemetryOf([]);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < W; i++) {
    const src = ends[i]!;
    for (let k = 1; k <= CALLS; k++) {
      const dst = ends[(i + k * 7919 + Math.floor(rand() * 13)) % W]!;
      if (dst === src) continue;
      const call: Call = { src, dst: { host: `${dst.app}.${dst.ns}.svc.cluster.local`, wl: dst } };
      const rps = Math.round(rand() * 1000) / 100 + 0.1;
      requests.push(request(call, 'source', rps), request(call, 'destination', rps));
      if (rand() < 0.1) requests.push(request(call, 'source', rps / 50, { code: '503' }), request(call, 'destination', rps / 50, { code: '503' }));
      if (k === 1 && i % 25 === 0) tcpSamples.push(tcp(call, 'source', 2048), tcp(call, 'destination', 2000));
      const l = { p50: 5 + rand() * 10, p95: 30 + rand() * 50, p99: 90 + rand() * 100, avg: 12, rps };
      // graphQueries() dedups the secondary queries in PromQL: only the destination's series arrive.
      pushLatency(t, call, 'destination', l);
      pushPrincipals(t, call, 'destination', rps, spiffe(src.ns, src.app!), spiffe(dst.ns, dst.app!));
    }
  }
  t.samples.requests = requests;
  t.samples.tcp = tcpSamples;
  // Round-trip through JSON: real inventory and Prometheus answers are parsed JSON, whose objects
  // V8 lays out very differently from the spread-built ones above (10x faster to read).
  const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  return { inventory: json(inventory), telemetry: json(t), options: { graphType: 'workload', clusters: [], namespaces: [], duration: 600, queryTime: 1_760_000_000, idle: false } };
}

export interface BenchResult {
  graphType: GraphType;
  nodes: number;
  edges: number;
  samples: number;
  runs: number;
  minMs: number;
  medianMs: number;
}

/** Times buildGraph over `runs` runs (after one warm-up) on a synthetic mesh of ~`nodes` nodes. */
export function benchGraph(opts: { nodes?: number; runs?: number; graphType?: GraphType } = {}): BenchResult {
  const input = syntheticMesh(opts.nodes ?? 5000);
  const graphType = opts.graphType ?? 'workload';
  input.options.graphType = graphType;
  const runs = Math.max(1, opts.runs ?? 7);
  const first = buildGraph(input);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    buildGraph(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const samples = Object.values(input.telemetry?.samples ?? {}).reduce((n, s) => n + s.length, 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { graphType, nodes: first.nodes.length, edges: first.edges.length, samples, runs, minMs: round(times[0]!), medianMs: round(times[Math.floor(runs / 2)]!) };
}
