/**
 * The inventory: the Kubernetes/Istio/MCS objects of every cluster, as the informer caches hold
 * them (server/kube) and as offline files give them (`npm run analyze`). Pure types, shared by the
 * graph builder, validation and the UI.
 *
 * Its kinds are the core Kubernetes kinds below plus every kind of the Istio/MCS registry
 * (lib/istio/kinds.ts): a kind added there is cached, listed and validated with no other list to edit.
 */
import { ISTIO_KINDS, istioKindOf, type IstioKindName } from '../istio/kinds';

/** Where the API server serves a kind. */
export interface KindCoordinates {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

/** The Kubernetes kinds the inventory caches besides the Istio/MCS ones. */
export const CORE_KINDS = {
  Namespace: { group: '', version: 'v1', plural: 'namespaces', namespaced: false },
  Service: { group: '', version: 'v1', plural: 'services', namespaced: true },
  Pod: { group: '', version: 'v1', plural: 'pods', namespaced: true },
  Deployment: { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true },
  ReplicaSet: { group: 'apps', version: 'v1', plural: 'replicasets', namespaced: true },
  EndpointSlice: { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', namespaced: true },
} as const satisfies Record<string, KindCoordinates>;

export type CoreKind = keyof typeof CORE_KINDS;
export type InventoryKind = CoreKind | IstioKindName;

export const INVENTORY_KINDS: Readonly<Record<InventoryKind, KindCoordinates>> = { ...CORE_KINDS, ...ISTIO_KINDS };
export const INVENTORY_KIND_NAMES = Object.keys(INVENTORY_KINDS) as InventoryKind[];

export function isInventoryKind(kind: string): kind is InventoryKind {
  return Object.prototype.hasOwnProperty.call(INVENTORY_KINDS, kind);
}

/**
 * The inventory kind (id) of an object by its apiVersion and kind: a core kind, or a registry kind
 * (two groups may serve one API kind: ServiceExport of multicluster.x-k8s.io and of net.gke.io).
 * Another version of the same group counts (networking.istio.io/v1beta1 is a VirtualService: offline
 * files and analyzer cases use every served version); another group does not.
 */
export function inventoryKindOf(obj: { apiVersion?: unknown; kind?: unknown }): InventoryKind | undefined {
  if (typeof obj.kind !== 'string') return undefined;
  const exact = istioKindOf(obj);
  if (exact) return exact.id;
  if (!isInventoryKind(obj.kind)) return undefined;
  const group = typeof obj.apiVersion === 'string' && obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return obj.apiVersion === undefined || INVENTORY_KINDS[obj.kind].group === group ? obj.kind : undefined;
}

/** A Kubernetes object as cached (managedFields stripped). Spec and status stay untyped here: readers go through lib/mesh-rules/spec.ts. */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    generation?: number;
    creationTimestamp?: string;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  };
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

export type CacheState = 'syncing' | 'synced' | 'error' | 'reconnecting';

/** One cluster's objects of every kind, at one moment. */
export interface ClusterSnapshot {
  cluster: string;
  state: CacheState;
  /** Why the cache is not synced (unreachable API, 401, ...). */
  error?: string;
  objects: Record<InventoryKind, K8sObject[]>;
}

/** The inventory of every configured cluster. */
export interface InventorySnapshot {
  clusters: ClusterSnapshot[];
}

export function emptyObjects(): Record<InventoryKind, K8sObject[]> {
  return Object.fromEntries(INVENTORY_KIND_NAMES.map((k) => [k, []])) as unknown as Record<InventoryKind, K8sObject[]>;
}
