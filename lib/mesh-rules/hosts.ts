// Host names as Istio's proxies read them: the one definition of host resolution, used by the
// graph, validation, the editors, the mesh page and the demo mesh.
//  - a short name (`reviews`) is the Service of that name in the namespace of the object naming it;
//  - `reviews.bookinfo` and `reviews.bookinfo.svc` are the Service bookinfo/reviews (the first could
//    also be an external DNS name: callers that know the Services decide);
//  - `reviews.bookinfo.svc.cluster.local` is that Service in the caller's cluster (every cluster
//    holding it, in a multi-primary mesh); `reviews.bookinfo.svc.clusterset.local` is the Service in
//    the clusters that export it (Kubernetes MCS);
//  - `*` and `*.example.com` are wildcards that match by suffix;
//  - any other name is an external host, declared by a ServiceEntry (see HostIndex).
// Which namespaces see a host (exportTo) is lib/mesh-rules/export-to.ts.

export const CLUSTER_DOMAIN = 'cluster.local';
export const CLUSTERSET_DOMAIN = 'clusterset.local';

/** `cluster`: the Service of the cluster(s) that hold it; `clusterset`: of the clusters exporting it. */
export type HostScope = 'cluster' | 'clusterset';

export interface ServiceHost {
  name: string;
  namespace: string;
  scope: HostScope;
}

/** `reviews`, `bookinfo` -> `reviews.bookinfo.svc.cluster.local` (or `.svc.clusterset.local`). */
export function serviceFqdn(name: string, namespace: string, scope: HostScope = 'cluster'): string {
  return `${name}.${namespace}.svc.${scope === 'clusterset' ? CLUSTERSET_DOMAIN : CLUSTER_DOMAIN}`;
}

/** Whether a host is a wildcard (`*`, `*.example.com`). */
export function isWildcard(host: string): boolean {
  return host.startsWith('*');
}

/** Istio's short-name rule: `reviews` named in `bookinfo` -> its FQDN; names with a dot and wildcards stay as they are. */
export function fqdn(host: string, namespace: string): string {
  if (isWildcard(host) || host.includes('.')) return host;
  return serviceFqdn(host, namespace);
}

const LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const SERVICE_FQDN = new RegExp(`^(${LABEL})\\.(${LABEL})\\.svc\\.(cluster\\.local|clusterset\\.local)$`);
const DNS_LABEL = new RegExp(`^${LABEL}$`);

/** The Service a fully qualified `name.ns.svc.cluster.local` or `name.ns.svc.clusterset.local` host names. */
export function parseServiceFqdn(host: string): ServiceHost | undefined {
  const m = SERVICE_FQDN.exec(host);
  if (!m?.[1] || !m[2]) return undefined;
  return { name: m[1], namespace: m[2], scope: m[3] === CLUSTERSET_DOMAIN ? 'clusterset' : 'cluster' };
}

export interface ServiceRef extends ServiceHost {
  /** Written `name.ns`: also a valid external name, so it is the Service only when that Service exists. */
  ambiguous: boolean;
}

/**
 * The Service a host names, from an object (or caller) in `namespace`, in any of the forms a proxy
 * accepts: `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local`, `name.ns.svc.clusterset.local`.
 * Undefined for wildcards and external hosts.
 */
export function serviceOfHost(host: string, namespace: string): ServiceRef | undefined {
  if (isWildcard(host)) return undefined;
  const full = parseServiceFqdn(fqdn(host, namespace));
  if (full) return { ...full, ambiguous: false };
  const labels = host.split('.');
  const [name, ns, svc] = labels;
  if (!name || !ns || !DNS_LABEL.test(name) || !DNS_LABEL.test(ns)) return undefined;
  if (labels.length === 2) return { name, namespace: ns, scope: 'cluster', ambiguous: true };
  if (labels.length === 3 && svc === 'svc') return { name, namespace: ns, scope: 'cluster', ambiguous: false };
  return undefined;
}

/** Whether `host` is one of the names `pattern` stands for: itself, or for a wildcard every name under its suffix. */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host || pattern === '*') return true;
  return isWildcard(pattern) && host.endsWith(pattern.slice(1));
}

/** Whether two hosts (either may be a wildcard) have a name in common. */
export function hostsIntersect(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a);
}

/** A Gateway server host `ns/host`, `./host`, `*\/host` or `host` as [namespace or '*', host]. */
export function gatewayHost(h: string, gatewayNamespace: string): [string, string] {
  const slash = h.indexOf('/');
  if (slash < 0) return ['*', h];
  const ns = h.slice(0, slash);
  return [ns === '.' ? gatewayNamespace : ns, h.slice(slash + 1)];
}

/**
 * Values by the hosts that declare them (ServiceEntry hosts, VirtualService hosts): a lookup finds
 * the exact host before any wildcard, and among equals the value added first.
 */
export class HostIndex<T> {
  private readonly exact = new Map<string, T[]>();
  private readonly wildcards: { pattern: string; value: T }[] = [];

  add(host: string, value: T): void {
    if (isWildcard(host)) {
      this.wildcards.push({ pattern: host, value });
      return;
    }
    const list = this.exact.get(host);
    if (list) list.push(value);
    else this.exact.set(host, [value]);
  }

  /** The first value declaring `host` that `keep` accepts: exact hosts first, then wildcards in order. */
  find(host: string, keep: (value: T) => boolean = () => true): T | undefined {
    return this.exact.get(host)?.find(keep) ?? this.wildcards.find((w) => hostMatches(w.pattern, host) && keep(w.value))?.value;
  }
}
