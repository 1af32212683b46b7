import 'server-only';
import { proxyContainer } from '@/lib/mesh-rules/proxy';
import { str, strs } from '@/lib/mesh-rules/spec';
import type { ClusterStoreView, KubeObject } from '../types';

/** Istio release the simulated istiods report (proxies report their image tag). */
export const ISTIOD_VERSION = '1.28.1';

export interface ConnectedProxy {
  /** `<pod>.<namespace>`, as istiod names xDS clients. */
  id: string;
  pod: KubeObject;
  namespace: string;
  type: 'sidecar' | 'router';
  version: string;
}

/** The proxies connected to this cluster's istiod: running pods with an `istio-proxy` container (lib/mesh-rules/proxy.ts). */
export function connectedProxies(view: ClusterStoreView): ConnectedProxy[] {
  const out: ConnectedProxy[] = [];
  for (const pod of view.list('v1', 'Pod')) {
    const proxy = proxyContainer(pod)?.container;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (!proxy || phase !== 'Running') continue;
    const namespace = pod.metadata.namespace ?? 'default';
    const tag = str(proxy.image)?.split(':').pop();
    out.push({
      id: `${pod.metadata.name}.${namespace}`,
      pod,
      namespace,
      type: strs(proxy.args).includes('router') ? 'router' : 'sidecar',
      version: tag && /^\d+\.\d+/.test(tag) ? tag : ISTIOD_VERSION,
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// What a push depends on: config and service discovery objects.
const PUSH_INPUTS: [string, string][] = [
  ['v1', 'Service'],
  ['discovery.k8s.io/v1', 'EndpointSlice'],
  ['networking.istio.io/v1', 'VirtualService'],
  ['networking.istio.io/v1', 'DestinationRule'],
  ['networking.istio.io/v1', 'Gateway'],
  ['networking.istio.io/v1', 'ServiceEntry'],
  ['networking.istio.io/v1', 'Sidecar'],
  ['security.istio.io/v1', 'PeerAuthentication'],
  ['security.istio.io/v1', 'AuthorizationPolicy'],
  ['multicluster.x-k8s.io/v1alpha1', 'ServiceExport'],
  ['multicluster.x-k8s.io/v1alpha1', 'ServiceImport'],
];

/** A monotonic push version: the highest resourceVersion among the push inputs (0 when none is set). */
export function pushVersion(view: ClusterStoreView): number {
  let max = 0;
  for (const [apiVersion, kind] of PUSH_INPUTS) {
    for (const o of view.list(apiVersion, kind)) {
      const rv = Number(o.metadata.resourceVersion);
      if (Number.isFinite(rv) && rv > max) max = rv;
    }
  }
  return max;
}
