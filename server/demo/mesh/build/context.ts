import 'server-only';
import type { DemoClusterName, KubeObject } from '../../types';
import { clusterIndex, IpAllocator, SEED_TIME, stableUid } from '../ids';

type Meta = KubeObject['metadata'];
type OwnerRef = NonNullable<Meta['ownerReferences']>[number];

/**
 * What is being seeded into one cluster: the objects so far, the pods per namespace (so Services can
 * compute their endpoints) and the cluster's address allocators (pods 10.<clusterIndex>.x.y,
 * Services 172.<20 + clusterIndex>.x.y).
 */
export class ClusterSeed {
  readonly objects: KubeObject[] = [];
  readonly index: number;
  private readonly podIps: IpAllocator;
  private readonly serviceIps: IpAllocator;
  private readonly podsByNamespace = new Map<string, KubeObject[]>();
  private readonly names = new Set<string>();

  constructor(readonly cluster: DemoClusterName) {
    this.index = clusterIndex(cluster);
    this.podIps = new IpAllocator(`10.${this.index}`);
    this.serviceIps = new IpAllocator(`172.${20 + this.index}`);
  }

  /** Adds objects; refuses duplicates (same kind/namespace/name) so content mistakes surface at once. */
  add(...objects: KubeObject[]): void {
    for (const o of objects) {
      const key = `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      if (this.names.has(key)) throw new Error(`seed ${this.cluster}: duplicate ${key}`);
      this.names.add(key);
      this.objects.push(o);
      if (o.kind === 'Pod') {
        const ns = o.metadata.namespace ?? '';
        const list = this.podsByNamespace.get(ns) ?? [];
        list.push(o);
        this.podsByNamespace.set(ns, list);
      }
    }
  }

  has(apiVersion: string, kind: string, namespace: string, name: string): boolean {
    return this.names.has(`${apiVersion}/${kind}/${namespace}/${name}`);
  }

  pods(namespace: string): readonly KubeObject[] {
    return this.podsByNamespace.get(namespace) ?? [];
  }

  nextPodIp(): string {
    return this.podIps.allocate();
  }

  nextServiceIp(): string {
    return this.serviceIps.allocate();
  }

  /** Metadata with the deterministic uid and the seed creation time. */
  meta(
    kind: string,
    namespace: string | undefined,
    name: string,
    extra: { labels?: Record<string, string>; annotations?: Record<string, string>; owner?: KubeObject } = {},
  ): Meta {
    const meta: Meta = {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      uid: stableUid(this.cluster, kind, namespace ?? '', name),
      creationTimestamp: SEED_TIME,
    };
    if (extra.labels && Object.keys(extra.labels).length > 0) meta.labels = { ...extra.labels };
    if (extra.annotations && Object.keys(extra.annotations).length > 0) meta.annotations = { ...extra.annotations };
    if (extra.owner) meta.ownerReferences = [ownerRef(extra.owner)];
    return meta;
  }
}

export function ownerRef(owner: KubeObject): OwnerRef & { blockOwnerDeletion: boolean } {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
