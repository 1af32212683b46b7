import 'server-only';
import { arr, at, rec, str, strMap, type StringMap } from '@/lib/mesh-rules/spec';
import type { Ctx } from './context';
import type { Item } from './types';
import { selects } from './workloads';

// mTLS as a workload receives it (PeerAuthentication) and as clients send it (DestinationRule tls).

export type PeerMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface EffectivePeer {
  mode: PeerMode;
  /** The PeerAuthentication that decides, if any. */
  policy?: Item;
}

const modeOf = (pa: Item): string | undefined => str(at(pa.obj.spec, 'mtls', 'mode'));

/** The mode a pod accepts: a selecting policy of its namespace, else its namespace's, else the mesh's (root namespace), else PERMISSIVE. */
export function effectivePeer(ctx: Ctx, pod: Item): EffectivePeer {
  const policies = ctx.items('PeerAuthentication', pod.cluster);
  const ns = pod.namespace ?? 'default';
  const selector = (pa: Item) => strMap(at(pa.obj.spec, 'selector', 'matchLabels'));
  const levels = [
    policies.filter((pa) => pa.namespace === ns && selector(pa) && selects(selector(pa), pod.obj.metadata.labels)),
    policies.filter((pa) => pa.namespace === ns && !selector(pa)),
    policies.filter((pa) => pa.namespace === ctx.rootNamespace && !selector(pa)),
  ];
  for (const level of levels) {
    const pa = level.find((p) => modeOf(p) && modeOf(p) !== 'UNSET');
    if (pa) return { mode: modeOf(pa) as PeerMode, policy: pa };
  }
  return { mode: 'PERMISSIVE' };
}

export interface ClientTls {
  path: string;
  mode: string;
  /** Subset labels narrowing the workloads, for a subset's policy. */
  subsetLabels?: StringMap;
}

/** Every tls mode a DestinationRule sets (top level, per port, per subset). */
export function clientTlsModes(dr: Item): ClientTls[] {
  const spec = rec(dr.obj.spec);
  const out: ClientTls[] = [];
  const push = (path: string, mode: string | undefined, subsetLabels?: StringMap) => {
    if (mode !== undefined) out.push({ path, mode, ...(subsetLabels ? { subsetLabels } : {}) });
  };
  const fromPolicy = (tp: unknown, base: string, subsetLabels?: StringMap) => {
    push(`${base}.tls.mode`, str(at(tp, 'tls', 'mode')), subsetLabels);
    arr(at(tp, 'portLevelSettings')).forEach((p, i) => push(`${base}.portLevelSettings[${i}].tls.mode`, str(at(p, 'tls', 'mode')), subsetLabels));
  };
  fromPolicy(spec.trafficPolicy, 'spec.trafficPolicy');
  arr(spec.subsets).forEach((s, i) => fromPolicy(at(s, 'trafficPolicy'), `spec.subsets[${i}].trafficPolicy`, strMap(at(s, 'labels')) ?? {}));
  return out;
}

/** Pods behind the Services of a DestinationRule's host (every cluster holding the Service), optionally narrowed by subset labels. */
export function backendPods(ctx: Ctx, services: Item[], subsetLabels?: StringMap): Item[] {
  return services.flatMap((svc) => {
    const selector = strMap(rec(svc.obj.spec).selector);
    if (!selector || Object.keys(selector).length === 0) return [];
    return ctx
      .pods(svc.namespace ?? 'default', svc.cluster)
      .filter((p) => selects(selector, p.obj.metadata.labels) && selects(subsetLabels, p.obj.metadata.labels));
  });
}

/** Each tls mode of a DestinationRule with the pods it applies to (the host's Service pods of every cluster, narrowed by subset). */
export function tlsTargets(ctx: Ctx, dr: Item): { tls: ClientTls; pods: Item[] }[] {
  const host = str(rec(dr.obj.spec).host);
  if (host === undefined) return [];
  const services = ctx.resolveHost(host, dr.namespace ?? 'default')?.services ?? [];
  return clientTlsModes(dr).map((tls) => ({ tls, pods: backendPods(ctx, services, tls.subsetLabels) }));
}
