import 'server-only';
import type { KubeObject } from '../../types';
import { hash32, safeSuffix } from '../ids';
import type { ServiceSpec } from '../spec';
import type { ClusterSeed } from './context';
import { nodeFor } from './pod';

export function labelsMatch(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function podIsReady(pod: KubeObject): boolean {
  const status = pod.status as { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] } | undefined;
  return (
    status?.phase === 'Running' &&
    typeof status.podIP === 'string' &&
    (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

/** Documentation-range (TEST-NET-3) address of a LoadBalancer Service. */
function loadBalancerIp(seed: ClusterSeed, name: string): string {
  return `203.0.113.${10 + seed.index * 20 + (hash32(name) % 20)}`;
}

/**
 * A Service and its EndpointSlice. The slice lists exactly the ready pods of this cluster that the
 * selector matches (possibly none: a Service kept for namespace sameness, served by other clusters).
 * Must run after the namespace's workloads were added to `seed`.
 */
export function service(seed: ClusterSeed, namespace: string, spec: ServiceSpec): KubeObject[] {
  const selector = spec.selector ?? { app: spec.name };
  const type = spec.type ?? 'ClusterIP';
  const clusterIP = seed.nextServiceIp();
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: seed.meta('Service', namespace, spec.name, { labels: { app: spec.name, service: spec.name, ...spec.labels } }),
    spec: {
      type,
      selector,
      clusterIP,
      clusterIPs: [clusterIP],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      ports: spec.ports.map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: 'TCP',
        ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
        ...(type === 'LoadBalancer' ? { nodePort: 30000 + (hash32(`${spec.name}/${p.port}`) % 2000) } : {}),
      })),
    },
    status: type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: loadBalancerIp(seed, spec.name), ipMode: 'VIP' }] } } : { loadBalancer: {} },
  };

  const ready = seed.pods(namespace).filter((p) => labelsMatch(selector, p.metadata.labels) && podIsReady(p));
  const sliceName = `${spec.name}-${safeSuffix(5, seed.cluster, namespace, spec.name, 'slice')}`;
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: seed.meta('EndpointSlice', namespace, sliceName, {
      labels: {
        'kubernetes.io/service-name': spec.name,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
      owner: svc,
    }),
    addressType: 'IPv4',
    endpoints: ready.map((pod) => {
      const status = pod.status as { podIP: string };
      const node = nodeFor(seed.cluster, pod.metadata.name);
      return {
        addresses: [status.podIP],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: node.nodeName,
        zone: node.zone,
        targetRef: { kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      };
    }),
    ports: spec.ports.map((p) => ({
      name: p.name,
      port: p.targetPort ?? p.port,
      protocol: 'TCP',
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    })),
  };
  return [svc, slice];
}
