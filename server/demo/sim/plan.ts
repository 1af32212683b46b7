import 'server-only';
import { serviceFqdn } from '@/lib/mesh-rules/hosts';
import type { DemoCall } from '../types';
import { drTlsMode, findDestinationRule, findSubset } from './config';
import type { Flow } from './flow';
import { planHop, workloadPeer, type CallerInfo, type HopContext } from './hop';
import { hostResolver, type HostTarget } from './hosts';
import { UNKNOWN, UNKNOWN_PEER, type DestinationService, type Peer } from './labels';
import { gatewayRoutesTo, routeCall, type RouteDecision } from './routing';
import { principal, ROOT_NAMESPACE } from './security';
import { subsetPods, type ServiceInCluster, type Topology, type Workload } from './topology';

// The traffic plan: every caller's calls resolved to flows. A call goes host -> VirtualService
// decisions (one per request class, only when the caller has a sidecar) -> weighted route
// destinations -> DestinationRule subset -> the destination's workloads in every reachable cluster,
// spread in proportion to their ready pods. Entry traffic (entry-rps) comes from the ingress gateway
// when a Gateway-bound VirtualService routes to the workload's Service, else from outside ("unknown").

function serviceOf(target: HostTarget): DestinationService {
  return target.kind === 'service'
    ? { host: target.reportedAs?.host ?? target.fqdn, name: target.reportedAs?.name ?? target.name, namespace: target.namespace }
    : target.serviceEntryNamespace
      ? { host: target.host, name: target.host, namespace: target.serviceEntryNamespace }
      : { host: target.host, name: 'PassthroughCluster', namespace: UNKNOWN };
}

function planTarget(ctx: HopContext, caller: CallerInfo, w: Workload, call: DemoCall, decision: RouteDecision, host: string, rate: number, subsetName: string | undefined, out: Flow[]): void {
  const target = ctx.resolve(host, { cluster: w.cluster, namespace: w.namespace, injected: w.injected });
  const base = { caller, protocol: call.protocol, decision, service: serviceOf(target) };
  if (target.kind === 'external') {
    out.push(planHop(ctx, { ...base, rate, external: true }));
    return;
  }
  const dr = w.injected ? findDestinationRule(ctx.topology.istio.get(w.cluster) ?? emptyConfig, target.fqdn, w.namespace) : undefined;
  const subset = subsetName === undefined ? undefined : findSubset(dr, subsetName);
  if (subsetName !== undefined && !subset) {
    out.push(planHop(ctx, { ...base, rate, failure: { code: 503, flags: 'NR' } }));
    return;
  }
  const backends = target.instances.flatMap((inst) =>
    inst.backends.map((b) => ({ workload: b.workload, pods: subset ? subsetPods(b, subset.labels).length : b.pods.length })),
  );
  const total = backends.reduce((sum, b) => sum + b.pods, 0);
  if (total === 0) {
    out.push(planHop(ctx, { ...base, rate, failure: { code: 503, flags: 'UH' } }));
    return;
  }
  const tls = drTlsMode(dr, subset);
  for (const b of backends) {
    if (b.pods === 0) continue;
    out.push(planHop(ctx, { ...base, rate: (rate * b.pods) / total, backend: b.workload, ...(tls ? { drTlsMode: tls } : {}) }));
  }
}

const emptyConfig = { virtualServices: [], destinationRules: [], peerAuthentications: [], serviceEntries: [] };

