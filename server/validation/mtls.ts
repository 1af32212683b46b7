import 'server-only';
import type { Ctx } from './context';
import type { Item, Loose } from './types';
import { selects } from './workloads';

// mTLS as a workload receives it (PeerAuthentication) and as clients send it (DestinationRule tls).

export type PeerMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface EffectivePeer {
  mode: PeerMode;
  /** The PeerAuthentication that decides, if any. */
  policy?: Item;
}

const modeOf = (pa: Item): string | undefined => (pa.obj.spec as Loose)?.mtls?.mode;

/** The mode a pod accepts: a selecting policy of its namespace, else its namespace's, else the mesh's (root namespace), else PERMISSIVE. */
export function effectivePeer(ctx: Ctx, pod: Item): EffectivePeer {
  const policies = ctx.items('PeerAuthentication', pod.cluster);
  const ns = pod.namespace ?? 'default';
  const selector = (pa: Item) => (pa.obj.spec as Loose)?.selector?.matchLabels as Record<string, string> | undefined;
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
  subsetLabels?: Record<string, string>;
}

/** Every tls mode a DestinationRule sets (top level, per port, per subset). */
export function clientTlsModes(dr: Item): ClientTls[] {
  const spec = dr.obj.spec as Loose;
  const out: ClientTls[] = [];
  const fromPolicy = (tp: Loose, base: string, subsetLabels?: Record<string, string>) => {
    if (typeof tp?.tls?.mode === 'string') out.push({ path: `${base}.tls.mode`, mode: tp.tls.mode, ...(subsetLabels ? { subsetLabels } : {}) });
    (Array.isArray(tp?.portLevelSettings) ? tp.portLevelSettings : []).forEach((p: Loose, i: number) => {
      if (typeof p?.tls?.mode === 'string') out.push({ path: `${base}.portLevelSettings[${i}].tls.mode`, mode: p.tls.mode, ...(subsetLabels ? { subsetLabels } : {}) });
    });
  };
  fromPolicy(spec?.trafficPolicy, 'spec.trafficPolicy');
  (Array.isArray(spec?.subsets) ? spec.subsets : []).forEach((s: Loose, i: number) =>
    fromPolicy(s?.trafficPolicy, `spec.subsets[${i}].trafficPolicy`, s?.labels ?? {}),
  );
  return out;
}

/** Pods behind the Services of a DestinationRule's host (every cluster holding the Service), optionally narrowed by subset labels. */
export function backendPods(ctx: Ctx, services: Item[], subsetLabels?: Record<string, string>): Item[] {
  return services.flatMap((svc) => {
    const selector = (svc.obj.spec as Loose)?.selector as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) return [];
    return ctx
      .pods(svc.namespace ?? 'default', svc.cluster)
      .filter((p) => selects(selector, p.obj.metadata.labels) && selects(subsetLabels, p.obj.metadata.labels));
  });
}

/** Each tls mode of a DestinationRule with the pods it applies to (the host's Service pods of every cluster, narrowed by subset). */
export function tlsTargets(ctx: Ctx, dr: Item): { tls: ClientTls; pods: Item[] }[] {
  const host = (dr.obj.spec as Loose)?.host;
  if (typeof host !== 'string') return [];
  const services = ctx.resolveHost(host, dr.namespace ?? 'default')?.services ?? [];
  return clientTlsModes(dr).map((tls) => ({ tls, pods: backendPods(ctx, services, tls.subsetLabels) }));
}
