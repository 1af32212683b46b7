import 'server-only';
import { SIM_ANNOTATIONS, type KubeObject } from '../../types';
import { safeSuffix, SEED_TIME } from '../ids';
import type { TrafficSpec, WorkloadSpec } from '../spec';
import type { ClusterSeed } from './context';
import { injectionAnnotations, nodeFor, podContainers, runningStatus, templateContainers, type PodShape, type ProxyMode } from './pod';

/** SIM_ANNOTATIONS for a workload's traffic (only the keys that are set). */
export function simAnnotations(t: TrafficSpec | undefined): Record<string, string> {
  if (!t) return {};
  const out: Record<string, string> = {};
  if (t.calls && t.calls.length > 0) out[SIM_ANNOTATIONS.calls] = JSON.stringify(t.calls);
  if (t.entryRps !== undefined) out[SIM_ANNOTATIONS.entryRps] = String(t.entryRps);
  if (t.latencyMs !== undefined) out[SIM_ANNOTATIONS.latencyMs] = String(t.latencyMs);
  if (t.errorRate !== undefined) out[SIM_ANNOTATIONS.errorRate] = String(t.errorRate);
  if (t.tcpBytes !== undefined) out[SIM_ANNOTATIONS.tcpBytes] = String(t.tcpBytes);
  return out;
}

function serviceAccount(seed: ClusterSeed, namespace: string, name: string): KubeObject[] {
  if (seed.has('v1', 'ServiceAccount', namespace, name)) return [];
  return [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: seed.meta('ServiceAccount', namespace, name) }];
}

/**
 * A Deployment with its ReplicaSet and Running pods (plus the ServiceAccount if new), all consistent:
 * owner references with matching uids, pod-template-hash, canonical-service labels, injected sidecar
 * where `proxy` is `sidecar`, replica counts in the statuses.
 */
export function workload(seed: ClusterSeed, namespace: string, spec: WorkloadSpec, defaultProxy: ProxyMode): KubeObject[] {
  const name = spec.name ?? `${spec.app}-${spec.version}`;
  const replicas = spec.replicas ?? 1;
  const proxy = spec.proxy ?? defaultProxy;
  const sa = spec.serviceAccount ?? spec.app;
  const shape: PodShape = {
    cluster: seed.cluster,
    deployment: name,
    app: spec.app,
    image: spec.image ?? `docker.io/meridian/demo-${spec.app}:${spec.version}`,
    ports: spec.ports,
    proxy,
  };
  const selector = { app: spec.app, version: spec.version };
  const templateLabels = {
    ...selector,
    ...spec.labels,
    'service.istio.io/canonical-name': spec.app,
    'service.istio.io/canonical-revision': spec.version,
  };
  const templateSpec = { serviceAccountName: sa, containers: templateContainers(shape), restartPolicy: 'Always' };
  const replicaStatus = { replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 };

  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...seed.meta('Deployment', namespace, name, {
        labels: { ...selector, ...spec.labels },
        annotations: { 'deployment.kubernetes.io/revision': '1', ...spec.annotations, ...simAnnotations(spec.traffic) },
      }),
      generation: 1,
    },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: { metadata: { labels: templateLabels }, spec: templateSpec },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
    status: {
      ...replicaStatus,
      updatedReplicas: replicas,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: SEED_TIME },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastTransitionTime: SEED_TIME },
      ],
    },
  };

  const hash = safeSuffix(10, seed.cluster, namespace, name, 'template');
  const rsName = `${name}-${hash}`;
  const rsLabels = { ...templateLabels, 'pod-template-hash': hash };
  const replicaSet: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      ...seed.meta('ReplicaSet', namespace, rsName, {
        labels: rsLabels,
        annotations: { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': String(replicas) },
        owner: deployment,
      }),
      generation: 1,
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...selector, 'pod-template-hash': hash } },
      template: { metadata: { labels: rsLabels }, spec: templateSpec },
    },
    status: { ...replicaStatus, fullyLabeledReplicas: replicas },
  };

  const pods: KubeObject[] = [];
  for (let i = 0; i < replicas; i++) {
    const podName = `${rsName}-${safeSuffix(5, seed.cluster, namespace, rsName, String(i))}`;
    const meta = seed.meta('Pod', namespace, podName, {
      labels: { ...rsLabels, ...(proxy === 'sidecar' ? { 'security.istio.io/tlsMode': 'istio' } : {}) },
      annotations: injectionAnnotations(proxy, spec.app),
      owner: replicaSet,
    });
    const node = nodeFor(seed.cluster, podName);
    const { containers, initContainers } = podContainers(shape);
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...meta, generateName: `${rsName}-` },
      spec: { ...templateSpec, containers, ...(initContainers ? { initContainers } : {}), nodeName: node.nodeName },
      status: runningStatus(seed.nextPodIp(), node.hostIP, containers, meta.uid ?? ''),
    });
  }
  return [...serviceAccount(seed, namespace, sa), deployment, replicaSet, ...pods];
}
