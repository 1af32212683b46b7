// Starting points of a new Istio object: a blank object per kind, or routing for a service
// (hosts = [service], a DestinationRule with one subset per version of the service's pods).
import { ISTIO_KINDS, type IstioKindName } from '../kinds';
import type { Obj } from './object';

export interface NewObjectSeed {
  kind: IstioKindName;
  namespace: string;
  name?: string;
  /** Service to route (VirtualService, DestinationRule): hosts and subsets refer to it. */
  service?: string;
  /** Versions of the service's pods (from the graph), one subset each. */
  versions?: readonly string[];
}

/** Weights summing to 100, the remainder on the first ones: 3 -> [34, 33, 33]. */
export function evenWeights(n: number): number[] {
  const base = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => base + (i < 100 - base * n ? 1 : 0));
}

function specFor(seed: NewObjectSeed): Obj {
  const host = seed.service ?? 'my-service';
  const versions = seed.versions?.length ? seed.versions : undefined;
  switch (seed.kind) {
    case 'VirtualService': {
      const weights = evenWeights(versions?.length ?? 1);
      const route = versions
        ? versions.map((v, i) => ({ destination: { host, subset: v }, weight: weights[i] }))
        : [{ destination: { host } }];
      return { hosts: [host], http: [{ route }] };
    }
    case 'DestinationRule':
      return {
        host,
        subsets: (versions ?? ['v1']).map((v) => ({ name: v, labels: { version: v } })),
      };
    case 'Gateway':
      return {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      };
    case 'ServiceEntry':
      return {
        hosts: ['api.example.com'],
        ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
        resolution: 'DNS',
        location: 'MESH_EXTERNAL',
      };
    case 'Sidecar':
      return { egress: [{ hosts: ['./*', 'istio-system/*'] }] };
    case 'PeerAuthentication':
      return { mtls: { mode: 'STRICT' } };
    case 'AuthorizationPolicy':
      return { action: 'ALLOW', rules: [{ from: [{ source: { namespaces: [seed.namespace] } }] }] };
    case 'RequestAuthentication':
      return { jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks.json' }] };
    case 'WorkloadEntry':
      return { address: '10.0.0.1', labels: { app: host } };
    default:
      return {};
  }
}

function defaultName(seed: NewObjectSeed): string {
  if (seed.service) return seed.service;
  if (seed.kind === 'PeerAuthentication') return 'default';
  return `new-${ISTIO_KINDS[seed.kind].singular}`;
}

export function newObject(seed: NewObjectSeed): Obj {
  const info = ISTIO_KINDS[seed.kind];
  return {
    apiVersion: info.apiVersion,
    kind: info.kind,
    metadata: { name: seed.name ?? defaultName(seed), namespace: seed.namespace },
    spec: specFor(seed),
  };
}
