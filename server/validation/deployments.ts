import 'server-only';
import type { Ctx } from './context';
import { podMetaOf, sidecarInjected } from '@/lib/mesh-rules/injection';
import { servicePorts as servicePortsOf, type ServicePort } from '@/lib/mesh-rules/service';
import { at, rec, strMap } from '@/lib/mesh-rules/spec';
import type { Item } from './types';
import { selects } from './workloads';

// Deployments in the mesh and the Services that select their pods.

/** In the mesh: the injector gives its pods a sidecar (namespace labels, template labels); waypoints are not workloads. */
export function deploymentInMesh(ctx: Ctx, d: Item): boolean {
  if (d.obj.metadata.labels?.['gateway.istio.io/managed'] === 'istio.io-mesh-controller') return false;
  const template = podMetaOf(at(d.obj.spec, 'template', 'metadata'));
  return sidecarInjected(ctx.namespace(d.cluster, d.namespace ?? 'default')?.obj.metadata.labels, template);
}

export function servicesOfDeployment(ctx: Ctx, d: Item): Item[] {
  const labels = strMap(at(d.obj.spec, 'template', 'metadata', 'labels'));
  return ctx.items('Service', d.cluster).filter((s) => {
    const sel = strMap(rec(s.obj.spec).selector);
    return s.namespace === d.namespace && sel !== undefined && Object.keys(sel).length > 0 && selects(sel, labels);
  });
}

export const servicePorts = (s: Item): ServicePort[] => servicePortsOf(s.obj.spec);
