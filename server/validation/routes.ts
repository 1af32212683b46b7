import 'server-only';
import type { Ctx, ResolvedHost } from './context';
import type { Item, Loose } from './types';

// The destinations and match rules of a VirtualService, with their field paths.

export interface DestinationRef {
  /** Path of the destination object, e.g. spec.http[0].route[1].destination. */
  path: string;
  host?: string;
  subset?: string;
  port?: number;
  mirror: boolean;
}

const arr = (v: unknown): Loose[] => (Array.isArray(v) ? v : []);

/** Every destination of routes and mirrors (http, tcp, tls); an entry without a destination is skipped. */
export function destinationsOf(vs: Item): DestinationRef[] {
  const spec = vs.obj.spec as Loose;
  const out: DestinationRef[] = [];
  const add = (d: Loose, path: string, mirror: boolean) => {
    if (!d || typeof d !== 'object') return;
    const port = d.port?.number;
    out.push({
      path,
      mirror,
      ...(typeof d.host === 'string' ? { host: d.host } : {}),
      ...(typeof d.subset === 'string' ? { subset: d.subset } : {}),
      ...(typeof port === 'number' ? { port } : {}),
    });
  };
  for (const proto of ['http', 'tcp', 'tls'] as const) {
    arr(spec?.[proto]).forEach((rule, i) => {
      arr(rule?.route).forEach((r, j) => add(r?.destination, `spec.${proto}[${i}].route[${j}].destination`, false));
      if (proto !== 'http') return;
      add(rule?.mirror, `spec.http[${i}].mirror`, true);
      arr(rule?.mirrors).forEach((m, k) => add(m?.destination, `spec.http[${i}].mirrors[${k}].destination`, true));
    });
  }
  return out;
}

/** The gateways a VirtualService binds to; none means the mesh (sidecars). */
export function gatewaysOf(vs: Item): string[] {
  const g = arr((vs.obj.spec as Loose)?.gateways).filter((x): x is string => typeof x === 'string');
  return g.length === 0 ? ['mesh'] : g;
}

export function hostsOf(obj: Item): string[] {
  return arr((obj.obj.spec as Loose)?.hosts).filter((x): x is string => typeof x === 'string');
}

/** `name` or `ns/name` of a gateway reference, in the referencing object's namespace. */
export function gatewayRef(ref: string, namespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  return slash < 0 ? { namespace, name: ref } : { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/** Each destination that names a host, with what the host resolves to from the VirtualService (its namespace and exportTo). */
export function resolvedDestinations(ctx: Ctx, vs: Item): { d: DestinationRef & { host: string }; resolved: ResolvedHost | undefined }[] {
  const exportTo = (vs.obj.spec as Loose)?.exportTo as string[] | undefined;
  return destinationsOf(vs)
    .filter((d): d is DestinationRef & { host: string } => d.host !== undefined)
    .map((d) => ({ d, resolved: ctx.resolveHost(d.host, vs.namespace ?? 'default', exportTo) }));
}
