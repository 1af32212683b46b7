import 'server-only';
import { routeDestinations, type DestinationRef } from '@/lib/mesh-rules/routes';
import { rec, strs } from '@/lib/mesh-rules/spec';
import type { Ctx, ResolvedHost } from './context';
import type { Item } from './types';

// The destinations (lib/mesh-rules/routes.ts), gateways and hosts of a VirtualService.

export type { DestinationRef };

/** Every destination of routes and mirrors (http, tcp, tls); an entry without a destination is skipped. */
export function destinationsOf(vs: Item): DestinationRef[] {
  return routeDestinations(vs.obj.spec);
}

/** The gateways a VirtualService binds to; none means the mesh (sidecars). */
export function gatewaysOf(vs: Item): string[] {
  const g = strs(rec(vs.obj.spec).gateways);
  return g.length === 0 ? ['mesh'] : g;
}

export function hostsOf(obj: Item): string[] {
  return strs(rec(obj.obj.spec).hosts);
}

/** `name` or `ns/name` of a gateway reference, in the referencing object's namespace. */
export function gatewayRef(ref: string, namespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  return slash < 0 ? { namespace, name: ref } : { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/** Each destination that names a host, with what the host resolves to from the VirtualService (its namespace and exportTo). */
export function resolvedDestinations(ctx: Ctx, vs: Item): { d: DestinationRef & { host: string }; resolved: ResolvedHost | undefined }[] {
  const exportTo = strs(rec(vs.obj.spec).exportTo);
  return destinationsOf(vs)
    .filter((d): d is DestinationRef & { host: string } => d.host !== undefined)
    .map((d) => ({ d, resolved: ctx.resolveHost(d.host, vs.namespace ?? 'default', exportTo) }));
}
