import 'server-only';
import type { DemoClusterName, KubeObject } from '../types';
import { ClusterSeed } from './build/context';
import { configMap, serviceExport, serviceImport } from './build/istio';
import { service } from './build/service';
import { workload } from './build/workload';
import { DEMO_CONTENT } from './content';
import { clusterSetVip } from './ids';
import type { NamespaceSpec } from './spec';
import { syntheticContent } from './synthetic';

export interface SeedOptions {
  /** Extra generated services spread over the clusters (namespaces synth-0..k), for benchmarks. Default 0. */
  syntheticServices?: number;
  /** The namespaces to seed (default: the default flavour's DEMO_CONTENT; the gke flavour passes its own). */
  content?: readonly NamespaceSpec[];
}

// Placeholder root certificate: the demo does no TLS; the CA's expiry is reported by istiod metrics.
const ROOT_CERT = '-----BEGIN CERTIFICATE-----\nTWVyaWRpYW4gZGVtbyBtZXNoIHJvb3QgQ0EgKG5vdCBhIHJlYWwgY2VydGlmaWNhdGUp\n-----END CERTIFICATE-----\n';

// Creation order: what others refer to comes first (namespaces, then workloads, then Services whose
// EndpointSlices name the pods, then MCS and Istio config).
const KIND_ORDER = [
  'Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'Deployment', 'ReplicaSet', 'Pod', 'Service', 'EndpointSlice',
  'ServiceExport', 'ServiceImport', 'ControlPlaneRevision', 'PeerAuthentication', 'Gateway', 'DestinationRule', 'VirtualService',
];

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

function namespaceObjects(seed: ClusterSeed, ns: NamespaceSpec): KubeObject[] {
  const labels = {
    'kubernetes.io/metadata.name': ns.name,
    ...(ns.injected ? { 'istio-injection': 'enabled' } : {}),
    ...ns.labels?.(seed.cluster),
  };
  const out: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: seed.meta('Namespace', undefined, ns.name, { labels }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
  ];
  // istiod's namespace controller publishes the mesh root certificate into every non-kube namespace.
  if (!ns.name.startsWith('kube-')) out.push(withMeta(seed, configMap(ns.name, 'istio-ca-root-cert', { 'root-cert.pem': ROOT_CERT }, { 'istio.io/config': 'true' })));
  return out;
}

function withMeta(seed: ClusterSeed, o: KubeObject): KubeObject {
  const { name, namespace, labels, annotations } = o.metadata;
  return { ...o, metadata: { ...o.metadata, ...seed.meta(o.kind, namespace, name, { labels, annotations }) } };
}

function seedNamespace(seed: ClusterSeed, ns: NamespaceSpec): void {
  const here = (clusters: readonly DemoClusterName[]) => clusters.includes(seed.cluster);
  if (!here(ns.clusters)) return;
  seed.add(...namespaceObjects(seed, ns));
  const defaultProxy = ns.injected ? 'sidecar' : 'none';
  for (const w of ns.workloads) if (w.cluster === seed.cluster) seed.add(...workload(seed, ns.name, w, defaultProxy));
  for (const s of ns.services) if (here(s.clusters)) seed.add(...service(seed, ns.name, s));
  for (const e of ns.exports ?? []) {
    const svc = ns.services.find((s) => s.name === e.service);
    if (!svc || !e.from.every((c) => svc.clusters.includes(c))) throw new Error(`export ${ns.name}/${e.service}: no Service in every exporting cluster`);
    if (here(e.from)) seed.add(withMeta(seed, serviceExport(ns.name, e.service)));
    if (here(e.importedIn)) seed.add(withMeta(seed, serviceImport(ns.name, e.service, svc.ports, clusterSetVip(ns.name, e.service), e.from)));
  }
  for (const o of ns.objects ?? []) if (o.cluster === seed.cluster) seed.add(withMeta(seed, o.object));
}

/** Checks that content only places things in clusters where their namespace exists. */
function checkPlacement(ns: NamespaceSpec): void {
  const inNs = (c: DemoClusterName) => ns.clusters.includes(c);
  const bad =
    ns.workloads.find((w) => !inNs(w.cluster))?.app ??
    ns.services.find((s) => !s.clusters.every(inNs))?.name ??
    ns.exports?.find((e) => !e.importedIn.every(inNs))?.service ??
    ns.objects?.find((o) => !inNs(o.cluster))?.object.metadata.name;
  if (bad !== undefined) throw new Error(`seed content ${ns.name}/${bad}: placed in a cluster without namespace ${ns.name}`);
}

/**
 * Everything `cluster` holds at first start, in an order that can be created one by one. Pure and
 * deterministic: the same call returns the same objects (uids, names, IPs) every time.
 */
export function seedCluster(cluster: DemoClusterName, opts: SeedOptions = {}): KubeObject[] {
  const seed = new ClusterSeed(cluster);
  for (const ns of [...(opts.content ?? DEMO_CONTENT), ...syntheticContent(opts.syntheticServices ?? 0)]) {
    checkPlacement(ns);
    seedNamespace(seed, ns);
  }
  return seed.objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o.kind) - rank(b.o.kind) || a.i - b.i)
    .map(({ o }) => o);
}
