import 'server-only';
import type { InventorySnapshot, K8sObject } from '@/lib/inventory/types';
import { DERIVED_SERVICE_ANNOTATION, SOURCE_CLUSTER_LABEL } from '@/lib/mesh-rules/mcs';
import { cluster, merge, namespace, service, workload, type Objects } from './k8s';
import { request, type Call } from './telemetry';

/**
 * A GKE fleet as its MCS controller leaves it (net.gke.io): hello-master-engine runs in cluster-b and
 * is exported there; both clusters hold the ServiceImport, which names the derived Service
 * `gke-mcs-<hash>` carrying the import's endpoints (cluster-b's pods, synced into both clusters).
 * hello-app-engine (cluster-a) calls the clusterset host; Envoy reports the derived Service.
 */

export const DERIVED = 'gke-mcs-1a8qqpah56';
const NS = 'mcs-demo';

export function gkeExport(ns: string, name: string): Objects {
  return { 'ServiceExport.net.gke.io': [{ apiVersion: 'net.gke.io/v1', kind: 'ServiceExport', metadata: { name, namespace: ns } }] };
}

export function gkeImport(ns: string, name: string, derived: string | undefined, exporters: string[]): Objects {
  const obj: K8sObject = {
    apiVersion: 'net.gke.io/v1',
    kind: 'ServiceImport',
    metadata: { name, namespace: ns, labels: { 'app.kubernetes.io/managed-by': 'gke-mcs-controller.gke.io' }, ...(derived ? { annotations: { [DERIVED_SERVICE_ANNOTATION]: derived } } : {}) },
    spec: { type: 'ClusterSetIP', ips: ['10.248.1.7'], ports: [{ name: 'http', port: 9080, protocol: 'TCP' }] },
    status: { clusters: exporters.map((c) => ({ cluster: `projects/1234/locations/us-central1/memberships/${c}` })) },
  };
  return { 'ServiceImport.net.gke.io': [obj] };
}

/** The derived Service (selector-less, the import's IP) and its EndpointSlice of `endpoints` from `source`. */
export function derivedService(ns: string, derived: string, source: string, endpoints: number): Objects {
  return {
    Service: [{ kind: 'Service', metadata: { name: derived, namespace: ns }, spec: { type: 'ClusterIP', clusterIP: '10.248.1.7', ports: [{ name: 'http', port: 9080 }] } }],
    EndpointSlice: [
      {
        kind: 'EndpointSlice',
        metadata: { name: `${derived}-${source}`, namespace: ns, labels: { 'kubernetes.io/service-name': derived, [SOURCE_CLUSTER_LABEL]: source } },
        endpoints: Array.from({ length: endpoints }, (_, i) => ({ addresses: [`10.4.0.${i + 2}`], conditions: { ready: true } })),
      },
    ],
  };
}

export function gkeFleetInventory(opts: { exported?: boolean; endpoints?: number } = {}): InventorySnapshot {
  const exported = opts.exported ?? true;
  const endpoints = opts.endpoints ?? 2;
  const exporters = exported ? ['cluster-b'] : [];
  const a = merge(
    { Namespace: [namespace(NS, true)] },
    workload(NS, 'hello-app-engine', 'hello-app-engine', 'v1'),
    service(NS, 'hello-app-engine'),
    gkeImport(NS, 'hello-master-engine', DERIVED, exporters),
    derivedService(NS, DERIVED, 'cluster-b', exported ? endpoints : 0),
  );
  const b = merge(
    { Namespace: [namespace(NS, true)] },
    workload(NS, 'hello-master-engine', 'hello-master-engine', 'v1', { replicas: 2 }),
    service(NS, 'hello-master-engine', 2),
    ...(exported ? [gkeExport(NS, 'hello-master-engine')] : []),
    gkeImport(NS, 'hello-master-engine', DERIVED, exporters),
    derivedService(NS, DERIVED, 'cluster-b', exported ? endpoints : 0),
  );
  return { clusters: [cluster('cluster-a', a), cluster('cluster-b', b)] };
}

const helloApp = { cluster: 'cluster-a', ns: NS, wl: 'hello-app-engine', app: 'hello-app-engine', version: 'v1' };
const helloMaster = { cluster: 'cluster-b', ns: NS, wl: 'hello-master-engine', app: 'hello-master-engine', version: 'v1' };

/** The clusterset call as a managed mesh reports it: destination_service is the derived Service. */
export const gkeHello: Call = { src: helloApp, dst: { cluster: 'cluster-b', host: `${DERIVED}.${NS}.svc.cluster.local`, wl: helloMaster } };

export function gkeHelloRequests(rps: number) {
  return [request(gkeHello, 'source', rps), request(gkeHello, 'destination', rps)];
}
