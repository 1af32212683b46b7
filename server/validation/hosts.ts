import 'server-only';

// Host names as Istio reads them: short names resolve in the namespace of the object that names
// them, wildcards match by suffix, and exportTo scopes decide which namespaces see a host.

export const DOMAIN = 'cluster.local';
export const CLUSTERSET_DOMAIN = 'clusterset.local';

/** `reviews` in `bookinfo` -> `reviews.bookinfo.svc.cluster.local`; names with a dot and wildcards stay as they are. */
export function fqdn(host: string, namespace: string): string {
  if (host === '*' || host.includes('.') || host.startsWith('*')) return host;
  return `${host}.${namespace}.svc.${DOMAIN}`;
}

export interface KubeHost {
  name: string;
  namespace: string;
  clusterset: boolean;
}

const KUBE_HOST = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc\.(cluster\.local|clusterset\.local)$/;

/** The Service a `name.ns.svc.cluster.local` or `name.ns.svc.clusterset.local` host names. */
export function kubeHost(host: string): KubeHost | undefined {
  const m = KUBE_HOST.exec(host);
  if (!m?.[1] || !m[3]) return undefined;
  return { name: m[1], namespace: m[3], clusterset: m[5] === CLUSTERSET_DOMAIN };
}

/** Whether two hosts (either may be a wildcard such as `*` or `*.example.com`) have a name in common. */
export function hostsIntersect(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true;
  const wa = a.startsWith('*');
  const wb = b.startsWith('*');
  if (wa && wb) return a.slice(1).endsWith(b.slice(1)) || b.slice(1).endsWith(a.slice(1));
  if (wa) return b.endsWith(a.slice(1));
  if (wb) return a.endsWith(b.slice(1));
  return a === b;
}

/** Namespaces an object is visible in: `*` for all. `exportTo` as in the spec (`.` = own namespace, `~` = none). */
export function visibility(exportTo: readonly string[] | undefined, namespace: string): Set<string> {
  if (!exportTo || exportTo.length === 0) return new Set(['*']);
  return new Set(exportTo.filter((e) => e !== '~').map((e) => (e === '.' ? namespace : e)));
}

/** Visibility of a Service from its `networking.istio.io/exportTo` annotation. */
export function serviceVisibility(annotation: string | undefined, namespace: string): Set<string> {
  return visibility(annotation?.split(',').map((s) => s.trim()).filter(Boolean), namespace);
}

/** Whether something visible in `scopes` is seen from namespace `ns` (`*` = from every namespace). */
export function visibleIn(scopes: ReadonlySet<string>, ns: string): boolean {
  return scopes.has('*') || scopes.has(ns);
}

/** Whether two visibility sets share a namespace. */
export function scopesOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.has('*') || b.has('*')) return a.size > 0 && b.size > 0;
  for (const ns of a) if (b.has(ns)) return true;
  return false;
}

/**
 * The namespaces from which a referencing object (a VirtualService with `exportTo`) looks a host up:
 * its own namespace without exportTo, else each exportTo entry (as istioctl does).
 */
export function lookupScopes(exportTo: readonly string[] | undefined, namespace: string): string[] {
  if (!exportTo || exportTo.length === 0) return [namespace];
  return exportTo.map((e) => (e === '.' ? namespace : e));
}

/** A Gateway server host `ns/host`, `./host`, `*\/host` or `host` as [namespace or '*', host]. */
export function gatewayHost(h: string, gatewayNamespace: string): [string, string] {
  const slash = h.indexOf('/');
  if (slash < 0) return ['*', h];
  const ns = h.slice(0, slash);
  return [ns === '.' ? gatewayNamespace : ns, h.slice(slash + 1)];
}
