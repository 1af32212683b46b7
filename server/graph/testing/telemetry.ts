import 'server-only';
import { emptyTelemetry } from '../queries';
import type { PromSample, QueryName, Telemetry } from '../types';

/** Builders of canned Prometheus vectors (Istio standard labels) for graph tests and the benchmark. */

export interface End {
  cluster: string;
  ns: string;
  wl: string;
  app?: string;
  version?: string;
}
export interface Call {
  /** undefined = a caller the destination cannot identify (no proxy, no metadata). */
  src?: End;
  dst: { cluster?: string; host: string; svcName?: string; svcNs?: string; wl?: End };
}
export type Reporter = 'source' | 'destination';

const U = 'unknown';

export function identity(call: Call, reporter: Reporter): Record<string, string> {
  const { src, dst } = call;
  const parts = dst.host.split('.');
  const inMesh = dst.host.includes('.svc.');
  return {
    reporter,
    source_cluster: src?.cluster ?? U,
    source_workload: src?.wl ?? U,
    source_workload_namespace: src?.ns ?? U,
    source_canonical_service: src ? (src.app ?? src.wl) : U,
    source_canonical_revision: src ? (src.version ?? 'latest') : U,
    destination_cluster: dst.cluster ?? dst.wl?.cluster ?? U,
    destination_service: dst.host,
    destination_service_name: dst.svcName ?? (inMesh ? (parts[0] ?? U) : dst.host),
    destination_service_namespace: dst.svcNs ?? (inMesh ? (parts[1] ?? U) : U),
    destination_workload: dst.wl?.wl ?? U,
    destination_workload_namespace: dst.wl?.ns ?? U,
    destination_canonical_service: dst.wl ? (dst.wl.app ?? dst.wl.wl) : U,
    destination_canonical_revision: dst.wl ? (dst.wl.version ?? 'latest') : U,
  };
}

export interface RequestOpts {
  code?: string;
  protocol?: 'http' | 'grpc';
  grpc?: string;
  flags?: string;
  /** connection_security_policy; the source reporter always says "unknown". */
  policy?: 'mutual_tls' | 'none';
}

export function request(call: Call, reporter: Reporter, rps: number, o: RequestOpts = {}): PromSample {
  return {
    metric: {
      ...identity(call, reporter),
      request_protocol: o.protocol ?? 'http',
      response_code: o.code ?? '200',
      grpc_response_status: o.grpc ?? '',
      response_flags: o.flags ?? '-',
      connection_security_policy: reporter === 'source' ? U : (o.policy ?? 'mutual_tls'),
    },
    value: rps,
  };
}

export function tcp(call: Call, reporter: Reporter, bytesPerSecond: number, policy: 'mutual_tls' | 'none' = 'mutual_tls'): PromSample {
  return { metric: { ...identity(call, reporter), response_flags: '-', connection_security_policy: reporter === 'source' ? U : policy }, value: bytesPerSecond };
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  /** Average; with `rps` gives the _sum/_count rates. */
  avg: number;
  rps: number;
}

/** The latency samples of a call as seen by one reporter, pushed into `t`. */
export function pushLatency(t: Telemetry, call: Call, reporter: Reporter, l: Latency, protocol: 'http' | 'grpc' = 'http'): void {
  const metric = { ...identity(call, reporter), request_protocol: protocol };
  const push = (q: QueryName, value: number) => t.samples[q].push({ metric, value });
  push('latencyP50', l.p50);
  push('latencyP95', l.p95);
  push('latencyP99', l.p99);
  push('latencySum', l.avg * l.rps);
  push('latencyCount', l.rps);
}

export function pushPrincipals(t: Telemetry, call: Call, reporter: Reporter, rps: number, source: string, destination: string): void {
  t.samples.principals.push({ metric: { ...identity(call, reporter), request_protocol: 'http', source_principal: source, destination_principal: destination }, value: rps });
}

export const spiffe = (ns: string, sa: string) => `spiffe://cluster.local/ns/${ns}/sa/${sa}`;

export function telemetryOf(requests: PromSample[], extra: Partial<Record<QueryName, PromSample[]>> = {}): Telemetry {
  const t = emptyTelemetry();
  t.samples.requests = requests;
  for (const [q, s] of Object.entries(extra) as [QueryName, PromSample[]][]) t.samples[q] = s;
  return t;
}
