import 'server-only';
import type { InventorySnapshot, K8sObject } from '@/lib/inventory/types';
import { REVISION_LABEL } from '@/lib/mesh-rules/injection';
import { proxyContainer } from '@/lib/mesh-rules/proxy';
import { arr, at, num, rec, str } from '@/lib/mesh-rules/spec';
import { inventorySnapshot } from '@/server/kube/informers';

// What the inventory cache tells about a cluster's Istio control plane, without any API call:
//   revisions  every istiod Deployment (label app=istiod or istio=pilot): revision from the label
//              istio.io/rev ("default" when absent), version from app.kubernetes.io/version, else
//              the image tag of its discovery container
//   network    the label topology.istio.io/network of istiod's namespace (istio-system)
//   meshId     the ISTIO_META_MESH_ID env that the injector gives every proxy container (istio-proxy)
//              of the cluster's pods. The mesh config's meshId lives in the `istio` ConfigMap, which
//              the inventory does not cache, and neither /debug/syncz nor /debug/clusterz carry it:
//              without injected pods the mesh id is undefined.

export interface IstiodRevision {
  namespace: string;
  name: string;
  revision: string;
  version?: string;
  ready: boolean;
}

export interface IstiodInfo {
  cluster: string;
  /** The first (default revision preferred) istiod's revision and version. */
  revision?: string;
  version?: string;
  revisions: IstiodRevision[];
  meshId?: string;
  network?: string;
}

const isIstiod = (d: K8sObject) => d.metadata.labels?.app === 'istiod' || d.metadata.labels?.istio === 'pilot';

/** The tag of an image reference (`docker.io/istio/pilot:1.24.2` -> 1.24.2), ignoring digests and registry ports. */
export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0] ?? '';
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(colon + 1) || undefined : undefined;
}

function versionOf(d: K8sObject): string | undefined {
  const label = d.metadata.labels?.['app.kubernetes.io/version'];
  if (label) return label;
  const containers = arr(at(d.spec, 'template', 'spec', 'containers')).map(rec);
  const image = str((containers.find((c) => c.name === 'discovery') ?? containers[0])?.image);
  return image ? imageTag(image) : undefined;
}

export function istiodInfo(cluster: string, snapshot: InventorySnapshot = inventorySnapshot()): IstiodInfo {
  const snap = snapshot.clusters.find((c) => c.cluster === cluster);
  if (!snap) return { cluster, revisions: [] };
  const { Deployment = [], Namespace = [], Pod = [] } = snap.objects;
  const revisions: IstiodRevision[] = Deployment.filter(isIstiod).map((d) => ({
    namespace: d.metadata.namespace ?? '',
    name: d.metadata.name,
    revision: d.metadata.labels?.[REVISION_LABEL] ?? 'default',
    ...(versionOf(d) ? { version: versionOf(d) } : {}),
    ready: (num(at(d.status, 'readyReplicas')) ?? 0) > 0,
  }));
  revisions.sort((a, b) => Number(b.revision === 'default') - Number(a.revision === 'default') || a.name.localeCompare(b.name));
  const primary = revisions[0];
  const nsName = primary?.namespace || 'istio-system';
  const network = Namespace.find((n) => n.metadata.name === nsName)?.metadata.labels?.['topology.istio.io/network'];
  const out: IstiodInfo = { cluster, revisions };
  if (primary) {
    out.revision = primary.revision;
    if (primary.version) out.version = primary.version;
  }
  const meshId = meshIdOf(Pod);
  if (meshId) out.meshId = meshId;
  if (network) out.network = network;
  return out;
}

function meshIdOf(pods: K8sObject[]): string | undefined {
  for (const p of pods) {
    const env = arr(proxyContainer(p)?.container.env).map(rec);
    const v = str(env.find((e) => e.name === 'ISTIO_META_MESH_ID')?.value);
    if (v) return v;
  }
  return undefined;
}
