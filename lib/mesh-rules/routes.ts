// The destinations a VirtualService sends traffic to, read from its untyped spec with their field
// paths: routes of the http, tcp and tls rules, and http mirrors. Shared by validation (the
// destination, subset and port checks) and the editors (what a change affects).
import { fieldPath } from './field-path';
import { arr, at, isRec, num, str } from './spec';

/** The rule lists of a VirtualService, in the order Envoy matches them. */
export const ROUTE_PROTOCOLS = ['http', 'tcp', 'tls'] as const;
export type RouteProtocol = (typeof ROUTE_PROTOCOLS)[number];

export interface DestinationRef {
  /** Path of the destination object, e.g. spec.http[0].route[1].destination. */
  path: string;
  host?: string;
  subset?: string;
  port?: number;
  /** A mirror (copies of the requests), not a route. */
  mirror: boolean;
}

/** Every destination of routes and mirrors; an entry without a destination object is skipped. */
export function routeDestinations(spec: unknown): DestinationRef[] {
  const out: DestinationRef[] = [];
  const add = (d: unknown, path: (string | number)[], mirror: boolean) => {
    if (!isRec(d)) return;
    const host = str(d.host);
    const subset = str(d.subset);
    const port = num(at(d, 'port', 'number'));
    out.push({ path: fieldPath(['spec', ...path]), mirror, ...(host !== undefined ? { host } : {}), ...(subset !== undefined ? { subset } : {}), ...(port !== undefined ? { port } : {}) });
  };
  for (const proto of ROUTE_PROTOCOLS) {
    arr(at(spec, proto)).forEach((rule, i) => {
      arr(at(rule, 'route')).forEach((r, j) => add(at(r, 'destination'), [proto, i, 'route', j, 'destination'], false));
      if (proto !== 'http') return;
      add(at(rule, 'mirror'), [proto, i, 'mirror'], true);
      arr(at(rule, 'mirrors')).forEach((m, k) => add(at(m, 'destination'), [proto, i, 'mirrors', k, 'destination'], true));
    });
  }
  return out;
}