function planCall(ctx: HopContext, w: Workload, call: DemoCall, out: Flow[]): void {
  if (call.rps <= 0) return;
  const caller: CallerInfo = { peer: workloadPeer(w), injected: w.injected, cluster: w.cluster, configCluster: w.cluster };
  const called = ctx.resolve(call.host, { cluster: w.cluster, namespace: w.namespace, injected: w.injected });
  const fqdn = called.kind === 'service' ? called.fqdn : called.host;
  const decisions: RouteDecision[] = w.injected
    ? routeCall(ctx.topology.istio.get(w.cluster), { namespace: w.namespace, labels: w.labels }, fqdn, {
        port: call.port,
        protocol: call.protocol,
        serviceName: called.kind === 'service' ? called.name : called.host,
      })
    : [{ share: 1, targets: [{ host: fqdn, weight: 1 }] }];
  for (const decision of decisions) {
    const rate = call.rps * decision.share;
    if (decision.local) {
      out.push(planHop(ctx, { caller, rate, protocol: call.protocol, service: serviceOf(called), decision, failure: decision.local }));
      continue;
    }
    for (const t of decision.targets) planTarget(ctx, caller, w, call, decision, t.host, rate * t.weight, t.subset, out);
  }
}

/** The Services selecting each workload (in the workload's cluster). */
function servicesByWorkload(topology: Topology): Map<Workload, ServiceInCluster[]> {
  const index = new Map<Workload, ServiceInCluster[]>();
  for (const perCluster of topology.services.values()) {
    for (const svc of perCluster.values()) {
      for (const b of svc.backends) index.set(b.workload, [...(index.get(b.workload) ?? []), svc]);
    }
  }
  return index;
}

/** The ingress gateway's identity: its Deployment when the cluster runs one (label istio=ingressgateway). */
function ingressPeer(w: Workload, gateways: Map<string, Workload>): Peer {
  const gw = gateways.get(w.cluster);
  if (gw) return workloadPeer(gw);
  return {
    cluster: w.cluster,
    workload: 'istio-ingressgateway',
    namespace: ROOT_NAMESPACE,
    canonicalService: 'istio-ingressgateway',
    canonicalRevision: 'latest',
    app: 'istio-ingressgateway',
    version: UNKNOWN,
    principal: principal(ROOT_NAMESPACE, 'istio-ingressgateway-service-account'),
  };
}

function planEntry(ctx: HopContext, w: Workload, services: ServiceInCluster[], gateways: Map<string, Workload>, out: Flow[]): void {
  const first = services[0];
  const service: DestinationService = first
    ? { host: serviceFqdn(first.name, first.namespace), name: first.name, namespace: first.namespace }
    : { host: UNKNOWN, name: UNKNOWN, namespace: UNKNOWN };
  const hosts = new Set(services.map((s) => serviceFqdn(s.name, s.namespace)));
  const viaGateway = gatewayRoutesTo(ctx.topology.istio.get(w.cluster), hosts);
  const caller: CallerInfo = viaGateway
    ? { peer: ingressPeer(w, gateways), injected: true, cluster: w.cluster, configCluster: w.cluster }
    : { peer: UNKNOWN_PEER, injected: false, cluster: w.cluster, configCluster: w.cluster };
  out.push(planHop(ctx, { caller, rate: w.traffic.entryRps, protocol: 'http', service, backend: w }));
}

/**
 * Builds the flows of every workload. Callers in a cluster whose proxies are stale (proxy-stale)
 * keep the flows they had in `previous`.
 */
export function buildPlan(input: Omit<HopContext, 'resolve'>, previous: readonly Flow[] = []): Flow[] {
  const ctx: HopContext = { ...input, resolve: hostResolver(input.topology) };
  const stale = new Set<string>(ctx.topology.clusters.filter((c) => ctx.scenarios.staleProxies(c)));
  const flows: Flow[] = previous.filter((f) => stale.has(f.configCluster));
  const services = servicesByWorkload(ctx.topology);
  const gateways = new Map<string, Workload>();
  for (const w of ctx.topology.workloads) if (w.labels.istio === 'ingressgateway' && !gateways.has(w.cluster)) gateways.set(w.cluster, w);
  for (const w of ctx.topology.workloads) {
    if (stale.has(w.cluster)) continue;
    for (const call of w.traffic.calls) planCall(ctx, w, call, flows);
    if (w.traffic.entryRps > 0) planEntry(ctx, w, services.get(w) ?? [], gateways, flows);
  }
  return flows;
}
