import 'server-only';
import type { Ctx } from './context';
import { sidecarInjected } from '@/lib/mesh-rules/injection';
import type { Item, Loose } from './types';
import { selects } from './workloads';

// Deployments in the mesh and the Services that select their pods.

/** In the mesh: the injector gives its pods a sidecar (namespace labels, template labels); waypoints are not workloads. */
export function deploymentInMesh(ctx: Ctx, d: Item): boolean {
  if (d.obj.metadata.labels?.['gateway.istio.io/managed'] === 'istio.io-mesh-controller') return false;
  const template = (d.obj.spec as Loose)?.template?.metadata;
  return sidecarInjected(ctx.namespace(d.cluster, d.namespace ?? 'default')?.obj.metadata.labels, template);
}

export function servicesOfDeployment(ctx: Ctx, d: Item): Item[] {
  const labels = (d.obj.spec as Loose)?.template?.metadata?.labels as Record<string, string> | undefined;
  return ctx.items('Service', d.cluster).filter((s) => {
    const sel = (s.obj.spec as Loose)?.selector as Record<string, string> | undefined;
    return s.namespace === d.namespace && sel && Object.keys(sel).length > 0 && selects(sel, labels);
  });
}

export const servicePorts = (s: Item): Loose[] => (Array.isArray((s.obj.spec as Loose)?.ports) ? (s.obj.spec as Loose).ports : []);
