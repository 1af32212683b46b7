import 'server-only';
import { DEMO_MESH_ID, type DemoClusterName } from '../../types';
import { clusterIndex, hash32, ISTIO_REVISION, ISTIO_VERSION, networkOf, SEED_TIME } from '../ids';
import type { ContainerPortSpec } from '../spec';

// Pod template and pod status pieces. Injection is modelled like Istio's webhook does it: the
// Deployment template holds the app container only; the Pods carry the added istio-proxy container,
// the istio-init init container, and the sidecar.istio.io/status annotation.

export type ProxyMode = 'sidecar' | 'gateway' | 'none';

export interface PodShape {
  cluster: DemoClusterName;
  deployment: string;
  app: string;
  image: string;
  ports: ContainerPortSpec[];
  proxy: ProxyMode;
}

const PROXY_IMAGE = `docker.io/istio/proxyv2:${ISTIO_VERSION}`;

/** Annotation the injector writes on every injected pod. */
export const SIDECAR_STATUS = JSON.stringify({
  initContainers: ['istio-init'],
  containers: ['istio-proxy'],
  volumes: ['workload-socket', 'credential-socket', 'workload-certs', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert'],
  imagePullSecrets: null,
  revision: ISTIO_REVISION,
});

function containerPorts(ports: ContainerPortSpec[]): Record<string, unknown>[] {
  return ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: 'TCP' }));
}

function proxyContainer(s: PodShape, role: 'sidecar' | 'router'): Record<string, unknown> {
  const ports = role === 'router' ? containerPorts(s.ports) : [];
  return {
    name: 'istio-proxy',
    image: PROXY_IMAGE,
    args: ['proxy', role, '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning'],
    ports: [...ports, { name: 'http-envoy-prom', containerPort: 15090, protocol: 'TCP' }],
    env: [
      { name: 'ISTIO_META_CLUSTER_ID', value: s.cluster },
      { name: 'ISTIO_META_NETWORK', value: networkOf(s.cluster) },
      { name: 'ISTIO_META_MESH_ID', value: DEMO_MESH_ID },
      { name: 'ISTIO_META_WORKLOAD_NAME', value: s.deployment },
      { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
    ],
    readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021 } },
  };
}

function appContainer(s: PodShape): Record<string, unknown> {
  return { name: s.app, image: s.image, imagePullPolicy: 'IfNotPresent', ports: containerPorts(s.ports) };
}

/** Containers of the Deployment's pod template (before injection). */
export function templateContainers(s: PodShape): Record<string, unknown>[] {
  return s.proxy === 'gateway' ? [proxyContainer(s, 'router')] : [appContainer(s)];
}

/** Containers and init containers of a running pod (after injection). */
export function podContainers(s: PodShape): { containers: Record<string, unknown>[]; initContainers?: Record<string, unknown>[] } {
  if (s.proxy !== 'sidecar') return { containers: templateContainers(s) };
  return {
    containers: [appContainer(s), proxyContainer(s, 'sidecar')],
    initContainers: [{ name: 'istio-init', image: PROXY_IMAGE, args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337'] }],
  };
}

/** Annotations the injector adds to a pod. */
export function injectionAnnotations(proxy: ProxyMode, appContainerName: string): Record<string, string> {
  if (proxy !== 'sidecar') return {};
  return {
    'sidecar.istio.io/status': SIDECAR_STATUS,
    'istio.io/rev': ISTIO_REVISION,
    'kubectl.kubernetes.io/default-container': appContainerName,
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '15020',
    'prometheus.io/path': '/stats/prometheus',
  };
}

export function nodeFor(cluster: DemoClusterName, podName: string): { nodeName: string; hostIP: string; zone: string } {
  const k = hash32(podName) % 3;
  const index = clusterIndex(cluster);
  return { nodeName: `${cluster}-node-${k}`, hostIP: `192.168.${index}.${10 + k}`, zone: `${cluster}-${'abc'[k] ?? 'a'}` };
}

/** Status of a pod that is Running and Ready since the seed time. */
export function runningStatus(podIP: string, hostIP: string, containers: Record<string, unknown>[], uid: string): Record<string, unknown> {
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: SEED_TIME });
  return {
    phase: 'Running',
    podIP,
    podIPs: [{ ip: podIP }],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: SEED_TIME,
    qosClass: 'BestEffort',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    containerStatuses: containers.map((c, i) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      containerID: `containerd://${uid.replace(/-/g, '')}${i}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: SEED_TIME } },
    })),
  };
}
