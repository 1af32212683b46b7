import 'server-only';
import { visibility, visibleIn } from '@/lib/mesh-rules/export-to';
import { fqdn as qualify, HostIndex } from '@/lib/mesh-rules/hosts';
import type { KubeObject } from '../types';
import { asArray, asLabels, asString, byAge, field, type Labels } from './objects';
import { normalizeHost } from './hosts';
import type { IstioConfig } from './topology';

// Which VirtualService / DestinationRule of the caller's cluster applies to a destination host.
// Config hosts are resolved in the object's namespace (a single-label short name becomes
// <name>.<ns>.svc.cluster.local); an exact host wins over a wildcard, then the oldest object
// (lib/mesh-rules/hosts.ts HostIndex).

export function resolveConfigHost(host: string, namespace: string): string {
  return qualify(normalizeHost(host), namespace);
}

/** exportTo (lib/mesh-rules/export-to.ts): whether the object is visible in `namespace`. */
export function visibleTo(obj: KubeObject, namespace: string): boolean {
  const exportTo = asArray(field(obj, 'spec', 'exportTo')).filter((x): x is string => typeof x === 'string');
  return visibleIn(visibility(exportTo, obj.metadata.namespace ?? 'default'), namespace);
}

function indexByHost(objects: KubeObject[], hostsOf: (o: KubeObject) => unknown[]): HostIndex<KubeObject> {
  const index = new HostIndex<KubeObject>();
  for (const obj of [...objects].sort(byAge)) {
    const ns = obj.metadata.namespace ?? 'default';
    for (const h of hostsOf(obj)) if (typeof h === 'string') index.add(resolveConfigHost(h, ns), obj);
  }
  return index;
}

// Indexes are built once per IstioConfig (a topology rebuild makes new configs).
const indexes = new WeakMap<IstioConfig, { vs: HostIndex<KubeObject>; dr: HostIndex<KubeObject> }>();
function indexOf(cfg: IstioConfig) {
  let index = indexes.get(cfg);
  if (!index) {
    index = {
      vs: indexByHost(cfg.virtualServices, (vs) => asArray(field(vs, 'spec', 'hosts'))),
      dr: indexByHost(cfg.destinationRules, (dr) => [field(dr, 'spec', 'host')]),
    };
    indexes.set(cfg, index);
  }
  return index;
}

/** The gateways a VirtualService is bound to ("mesh" = the sidecars, the default). */
export function vsGateways(vs: KubeObject): string[] {
  const list = asArray(field(vs, 'spec', 'gateways')).filter((x): x is string => typeof x === 'string');
  return list.length ? list : ['mesh'];
}

/** The VirtualService the sidecars of callerNamespace apply to calls to fqdn. */
export function findVirtualService(cfg: IstioConfig, fqdn: string, callerNamespace: string): KubeObject | undefined {
  return indexOf(cfg).vs.find(fqdn, (vs) => vsGateways(vs).includes('mesh') && visibleTo(vs, callerNamespace));
}

export function findDestinationRule(cfg: IstioConfig, fqdn: string, callerNamespace: string): KubeObject | undefined {
  return indexOf(cfg).dr.find(fqdn, (dr) => visibleTo(dr, callerNamespace));
}

export interface Subset {
  labels: Labels;
  tlsMode?: string;
}

/** A named subset of a DestinationRule, with its effective TLS mode. */
export function findSubset(dr: KubeObject | undefined, name: string): Subset | undefined {
  const subset = asArray(field(dr, 'spec', 'subsets')).find((s) => field(s, 'name') === name);
  if (subset === undefined) return undefined;
  const tlsMode = asString(field(subset, 'trafficPolicy', 'tls', 'mode')) ?? asString(field(dr, 'spec', 'trafficPolicy', 'tls', 'mode'));
  return { labels: asLabels(field(subset, 'labels')), ...(tlsMode ? { tlsMode } : {}) };
}

export function drTlsMode(dr: KubeObject | undefined, subset: Subset | undefined): string | undefined {
  return subset?.tlsMode ?? asString(field(dr, 'spec', 'trafficPolicy', 'tls', 'mode'));
}
