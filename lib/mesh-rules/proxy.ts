// Whether a pod runs Istio's data plane, and how: the one definition of sidecar detection, used by
// the graph (missingSidecar), validation (pod-missing-proxy, the mTLS checks), the control-plane
// facts and the demo mesh.
import { arr, at, isRec, type Rec } from './spec';

/** The name the injector gives the proxy container. */
export const PROXY_CONTAINER = 'istio-proxy';

/**
 * A pod's data plane:
 *  - `sidecar`: istio-proxy among its containers (classic injection; gateways, whose only container it is);
 *  - `native-sidecar`: istio-proxy among its init containers with `restartPolicy: Always` (a Kubernetes
 *    native sidecar, as Istio injects with ENABLE_NATIVE_SIDECARS);
 *  - `none`.
 * Ambient capture (ztunnel, no proxy in the pod) is not a value yet: see isAmbientPod; when the
 * graph learns ambient, `ambient` joins this type and dataPlaneOf reads the capture marker.
 */
export type DataPlane = 'sidecar' | 'native-sidecar' | 'none';

export interface ProxyContainer {
  container: Rec;
  native: boolean;
}

/** The pod's istio-proxy container (regular, or a native sidecar among the init containers). */
export function proxyContainer(pod: unknown): ProxyContainer | undefined {
  const named = (list: unknown) => arr(list).find((c): c is Rec => isRec(c) && c.name === PROXY_CONTAINER);
  const regular = named(at(pod, 'spec', 'containers'));
  if (regular) return { container: regular, native: false };
  const init = named(at(pod, 'spec', 'initContainers'));
  return init?.restartPolicy === 'Always' ? { container: init, native: true } : undefined;
}

export function dataPlaneOf(pod: unknown): DataPlane {
  const proxy = proxyContainer(pod);
  return proxy ? (proxy.native ? 'native-sidecar' : 'sidecar') : 'none';
}

/** Whether the pod runs its own proxy (a sidecar, native or not). */
export function hasProxy(pod: unknown): boolean {
  return dataPlaneOf(pod) !== 'none';
}

/** The annotation Istio's CNI sets on a pod whose traffic it redirects to ztunnel (ambient mode). */
export const AMBIENT_REDIRECTION_ANNOTATION = 'ambient.istio.io/redirection';

/** Whether ambient mode captures the pod's traffic (the CNI marked it). */
export function isAmbientPod(pod: unknown): boolean {
  return at(pod, 'metadata', 'annotations', AMBIENT_REDIRECTION_ANNOTATION) === 'enabled';
}
