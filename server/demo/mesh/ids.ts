import 'server-only';
import { serviceFqdn } from '@/lib/mesh-rules/hosts';
import { hash32, seededRandom } from '../random';

export { hash32, seededRandom };
import { createHash } from 'node:crypto';
import { DEMO_CLUSTERS, GKE_CLUSTERS, type DemoClusterName } from '../types';

/** Istio release the simulated control planes and proxies claim to run. */
export const ISTIO_VERSION = '1.28.1';
export const ISTIO_REVISION = 'default';
/** Every seeded object claims to have been created at this instant, so seeds are byte-for-byte stable. */
export const SEED_TIME = '2026-01-05T08:00:00Z';
export const TRUST_DOMAIN = 'cluster.local';

const ALL_CLUSTERS: readonly DemoClusterName[] = [...DEMO_CLUSTERS, ...GKE_CLUSTERS];

/** The cluster's index among every flavour's clusters: its pod and Service address ranges derive from it. */
export function clusterIndex(cluster: DemoClusterName): number {
  return ALL_CLUSTERS.indexOf(cluster);
}

export function networkOf(cluster: DemoClusterName): string {
  return `network-${cluster}`;
}

function sha1(parts: readonly string[]): Buffer {
  return createHash('sha1').update(parts.join('\u0000')).digest();
}

/** A UUID-shaped uid derived from the object's identity: the same object gets the same uid on every start. */
export function stableUid(cluster: string, kind: string, namespace: string, name: string): string {
  const h = sha1([cluster, kind, namespace, name]).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable characters).
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A Kubernetes-style random-looking suffix (pod-template-hash, pod name suffix), derived from `parts`. */
export function safeSuffix(length: number, ...parts: string[]): string {
  const bytes = sha1(parts);
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE_ALPHABET[(bytes[i % bytes.length] ?? 0) % SAFE_ALPHABET.length];
  return out;
}

/** Sequential IPv4 allocator inside a /16 (`prefix` = first two octets); skips .0 and .1 of every /24. */
export class IpAllocator {
  private next = 0;
  constructor(private readonly prefix: string) {}
  allocate(): string {
    const n = this.next++;
    const third = Math.floor(n / 250);
    if (third > 255) throw new Error(`IP range ${this.prefix}.0.0/16 exhausted`);
    return `${this.prefix}.${third}.${(n % 250) + 2}`;
  }
}

/** The cluster-set virtual IP of an imported service (in 10.248.0.0/13): the same in every importing cluster. */
export function clusterSetVip(namespace: string, name: string): string {
  const h = hash32(`${namespace}/${name}`);
  return `10.${248 + ((h >>> 16) & 7)}.${(h >>> 8) & 0xff}.${(h & 0xff) % 250 + 2}`;
}

export function clusterLocalHost(service: string, namespace: string): string {
  return serviceFqdn(service, namespace);
}

export function clusterSetHost(service: string, namespace: string): string {
  return serviceFqdn(service, namespace, 'clusterset');
}
