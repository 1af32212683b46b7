// Shared types of the embedded demo mesh. The demo is a simulation for demos and tests, never a
// Kubernetes; production code never imports anything under server/demo (it reaches the demo only
// through kubeconfig and URLs). See server/demo/README.md for how the parts fit.

/** The clusters of the default flavour: a multi-primary Istio mesh with istiod in each. */
export const DEMO_CLUSTERS = ['us-east', 'eu-west', 'ap-south'] as const;
/** The clusters of the `gke` flavour: a GKE fleet with GKE's MCS (net.gke.io) and a managed control plane. */
export const GKE_CLUSTERS = ['cluster-a', 'cluster-b'] as const;
export type DemoClusterName = (typeof DEMO_CLUSTERS)[number] | (typeof GKE_CLUSTERS)[number];

/** Which mesh the demo process runs: `default` (DEMO_CLUSTERS) or `gke` (GKE_CLUSTERS, server/demo/gke). */
export const DEMO_FLAVORS = ['default', 'gke'] as const;
export type DemoFlavor = (typeof DEMO_FLAVORS)[number];
export const FLAVOR_CLUSTERS: Readonly<Record<DemoFlavor, readonly DemoClusterName[]>> = { default: DEMO_CLUSTERS, gke: GKE_CLUSTERS };

export const DEMO_MESH_ID = 'meridian-demo';
export const DEMO_TOKENS = { editor: 'demo-editor', viewer: 'demo-viewer' } as const;

/** A Kubernetes object as stored by the demo API server (JSON, any kind). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
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
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreChange {
  type: WatchEventType;
  object: KubeObject;
}

/**
 * What the mesh simulation and the istiod endpoints may see of one cluster's API store
 * (read-only; the store itself lives in server/demo/kube).
 */
export interface ClusterStoreView {
  readonly cluster: DemoClusterName;
  /** Objects of one kind, e.g. list('networking.istio.io/v1', 'VirtualService'), optionally in one namespace. */
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  /** Called after every committed change of this cluster (not on dry-run). Returns an unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void;
}

/**
 * Annotations by which seeded workloads describe the traffic they generate; the traffic simulation
 * reads them from the Deployments in the store (so a synthetic or user-created Deployment can join).
 */
export const SIM_ANNOTATIONS = {
  /** JSON array of DemoCall: what each replica-set of this workload calls, at which rate. */
  calls: 'demo.meridian.dev/calls',
  /** Requests per second this workload receives from outside the mesh (an entry point). */
  entryRps: 'demo.meridian.dev/entry-rps',
  /** Median service time in ms of this workload (default 10). */
  latencyMs: 'demo.meridian.dev/latency-ms',
  /** Share of requests this workload answers with 5xx on its own (0..1, default 0). */
  errorRate: 'demo.meridian.dev/error-rate',
  /** Bytes per second per connection for TCP servers (default 2000). */
  tcpBytes: 'demo.meridian.dev/tcp-bytes',
} as const;

export interface DemoCall {
  /** Destination host: <svc>.<ns>.svc.cluster.local or <svc>.<ns>.svc.clusterset.local or an external host. */
  host: string;
  port: number;
  /** Requests (http/grpc) or connections (tcp) per second issued by the whole workload. */
  rps: number;
  protocol: 'http' | 'grpc' | 'tcp';
}
