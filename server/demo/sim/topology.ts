import 'server-only';
import { DERIVED_SERVICE_ANNOTATION } from '@/lib/mesh-rules/mcs';
import { hasProxy } from '@/lib/mesh-rules/proxy';
import type { ClusterStoreView, DemoClusterName, KubeObject } from '../types';
import { readTraffic, type TrafficSpec, type Warn } from './annotations';
import { asArray, asLabels, asString, field, labelsMatch, listAnyVersion, selectorMatches, type Labels } from './objects';

// What the simulation sees of the clusters: workloads (Deployments with ready pods), Services with
// their backing workloads per cluster, ServiceExports, and the Istio configuration of each cluster.

export interface Pod {
  name: string;
  labels: Labels;
  serviceAccount: string;
  injected: boolean;
}

export interface Workload {
  id: string;
  cluster: DemoClusterName;
  namespace: string;
  name: string;
  /** Labels of its pods (of the first ready pod). */
  labels: Labels;
  app: string;
  version: string;
  canonicalService: string;
  canonicalRevision: string;
  serviceAccount: string;
  /** Its pods run an istio-proxy sidecar (the majority of ready pods do). */
  injected: boolean;
  /** Ready pods. */
  pods: Pod[];
  traffic: TrafficSpec;
}

export interface Backend {
  workload: Workload;
  pods: Pod[];
}

export interface ServiceInCluster {
  cluster: DemoClusterName;
  namespace: string;
  name: string;
  backends: Backend[];
}

export interface IstioConfig {
  virtualServices: KubeObject[];
  destinationRules: KubeObject[];
  peerAuthentications: KubeObject[];
  serviceEntries: KubeObject[];
}

export interface Topology {
  clusters: DemoClusterName[];
  workloads: Workload[];
  /** `${namespace}/${name}` -> cluster -> Service there. */
  services: Map<string, Map<DemoClusterName, ServiceInCluster>>;
  /** `${cluster}|${namespace}/${name}` of every ServiceExport (both MCS groups). */
  exports: Set<string>;
  /** `${cluster}|${namespace}/${name}` of an import -> the derived Service it names (GKE's gke-mcs-*). */
  derived: Map<string, string>;
  istio: Map<DemoClusterName, IstioConfig>;
}

export const serviceKey = (namespace: string, name: string) => `${namespace}/${name}`;

/** The MCS API groups' versions the simulation reads: the upstream one and GKE's. */
const MCS_API_VERSIONS = ['multicluster.x-k8s.io/v1alpha1', 'net.gke.io/v1'];

function podReady(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const ready = asArray(field(pod, 'status', 'conditions')).find((c) => field(c, 'type') === 'Ready');
  if (ready !== undefined) return field(ready, 'status') === 'True';
  const phase = asString(field(pod, 'status', 'phase'));
  return phase === undefined || phase === 'Running';
}

/** Ready pods of one cluster, indexed by namespace and by namespace + label pair for selector lookups. */
class PodIndex {
  private readonly byNs = new Map<string, Pod[]>();
  private readonly byLabel = new Map<string, Pod[]>();
  readonly byName = new Map<string, Pod>();

  constructor(pods: KubeObject[]) {
    for (const obj of pods) {
      if (!podReady(obj)) continue;
      const ns = obj.metadata.namespace ?? 'default';
      const pod: Pod = {
        name: obj.metadata.name,
        labels: asLabels(obj.metadata.labels),
        serviceAccount: asString(field(obj, 'spec', 'serviceAccountName')) ?? 'default',
        injected: hasProxy(obj),
      };
      this.byName.set(`${ns}/${pod.name}`, pod);
      push(this.byNs, ns, pod);
      for (const [k, v] of Object.entries(pod.labels)) push(this.byLabel, `${ns}|${k}=${v}`, pod);
    }
  }

