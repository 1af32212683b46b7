import 'server-only';
import { serviceFqdn, serviceOfHost, type HostScope } from '@/lib/mesh-rules/hosts';
import type { DemoClusterName } from '../types';
import { asArray, field } from './objects';
import { serviceKey, type ServiceInCluster, type Topology } from './topology';

// Host resolution as an Istio multi-primary mesh does it (namespace sameness; the names are
// lib/mesh-rules/hosts.ts's):
//  - <svc>.<ns>.svc.cluster.local (or <svc>, <svc>.<ns>, <svc>.<ns>.svc): Service <ns>/<svc> in EVERY
//    cluster that has it (a caller without a sidecar only reaches its own cluster, through kube-proxy);
//  - <svc>.<ns>.svc.clusterset.local: the Service in the clusters that export it (ServiceExport);
//    where the caller's cluster holds GKE's import of it, Envoy knows the service by the import's
//    derived Service (gke-mcs-<hash>.<ns>.svc.cluster.local), and that is what its telemetry names;
//  - anything else: an external host (a ServiceEntry's, or Envoy's PassthroughCluster).

export type HostTarget =
  | {
      kind: 'service';
      /** FQDN as Istio reports it in destination_service. */
      fqdn: string;
      namespace: string;
      name: string;
      scope: HostScope;
      /** The Service in every cluster the caller can reach it in. */
      instances: ServiceInCluster[];
      /** How the caller's proxy names it in telemetry, when not by `fqdn`/`name` (GKE's derived Service). */
      reportedAs?: { host: string; name: string };
    }
  | { kind: 'external'; host: string; serviceEntryNamespace?: string };

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/:\d+$/, '');
}

export function resolveHost(
  topology: Topology,
  rawHost: string,
  caller: { cluster: DemoClusterName; namespace: string; injected: boolean },
): HostTarget {
  const host = normalizeHost(rawHost);
  const parsed = serviceOfHost(host, caller.namespace);
  const perCluster = parsed && topology.services.get(serviceKey(parsed.namespace, parsed.name));
  if (parsed && (perCluster || !parsed.ambiguous)) {
    const all = [...(perCluster?.values() ?? [])];
    const instances =
      parsed.scope === 'clusterset'
        ? all.filter((s) => topology.exports.has(`${s.cluster}|${serviceKey(s.namespace, s.name)}`))
        : caller.injected
          ? all
          : all.filter((s) => s.cluster === caller.cluster);
    const derived = parsed.scope === 'clusterset' ? topology.derived.get(`${caller.cluster}|${serviceKey(parsed.namespace, parsed.name)}`) : undefined;
    return {
      kind: 'service',
      fqdn: serviceFqdn(parsed.name, parsed.namespace, parsed.scope),
      ...parsed,
      instances,
      ...(derived ? { reportedAs: { host: serviceFqdn(derived, parsed.namespace), name: derived } } : {}),
    };
  }
  const entry = topology.istio
    .get(caller.cluster)
    ?.serviceEntries.find((se) => asArray(field(se, 'spec', 'hosts')).some((h) => typeof h === 'string' && normalizeHost(h) === host));
  return entry ? { kind: 'external', host, serviceEntryNamespace: entry.metadata.namespace ?? 'default' } : { kind: 'external', host };
}

/** resolveHost with a memo, for one plan (many callers call the same hosts). */
export type HostResolver = (host: string, caller: { cluster: DemoClusterName; namespace: string; injected: boolean }) => HostTarget;

export function hostResolver(topology: Topology): HostResolver {
  const memo = new Map<string, HostTarget>();
  return (host, caller) => {
    const key = `${caller.cluster}|${caller.namespace}|${caller.injected}|${host}`;
    let target = memo.get(key);
    if (!target) memo.set(key, (target = resolveHost(topology, host, caller)));
    return target;
  };
}
