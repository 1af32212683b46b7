/**
 * The inventory: the Kubernetes/Istio/MCS objects of every cluster, as the informer caches hold
 * them (server/kube) and as offline files give them (`npm run analyze`). Pure types, shared by the
 * graph builder, validation and the UI.
 */

export const INVENTORY_KINDS = {
  Namespace: { group: '', version: 'v1', plural: 'namespaces', namespaced: false },
  Service: { group: '', version: 'v1', plural: 'services', namespaced: true },
  Pod: { group: '', version: 'v1', plural: 'pods', namespaced: true },
  Deployment: { group: 'apps', version: 'v1', plural: 'deployments', namespaced: true },
  ReplicaSet: { group: 'apps', version: 'v1', plural: 'replicasets', namespaced: true },
  EndpointSlice: { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', namespaced: true },
  ServiceExport: { group: 'multicluster.x-k8s.io', version: 'v1alpha1', plural: 'serviceexports', namespaced: true },
  ServiceImport: { group: 'multicluster.x-k8s.io', version: 'v1alpha1', plural: 'serviceimports', namespaced: true },
  VirtualService: { group: 'networking.istio.io', version: 'v1', plural: 'virtualservices', namespaced: true },
  DestinationRule: { group: 'networking.istio.io', version: 'v1', plural: 'destinationrules', namespaced: true },
  Gateway: { group: 'networking.istio.io', version: 'v1', plural: 'gateways', namespaced: true },
  ServiceEntry: { group: 'networking.istio.io', version: 'v1', plural: 'serviceentries', namespaced: true },
  Sidecar: { group: 'networking.istio.io', version: 'v1', plural: 'sidecars', namespaced: true },
  WorkloadEntry: { group: 'networking.istio.io', version: 'v1', plural: 'workloadentries', namespaced: true },
  PeerAuthentication: { group: 'security.istio.io', version: 'v1', plural: 'peerauthentications', namespaced: true },
  AuthorizationPolicy: { group: 'security.istio.io', version: 'v1', plural: 'authorizationpolicies', namespaced: true },
  RequestAuthentication: { group: 'security.istio.io', version: 'v1', plural: 'requestauthentications', namespaced: true },
} as const;

export type InventoryKind = keyof typeof INVENTORY_KINDS;
export const INVENTORY_KIND_NAMES = Object.keys(INVENTORY_KINDS) as InventoryKind[];

export function apiVersionOf(kind: InventoryKind): string {
  const k = INVENTORY_KINDS[kind];
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** A Kubernetes object as cached (managedFields stripped). Spec and status stay untyped here; readers parse what they use. */
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
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