  /** Pods of a namespace matching a LabelSelector ({matchLabels, matchExpressions}). */
  select(namespace: string, selector: unknown): Pod[] {
    let candidates = this.byNs.get(namespace) ?? [];
    for (const [k, v] of Object.entries(asLabels(field(selector, 'matchLabels')))) {
      const list = this.byLabel.get(`${namespace}|${k}=${v}`) ?? [];
      if (list.length < candidates.length) candidates = list;
    }
    return candidates.filter((p) => selectorMatches(selector, p.labels));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildWorkload(cluster: DemoClusterName, deployment: KubeObject, pods: Pod[], warn: Warn): Workload {
  const namespace = deployment.metadata.namespace ?? 'default';
  const name = deployment.metadata.name;
  const labels = pods[0]?.labels ?? {};
  const injectedPods = pods.filter((p) => p.injected).length;
  return {
    id: `${cluster}|${namespace}|${name}`,
    cluster,
    namespace,
    name,
    labels,
    app: labels.app ?? 'unknown',
    version: labels.version ?? 'unknown',
    canonicalService: labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels.app ?? name,
    canonicalRevision:
      labels['service.istio.io/canonical-revision'] ?? labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest',
    serviceAccount: pods[0]?.serviceAccount ?? 'default',
    injected: injectedPods * 2 > pods.length,
    pods,
    traffic: readTraffic(deployment, warn),
  };
}

/** Groups pods by the workload owning them (pods of no known workload are dropped). */
function groupBackends(pods: Pod[], owner: Map<Pod, Workload>): Backend[] {
  const groups = new Map<Workload, Pod[]>();
  for (const pod of pods) {
    const workload = owner.get(pod);
    if (workload) push(groups, workload, pod);
  }
  return [...groups].map(([workload, list]) => ({ workload, pods: list }));
}

function clusterServices(view: ClusterStoreView, index: PodIndex, owner: Map<Pod, Workload>): ServiceInCluster[] {
  const slicesByService = new Map<string, KubeObject[]>();
  for (const slice of view.list('discovery.k8s.io/v1', 'EndpointSlice')) {
    const svc = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (svc) push(slicesByService, serviceKey(slice.metadata.namespace ?? 'default', svc), slice);
  }
  return view.list('v1', 'Service').map((svc) => {
    const namespace = svc.metadata.namespace ?? 'default';
    const selector = asLabels(field(svc, 'spec', 'selector'));
    let pods: Pod[];
    if (Object.keys(selector).length > 0) {
      // Selector Services: their EndpointSlices are derived from the selector, so read the pods directly.
      pods = index.select(namespace, { matchLabels: selector });
    } else {
      pods = [];
      for (const slice of slicesByService.get(serviceKey(namespace, svc.metadata.name)) ?? []) {
        for (const ep of asArray(field(slice, 'endpoints'))) {
          if (field(ep, 'conditions', 'ready') === false || field(ep, 'targetRef', 'kind') !== 'Pod') continue;
          const pod = index.byName.get(`${namespace}/${asString(field(ep, 'targetRef', 'name')) ?? ''}`);
          if (pod) pods.push(pod);
        }
      }
    }
    return { cluster: view.cluster, namespace, name: svc.metadata.name, backends: groupBackends(pods, owner) };
  });
}

/** Reads every cluster's store into one Topology. */
export function buildTopology(views: Partial<Record<DemoClusterName, ClusterStoreView>>, warn: Warn): Topology {
  const topology: Topology = { clusters: [], workloads: [], services: new Map(), exports: new Set(), derived: new Map(), istio: new Map() };
  for (const view of Object.values(views)) {
    if (!view) continue;
    const cluster = view.cluster;
    topology.clusters.push(cluster);
    const index = new PodIndex(view.list('v1', 'Pod'));
    const owner = new Map<Pod, Workload>();
    for (const deployment of view.list('apps/v1', 'Deployment')) {
      const selector = field(deployment, 'spec', 'selector');
      const selects = Object.keys(asLabels(field(selector, 'matchLabels'))).length + asArray(field(selector, 'matchExpressions')).length;
      if (selects === 0) continue; // an empty selector would select every pod; Kubernetes refuses it
      const pods = index.select(deployment.metadata.namespace ?? 'default', selector).filter((p) => !owner.has(p));
      if (pods.length === 0) continue;
      const workload = buildWorkload(cluster, deployment, pods, warn);
      for (const pod of pods) owner.set(pod, workload);
      topology.workloads.push(workload);
    }
    for (const svc of clusterServices(view, index, owner)) {
      const key = serviceKey(svc.namespace, svc.name);
      const perCluster = topology.services.get(key) ?? new Map<DemoClusterName, ServiceInCluster>();
      perCluster.set(cluster, svc);
      topology.services.set(key, perCluster);
    }
    for (const apiVersion of MCS_API_VERSIONS) {
      for (const exp of view.list(apiVersion, 'ServiceExport')) {
        topology.exports.add(`${cluster}|${serviceKey(exp.metadata.namespace ?? 'default', exp.metadata.name)}`);
      }
      for (const imp of view.list(apiVersion, 'ServiceImport')) {
        const derived = imp.metadata.annotations?.[DERIVED_SERVICE_ANNOTATION];
        if (derived) topology.derived.set(`${cluster}|${serviceKey(imp.metadata.namespace ?? 'default', imp.metadata.name)}`, derived);
      }
    }
    topology.istio.set(cluster, {
      virtualServices: listAnyVersion(view, 'networking', 'VirtualService'),
      destinationRules: listAnyVersion(view, 'networking', 'DestinationRule'),
      serviceEntries: listAnyVersion(view, 'networking', 'ServiceEntry'),
      peerAuthentications: listAnyVersion(view, 'security', 'PeerAuthentication'),
    });
  }
  return topology;
}

/** Pods of a backend that carry all the given labels (a DestinationRule subset). */
export function subsetPods(backend: Backend, subsetLabels: Labels): Pod[] {
  return backend.pods.filter((p) => labelsMatch(subsetLabels, p.labels));
}
