// A Kubernetes Service as the mesh reads it, from untyped objects: its ports (which decide the
// protocol Istio uses), and the ready endpoints of its EndpointSlices. Shared by the graph,
// validation, the mesh page and the services list.
import { arr, at, num, rec, str } from './spec';

/** The label by which an EndpointSlice names its Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

/** The ports of a Service (or ServiceImport) spec, in order; a field of the wrong type reads as absent. */
export function servicePorts(spec: unknown): ServicePort[] {
  return arr(at(spec, 'ports')).map((raw) => {
    const p = rec(raw);
    return { name: str(p.name), port: num(p.port), targetPort: num(p.targetPort) ?? str(p.targetPort), protocol: str(p.protocol), appProtocol: str(p.appProtocol) };
  });
}

/** Endpoints of an EndpointSlice that are ready (a missing condition counts as ready, as Kubernetes says). */
export function readyEndpoints(slice: unknown): number {
  return arr(at(slice, 'endpoints')).filter((e) => at(e, 'conditions', 'ready') !== false).length;
}
