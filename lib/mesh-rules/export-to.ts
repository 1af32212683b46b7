// exportTo: which namespaces see a Service, ServiceEntry, VirtualService or DestinationRule (and
// so which namespaces a host resolves in). A set of namespaces, `*` meaning every namespace.

export type Scopes = ReadonlySet<string>;

/** The annotation by which a Kubernetes Service sets its exportTo. */
export const SERVICE_EXPORT_TO_ANNOTATION = 'networking.istio.io/exportTo';

/** Namespaces an object is visible in, from `exportTo` as in the spec (`.` = its own namespace, `~` = none, absent = all). */
export function visibility(exportTo: readonly string[] | undefined, namespace: string): Set<string> {
  if (!exportTo || exportTo.length === 0) return new Set(['*']);
  return new Set(exportTo.filter((e) => e !== '~').map((e) => (e === '.' ? namespace : e)));
}

/** Visibility of a Service, from its exportTo annotation (comma-separated). */
export function serviceVisibility(annotations: Readonly<Record<string, string>> | undefined, namespace: string): Set<string> {
  const annotation = annotations?.[SERVICE_EXPORT_TO_ANNOTATION];
  return visibility(annotation?.split(',').map((s) => s.trim()).filter(Boolean), namespace);
}

/** Whether something visible in `scopes` is seen from namespace `ns`. */
export function visibleIn(scopes: Scopes, ns: string): boolean {
  return scopes.has('*') || scopes.has(ns);
}

/** Whether two visibility sets share a namespace. */
export function scopesOverlap(a: Scopes, b: Scopes): boolean {
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
