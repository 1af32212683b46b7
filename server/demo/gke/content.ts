import 'server-only';
import { DERIVED_SERVICE_PREFIX } from '@/lib/mesh-rules/mcs';
import type { DemoClusterName, KubeObject } from '../types';
import { peerAuthentication } from '../mesh/build/istio';
import { clusterSetHost, hash32, SEED_TIME } from '../mesh/ids';
import { engine, HELLO_PORT as PORT, svc } from '../mesh/content/mcs-demo';
import type { NamespaceSpec } from '../mesh/spec';

// The reference architecture Meridian was designed around, as content of the gke flavour: a GKE
// fleet of two clusters (cluster-a, cluster-b) with GKE's multi-cluster services (net.gke.io) and a
// Cloud Service Mesh managed control plane.
//  - mcs-demo: hello-app-engine (cluster-a) calls hello-master-engine.mcs-demo.svc.clusterset.local,
//    served by hello-master-engine in cluster-b, exported there with a net.gke.io/v1 ServiceExport;
//    the MCS controller (mcs-controller.ts) creates the imports, derived Services and slices.
//    Injection by the managed revision (istio.io/rev=asm-managed), mTLS STRICT.
//  - istio-system: the ControlPlaneRevision asm-managed (regular channel, provisioned), no istiod.
//  - gke-mcs: GKE's gke-mcs-importer, as the MCS feature installs it.

export const GKE_FLEET_PROJECT = '680206487583';
export const GKE_LOCATION = 'us-central1';
/** Cloud Service Mesh's mesh id: `proj-<fleet project number>`. */
export const GKE_MESH_ID = `proj-${GKE_FLEET_PROJECT}`;
export const MANAGED_REVISION = 'asm-managed';

const NS = 'mcs-demo';
const CLUSTERS: DemoClusterName[] = ['cluster-a', 'cluster-b'];

/** The fleet membership of a cluster (GKE registers a cluster under its own name by default). */
export function membershipOf(cluster: string): string {
  return `projects/${GKE_FLEET_PROJECT}/locations/${GKE_LOCATION}/memberships/${cluster}`;
}

/** The derived Service name of an import: gke-mcs-<10 characters>, stable per namespace/name. */
export function derivedNameOf(namespace: string, name: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let h = hash32(`${namespace}/${name}`);
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) || hash32(`${out}/${i}`);
  }
  return `${DERIVED_SERVICE_PREFIX}${out}`;
}


export function gkeServiceExport(namespace: string, name: string): KubeObject {
  return { apiVersion: 'net.gke.io/v1', kind: 'ServiceExport', metadata: { name, namespace } };
}

function controlPlaneRevision(): KubeObject {
  const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastTransitionTime: SEED_TIME });
  return {
    apiVersion: 'mesh.cloud.google.com/v1beta1',
    kind: 'ControlPlaneRevision',
    metadata: { name: MANAGED_REVISION, namespace: 'istio-system', labels: { 'mesh.cloud.google.com/managed-cni-enabled': 'true' } },
    spec: { type: 'managed_service', channel: 'regular' },
    status: {
      conditions: [
        condition('Reconciled', 'True', 'Provisioned', 'The provisioning process has completed successfully'),
        condition('ProvisioningFinished', 'True', 'ProvisioningFinished', 'Provisioning has finished'),
        condition('Stalled', 'False', 'NotStalled', 'Provisioning has not stalled'),
      ],
    },
  };
}

const mcsDemo: NamespaceSpec = {
  name: NS,
  clusters: CLUSTERS,
  injected: false,
  labels: () => ({ 'istio.io/rev': MANAGED_REVISION }),
  workloads: [
    // The namespace injects by its managed revision label, not istio-injection: a sidecar each.
    engine('cluster-a', 'hello-app-engine', {
      proxy: 'sidecar',
      traffic: { entryRps: 5, latencyMs: 10, calls: [{ host: clusterSetHost('hello-master-engine', NS), port: PORT, rps: 5, protocol: 'http' }] },
    }),
    engine('cluster-b', 'hello-master-engine', { proxy: 'sidecar', traffic: { latencyMs: 15 } }),
  ],
  services: [svc('hello-app-engine', 'cluster-a'), svc('hello-master-engine', 'cluster-b')],
  objects: [
    { cluster: 'cluster-b', object: gkeServiceExport(NS, 'hello-master-engine') },
    ...CLUSTERS.map((cluster) => ({ cluster, object: peerAuthentication(NS, 'default', 'STRICT') })),
  ],
};

const istioSystem: NamespaceSpec = {
  name: 'istio-system',
  clusters: CLUSTERS,
  injected: false,
  workloads: [],
  services: [],
  objects: CLUSTERS.map((cluster) => ({ cluster, object: controlPlaneRevision() })),
};

const gkeMcs: NamespaceSpec = {
  name: 'gke-mcs',
  clusters: CLUSTERS,
  injected: false,
  workloads: CLUSTERS.map((cluster) => ({
    cluster,
    app: 'gke-mcs-importer',
    version: 'v1',
    name: 'gke-mcs-importer',
    replicas: 1,
    proxy: 'none' as const,
    image: 'gke.gcr.io/mcs-importer:latest',
    ports: [],
    labels: { 'k8s-app': 'gke-mcs-importer' },
  })),
  services: [],
};

/** The gke flavour's content, in seeding order. */
export const GKE_CONTENT: readonly NamespaceSpec[] = [istioSystem, gkeMcs, mcsDemo];

/**
 * A seeded object as the managed data plane has it: injected pods name the managed revision and the
 * fleet's mesh id instead of the default flavour's istiod revision and mesh.
 */
export function asManaged(obj: KubeObject): KubeObject {
  const text = JSON.stringify(obj);
  if (!text.includes('istio.io/rev') && !text.includes('ISTIO_META_MESH_ID')) return obj;
  const out = JSON.parse(text) as KubeObject;
  const visit = (o: unknown): void => {
    if (!o || typeof o !== 'object') return;
    const rec = o as Record<string, unknown>;
    for (const [k, v] of Object.entries(rec)) {
      if (k === 'istio.io/rev' && v === 'default') rec[k] = MANAGED_REVISION;
      else if (k === 'sidecar.istio.io/status' && typeof v === 'string') rec[k] = v.replace(/"revision":"default"/, `"revision":"${MANAGED_REVISION}"`);
      else visit(v);
    }
    if (rec.name === 'ISTIO_META_MESH_ID' && typeof rec.value === 'string') rec.value = GKE_MESH_ID;
  };
  visit(out);
  return out;
}
