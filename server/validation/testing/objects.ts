// Builders of Kubernetes/Istio objects for the checks' table tests. Test-only.
import { emptyObjects, inventoryKindOf, type InventorySnapshot, type K8sObject } from '@/lib/inventory/types';

type Labels = Record<string, string>;
type Spec = Record<string, unknown>;

const obj = (apiVersion: string, kind: string, namespace: string | undefined, name: string, rest: Spec = {}, meta: Spec = {}): K8sObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), ...meta },
  ...rest,
});

export const ns = (name: string, labels: Labels = { 'istio-injection': 'enabled' }) => obj('v1', 'Namespace', undefined, name, {}, { labels });
export const svc = (namespace: string, name: string, spec: Spec = {}, meta: Spec = {}) =>
  obj('v1', 'Service', namespace, name, { spec: { selector: { app: name }, ports: [{ name: 'http', port: 9080 }], ...spec } }, meta);
/** A pod with the istio-proxy container (`proxy: 'native'`: as a native sidecar, an init container with restartPolicy Always). */
export const pod = (namespace: string, name: string, labels: Labels, opts: { proxy?: boolean | 'native'; sa?: string; annotations?: Labels } = {}) =>
  obj('v1', 'Pod', namespace, name, {
    spec: {
      serviceAccountName: opts.sa ?? 'default',
      ...(opts.proxy === 'native' ? { initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }] } : {}),
      containers: [{ name: 'app' }, ...(opts.proxy === false || opts.proxy === 'native' ? [] : [{ name: 'istio-proxy' }])],
    },
  }, { labels, ...(opts.annotations ? { annotations: opts.annotations } : {}) });
export const deployment = (namespace: string, name: string, labels: Labels, template: Spec = {}) =>
  obj('apps/v1', 'Deployment', namespace, name, { spec: { selector: { matchLabels: labels }, template: { metadata: { labels, ...template } } } });
export const vs = (namespace: string, name: string, spec: Spec) => obj('networking.istio.io/v1', 'VirtualService', namespace, name, { spec });
export const dr = (namespace: string, name: string, spec: Spec) => obj('networking.istio.io/v1', 'DestinationRule', namespace, name, { spec });
export const gw = (namespace: string, name: string, spec: Spec) => obj('networking.istio.io/v1', 'Gateway', namespace, name, { spec });
export const se = (namespace: string, name: string, spec: Spec) => obj('networking.istio.io/v1', 'ServiceEntry', namespace, name, { spec });
export const sidecar = (namespace: string, name: string, spec: Spec = {}) => obj('networking.istio.io/v1', 'Sidecar', namespace, name, { spec });
export const pa = (namespace: string, name: string, spec: Spec) => obj('security.istio.io/v1', 'PeerAuthentication', namespace, name, { spec });
export const ap = (namespace: string, name: string, spec: Spec) => obj('security.istio.io/v1', 'AuthorizationPolicy', namespace, name, { spec });
export const sexport = (namespace: string, name: string) => obj('multicluster.x-k8s.io/v1alpha1', 'ServiceExport', namespace, name, { spec: {} });
export const simport = (namespace: string, name: string) =>
  obj('multicluster.x-k8s.io/v1alpha1', 'ServiceImport', namespace, name, { spec: { type: 'ClusterSetIP', ports: [{ port: 9080, protocol: 'TCP' }] } });
/** GKE's MCS objects (net.gke.io/v1): an export; an import naming its derived Service (annotation net.gke.io/derived-service). */
export const gkeExport = (namespace: string, name: string) => obj('net.gke.io/v1', 'ServiceExport', namespace, name);
export const gkeImport = (namespace: string, name: string, derived?: string) =>
  obj('net.gke.io/v1', 'ServiceImport', namespace, name, { spec: { type: 'ClusterSetIP', ports: [{ name: 'http', port: 9080, protocol: 'TCP' }] } }, derived ? { annotations: { 'net.gke.io/derived-service': derived } } : {});
/** Cloud Service Mesh's managed control plane revision (istio-system). */
export const controlPlaneRevision = (name: string, channel = 'regular') =>
  obj('mesh.cloud.google.com/v1beta1', 'ControlPlaneRevision', 'istio-system', name, { spec: { type: 'managed_service', channel } });
export const slice = (namespace: string, service: string, ready: boolean) =>
  obj('discovery.k8s.io/v1', 'EndpointSlice', namespace, `${service}-abc`, {
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready } }],
  }, { labels: { 'kubernetes.io/service-name': service } });

/** bookinfo with reviews v1 (us-east in multi-cluster worlds): the base most cases add to. */
export const BASE: K8sObject[] = [
  ns('bookinfo'),
  ns('istio-system', {}),
  svc('bookinfo', 'reviews'),
  pod('bookinfo', 'reviews-v1-abc', { app: 'reviews', version: 'v1' }, { sa: 'bookinfo-reviews' }),
  pod('istio-system', 'ingress-abc', { istio: 'ingressgateway', app: 'istio-ingressgateway' }),
  svc('istio-system', 'istio-ingressgateway', { selector: { istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 80 }] }, { labels: { istio: 'ingressgateway' } }),
];

/** One cluster ('' = no cluster) or several: objects per cluster. */
export type World = K8sObject[] | Record<string, K8sObject[]>;

export function snapshotOf(world: World): InventorySnapshot {
  const perCluster = Array.isArray(world) ? { '': world } : world;
  return {
    clusters: Object.entries(perCluster).map(([cluster, objects]) => {
      const o = emptyObjects();
      for (const x of objects) {
        const kind = inventoryKindOf(x);
        if (kind) o[kind].push(structuredClone(x));
      }
      return { cluster, state: 'synced' as const, objects: o };
    }),
  };
}
