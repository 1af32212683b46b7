import 'server-only';
import type { ScenarioState } from '../scenarios';
import type { DemoClusterName } from '../types';
import { hopLabels, UNKNOWN, UNKNOWN_PEER, type DestinationService, type Peer } from './labels';
import { networkMs } from './latency';
import { buildOutcomes, type HopModel, type Outcome } from './outcomes';
import type { Flow, Protocol, Report } from './flow';
import type { HostResolver } from './hosts';
import type { RouteDecision } from './routing';
import { connectionSecurity, peerAuthMode, principal } from './security';
import type { Topology, Workload } from './topology';

// One hop of traffic -> a Flow: scenarios (cut-off, latency spike, error burst), connection security,
// the outcome model and the labelled series of each reporting proxy. Only a side with a proxy
// reports: reporter=source in the caller's cluster, reporter=destination in the destination's.

/** Median latency of hosts outside the mesh (PassthroughCluster / ServiceEntry). */
export const EXTERNAL_LATENCY_MS = 30;

export interface CallerInfo {
  peer: Peer;
  injected: boolean;
  /** Where the caller runs (traffic from outside the mesh: the destination's cluster). */
  cluster: DemoClusterName;
  configCluster: string;
}

export interface HopRequest {
  caller: CallerInfo;
  rate: number;
  protocol: Protocol;
  service: DestinationService;
  /** The destination workload; absent when the caller's proxy fails before choosing one, or for external hosts. */
  backend?: Workload;
  /** Proxy-made failure before an upstream host is chosen (NR, UH). */
  failure?: { code: number; flags: string };
  decision?: RouteDecision;
  drTlsMode?: string;
  external?: boolean;
}

export interface HopContext {
  topology: Topology;
  scenarios: ScenarioState;
  /** Host resolution over this topology (memoized per plan). */
  resolve: HostResolver;
}

export function workloadPeer(w: Workload): Peer {
  return {
    cluster: w.cluster,
    workload: w.name,
    namespace: w.namespace,
    canonicalService: w.canonicalService,
    canonicalRevision: w.canonicalRevision,
    app: w.app,
    version: w.version,
    principal: principal(w.namespace, w.serviceAccount),
  };
}

/** A TCP connection either opens (and is reported by both proxies) or fails at the caller's proxy. */
function tcpOutcomes(failure: { flags: string; upstream: boolean } | undefined) {
  const one = (flags: string, upstream: boolean): Outcome => ({ share: 1, code: 0, grpcStatus: '', flags, latency: { kind: 'fixed', ms: 0 }, upstream });
  return failure
    ? { source: [one(failure.flags, failure.upstream)], destination: [], destinationPerRequest: 0 }
    : { source: [one('-', true)], destination: [one('-', true)], destinationPerRequest: 1 };
}

export function planHop(ctx: HopContext, req: HopRequest): Flow {
  const { caller, backend } = req;
  const dstCluster = backend?.cluster ?? caller.cluster;
  const dstPeer = backend ? workloadPeer(backend) : UNKNOWN_PEER;
  const cross = backend !== undefined && backend.cluster !== caller.cluster;
  const http = req.protocol !== 'tcp';

  let mtls = false;
  let model: HopModel = {
    protocol: req.protocol === 'grpc' ? 'grpc' : 'http',
    networkMs: networkMs(caller.cluster, dstCluster),
    jitterMs: cross ? 3 : 0.1,
    medianMs: backend?.traffic.latencyMs ?? EXTERNAL_LATENCY_MS,
    errorRate: backend?.traffic.errorRate ?? 0,
  };
  let failure = req.failure && { ...req.failure, upstream: false, latencyMs: 0.3 };
  let silent = false; // a plaintext connection reset by a STRICT destination: nobody reports a request
  if (backend && !failure) {
    const security = connectionSecurity({
      sourceInjected: caller.injected,
      destinationInjected: backend.injected,
      destinationMode: peerAuthMode(ctx.topology.istio.get(backend.cluster), backend.namespace, backend.labels),
      drTlsMode: caller.injected ? req.drTlsMode : undefined,
    });
    mtls = security.policy === 'mutual_tls';
    if (cross && (ctx.scenarios.isCutOff(caller.cluster) || ctx.scenarios.isCutOff(backend.cluster))) {
      failure = { code: 503, flags: 'UH', upstream: false, latencyMs: 0.3 };
    } else if (security.refused) {
      failure = { code: 503, flags: 'UF', upstream: true, latencyMs: model.networkMs + 1 };
      silent = !caller.injected;
    }
    model.networkMs += ctx.scenarios.latencySpikeMs({
      sourceCluster: caller.peer.cluster,
      sourceWorkload: caller.peer.workload,
      sourceApp: caller.peer.canonicalService,
      destinationCluster: backend.cluster,
      destinationService: req.service.name,
      destinationWorkload: backend.name,
    });
    const burst = ctx.scenarios.errorBurstRate(backend.cluster, req.service.namespace, req.service.name);
    if (burst !== undefined) model.errorRate = 1 - (1 - model.errorRate) * (1 - burst);
  }
  const d = caller.injected ? req.decision : undefined;
  model = {
    ...model,
    ...(d?.fault && http ? { fault: d.fault } : {}),
    ...(d?.timeoutMs && http ? { timeoutMs: d.timeoutMs } : {}),
    ...(d?.retries && http ? { retries: d.retries } : {}),
    ...(failure ? { failure } : {}),
  };
  const hop = http ? buildOutcomes(model) : tcpOutcomes(failure);

  const report = (reporter: 'source' | 'destination', outcomes: Outcome[], cluster: DemoClusterName, perRequest: number): Report => ({
    cluster,
    perRequest,
    outcomes: outcomes.map((o) => ({
      ...o,
      labels: hopLabels({
        reporter,
        // without a sidecar the caller sends no peer metadata: the destination cannot name it
        source: caller.injected ? caller.peer : UNKNOWN_PEER,
        destination: o.upstream ? dstPeer : { ...UNKNOWN_PEER },
        service: req.service,
        protocol: req.protocol,
        mtls,
        flags: o.flags,
        ...(http ? { code: o.code, grpcStatus: o.grpcStatus } : {}),
      }),
    })),
  });

  const flow: Flow = {
    edge: {
      sourceCluster: caller.peer.cluster,
      sourceNamespace: caller.peer.namespace,
      sourceWorkload: caller.peer.workload,
      destinationCluster: backend?.cluster ?? UNKNOWN,
      destinationNamespace: backend?.namespace ?? UNKNOWN,
      destinationWorkload: backend?.name ?? UNKNOWN,
      destinationService: req.service.host,
      protocol: req.protocol,
      crossCluster: cross,
      mtls,
    },
    rate: req.rate,
    configCluster: caller.configCluster,
    view: silent ? hop.source.map((o) => ({ ...o, code: 0, flags: 'UF' })) : hop.source,
  };
  if (caller.injected && !silent) flow.source = report('source', hop.source, caller.cluster, 1);
  if (backend?.injected && !req.external && hop.destinationPerRequest > 0) {
    flow.destination = report('destination', hop.destination, backend.cluster, hop.destinationPerRequest);
  }
  if (!http) flow.tcpBytes = failure ? 0 : (backend?.traffic.tcpBytes ?? 2000);
  return flow;
}
