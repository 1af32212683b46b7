import 'server-only';
import { emptyObjects, type ClusterSnapshot, type InventoryKind, type K8sObject } from '@/lib/inventory/types';

/** Terse builders of inventory objects for graph tests and the benchmark. */

export type Objects = Partial<Record<InventoryKind, K8sObject[]>>;

export function cluster(name: string, objects: Objects, state: ClusterSnapshot['state'] = 'synced', error?: string): ClusterSnapshot {
  const all = emptyObjects();
  for (const [k, v] of Object.entries(objects) as [InventoryKind, K8sObject[]][]) all[k] = v;
  return { cluster: name, state, ...(error ? { error } : {}), objects: all };
}

export function namespace(name: string, injected: boolean): K8sObject {
  return { kind: 'Namespace', metadata: { name, labels: injected ? { 'istio-injection': 'enabled' } : {} } };
}

/**
 * A Deployment with its ReplicaSet and pods (`ready` of `replicas` ready), app/version labels; the pods
 * run the istio-proxy sidecar unless `sidecar` is false, as a native sidecar (init container) for 'native'.
 */
export function workload(ns: string, name: string, app: string, version: string, opts: { ready?: number; replicas?: number; sidecar?: boolean | 'native' } = {}): Objects {
  const replicas = opts.replicas ?? 1;
  const ready = opts.ready ?? replicas;
  const labels = { app, version };
  const rs = `${name}-7d9f8`;
  const pods: K8sObject[] = Array.from({ length: replicas }, (_, i) => ({
    kind: 'Pod',
    metadata: { name: `${rs}-p${i}`, namespace: ns, labels: { ...labels, 'pod-template-hash': '7d9f8' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `${rs}-uid`, controller: true }] },
    spec: {
      ...(opts.sidecar === 'native' ? { initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }] } : {}),
      containers: [{ name: app }, ...(opts.sidecar === false || opts.sidecar === 'native' ? [] : [{ name: 'istio-proxy' }])],
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: i < ready ? 'True' : 'False' }] },
  }));
  return {
    Deployment: [{ kind: 'Deployment', metadata: { name, namespace: ns, labels }, spec: { replicas, template: { metadata: { labels } } }, status: { replicas, readyReplicas: ready } }],
    ReplicaSet: [{ kind: 'ReplicaSet', metadata: { name: rs, namespace: ns, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: `${name}-uid`, controller: true }] } }],
    Pod: pods,
  };
}

/** A Service selecting app=<name> with an EndpointSlice of `endpoints` ready endpoints. */
export function service(ns: string, name: string, endpoints = 1): Objects {
  return {
    Service: [{ kind: 'Service', metadata: { name, namespace: ns }, spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ name: 'http', port: 9080 }] } }],
    EndpointSlice: [
      {
        kind: 'EndpointSlice',
        metadata: { name: `${name}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': name } },
        endpoints: Array.from({ length: endpoints }, (_, i) => ({ addresses: [`10.0.0.${i + 1}`], conditions: { ready: true } })),
      },
    ],
  };
}

export function object(kind: InventoryKind, ns: string, name: string, spec: unknown = {}): Objects {
  return { [kind]: [{ kind, metadata: { name, namespace: ns }, spec }] };
}

/** Concatenates object lists kind by kind. */
export function merge(...parts: Objects[]): Objects {
  const out: Objects = {};
  for (const p of parts) for (const [k, v] of Object.entries(p) as [InventoryKind, K8sObject[]][]) (out[k] ??= []).push(...v);
  return out;
}
