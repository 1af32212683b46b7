import 'server-only';
import type { DemoCall, DemoClusterName, KubeObject } from '../types';

// Declarative description of the seeded mesh. Content files (content/*.ts) are plain data of these
// types; build/*.ts turns them into consistent Kubernetes objects for one cluster (seed.ts).

/** Traffic a workload generates, written as SIM_ANNOTATIONS on its Deployment. */
export interface TrafficSpec {
  entryRps?: number;
  calls?: DemoCall[];
  latencyMs?: number;
  errorRate?: number;
  tcpBytes?: number;
}

export interface ContainerPortSpec {
  name?: string;
  containerPort: number;
}

/** One Deployment (-> ReplicaSet -> Pods) of one app version in one cluster. */
export interface WorkloadSpec {
  cluster: DemoClusterName;
  app: string;
  version: string;
  /** Deployment name; default `<app>-<version>`. */
  name?: string;
  replicas?: number;
  /** Default: the app name. */
  serviceAccount?: string;
  image?: string;
  ports: ContainerPortSpec[];
  /** `sidecar` (injected), `gateway` (the pod is an Envoy: istio-proxy is its only container) or `none`.
   *  Default: `sidecar` when the namespace has istio-injection=enabled, else `none`. */
  proxy?: 'sidecar' | 'gateway' | 'none';
  /** Extra pod (and selector-free) labels, e.g. `istio: ingressgateway`. */
  labels?: Record<string, string>;
  /** Extra Deployment annotations. */
  annotations?: Record<string, string>;
  traffic?: TrafficSpec;
}

export interface ServicePortSpec {
  /** Istio protocol-prefixed name: http, http-*, grpc-*, tcp-*, tls-*, https-*. */
  name: string;
  port: number;
  targetPort?: number;
  appProtocol?: string;
}

/** A Service (+ its EndpointSlice) present in each of `clusters`; endpoints are the local matching pods. */
export interface ServiceSpec {
  name: string;
  clusters: readonly DemoClusterName[];
  ports: ServicePortSpec[];
  /** Default `{ app: name }`. */
  selector?: Record<string, string>;
  type?: 'ClusterIP' | 'LoadBalancer';
  labels?: Record<string, string>;
}

/** An MCS export: ServiceExport in `from`, ServiceImport (ClusterSetIP, same VIP everywhere) in `importedIn`. */
export interface ExportSpec {
  service: string;
  from: readonly DemoClusterName[];
  importedIn: readonly DemoClusterName[];
}

/** An object (Istio config, ConfigMap, Secret ...) seeded into one cluster as is. */
export interface ClusterObject {
  cluster: DemoClusterName;
  object: KubeObject;
}

export interface NamespaceSpec {
  name: string;
  clusters: readonly DemoClusterName[];
  /** Sets `istio-injection=enabled` on the namespace. */
  injected: boolean;
  labels?: (cluster: DemoClusterName) => Record<string, string>;
  workloads: WorkloadSpec[];
  services: ServiceSpec[];
  exports?: ExportSpec[];
  objects?: ClusterObject[];
}
