import 'server-only';
import type { KubeObject } from '../types';
import { asArray, asLabels, asString, byAge, field, type Labels } from './objects';
import { CLUSTER_SUFFIX, normalizeHost } from './hosts';
import type { IstioConfig } from './topology';

// Which VirtualService / DestinationRule of the caller's cluster applies to a destination host.
// Config hosts are resolved in the object's namespace (a single-label short name becomes
// <name>.<ns>.svc.cluster.local); an exact host wins over a wildcard, then the oldest object.

export function resolveConfigHost(host: string, namespace: string): string {
  const h = normalizeHost(host);
  return h === '*' || h.includes('.') ? h : `${h}.${namespace}${CLUSTER_SUFFIX}`;
}

/** 0 = no match, 1 = wildcard match, 2 = exact match. */
function hostScore(pattern: string, fqdn: string): number {
  if (pattern === fqdn) return 2;
  if (pattern === '*') return 1;
  if (pattern.startsWith('*.') && fqdn.endsWith(pattern.slice(1))) return 1;
  return 0;
}

/** exportTo: absent or "*" = everywhere, "." = own namespace, else the listed namespaces. */
export function visibleTo(obj: KubeObject, namespace: string): boolean {
  const exportTo = asArray(field(obj, 'spec', 'exportTo')).filter((x): x is string => typeof x === 'string');
  if (exportTo.length === 0 || exportTo.includes('*')) return true;
  const own = obj.metadata.namespace ?? 'default';
  return exportTo.some((e) => (e === '.' ? own === namespace : e === namespace));
}

interface HostIndex {
  exact: Map<string, KubeObject[]>;
  wildcard: { pattern: string; obj: KubeObject }[];
}

function indexByHost(objects: KubeObject[], hostsOf: (o: KubeObject) => unknown[]): HostIndex {
  const index: HostIndex = { exact: new Map(), wildcard: [] };
  for (const obj of [...objects].sort(byAge)) {
    const ns = obj.metadata.namespace ?? 'default';
    for (const h of hostsOf(obj)) {
      if (typeof h !== 'string') continue;
      const host = resolveConfigHost(h, ns);
      if (host.startsWith('*')) index.wildcard.push({ pattern: host, obj });
      else index.exact.set(host, [...(index.exact.get(host) ?? []), obj]);
    }
  }
  return index;
}

function lookup(index: HostIndex, fqdn: string, keep: (o: KubeObject) => boolean): KubeObject | undefined {
  return (
    index.exact.get(fqdn)?.find(keep) ??
    index.wildcard.find((w) => hostScore(w.pattern, fqdn) > 0 && keep(w.obj))?.obj
  );
}

// Indexes are built once per IstioConfig (a topology rebuild makes new configs).
const indexes = new WeakMap<IstioConfig, { vs: HostIndex; dr: HostIndex }>();
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
  return lookup(indexOf(cfg).vs, fqdn, (vs) => vsGateways(vs).includes('mesh') && visibleTo(vs, callerNamespace));
}

export function findDestinationRule(cfg: IstioConfig, fqdn: string, callerNamespace: string): KubeObject | undefined {
  return lookup(indexOf(cfg).dr, fqdn, (dr) => visibleTo(dr, callerNamespace));
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
