import 'server-only';
import { DEFAULT_INGRESS, type Ctx } from './context';
import type { Item, Loose } from './types';
import { selects } from './workloads';

// The workloads a Gateway runs on and the Service ports that expose them.

export interface GatewayWorkloads {
  pods: Item[];
  /** TCP ports of the Services selecting those pods. */
  ports: Set<number>;
  /** True when only istioctl's assumed default ingress gateway matches (files-only analysis). */
  assumed: boolean;
}

export function gatewaySelector(gw: Item): Record<string, string> {
  return ((gw.obj.spec as Loose)?.selector ?? {}) as Record<string, string>;
}

/** Pods in the Gateway's cluster (any namespace) its selector matches, and the ports their Services expose. */
export function gatewayWorkloads(ctx: Ctx, gw: Item): GatewayWorkloads {
  const selector = gatewaySelector(gw);
  const pods = ctx.items('Pod', gw.cluster).filter((p) => selects(selector, p.obj.metadata.labels));
  if (pods.length === 0) {
    const noIngress = !ctx.items('Pod').some((p) => p.obj.metadata.labels?.istio === 'ingressgateway');
    if (ctx.assumeDefaultIngress && noIngress && Object.keys(selector).length > 0 && selects(selector, DEFAULT_INGRESS.labels)) {
      return { pods: [], ports: new Set(DEFAULT_INGRESS.ports), assumed: true };
    }
    return { pods, ports: new Set(), assumed: false };
  }
  const ports = new Set<number>();
  for (const svc of ctx.items('Service', gw.cluster)) {
    const spec = svc.obj.spec as Loose;
    const sel = spec?.selector as Record<string, string> | undefined;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (!pods.some((p) => p.namespace === svc.namespace && selects(sel, p.obj.metadata.labels))) continue;
    for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
      if ((port?.protocol ?? 'TCP') === 'TCP' && typeof port?.port === 'number') ports.add(port.port);
    }
  }
  return { pods, ports, assumed: false };
}
