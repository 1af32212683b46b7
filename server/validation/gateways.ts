import 'server-only';
import { servicePorts } from '@/lib/mesh-rules/service';
import { rec, strMap } from '@/lib/mesh-rules/spec';
import { DEFAULT_INGRESS, type Ctx } from './context';
import type { Item } from './types';
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
  return strMap(rec(gw.obj.spec).selector) ?? {};
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
    const sel = strMap(rec(svc.obj.spec).selector);
    if (!sel || Object.keys(sel).length === 0) continue;
    if (!pods.some((p) => p.namespace === svc.namespace && selects(sel, p.obj.metadata.labels))) continue;
    for (const port of servicePorts(svc.obj.spec)) {
      if ((port.protocol ?? 'TCP') === 'TCP' && port.port !== undefined) ports.add(port.port);
    }
  }
  return { pods, ports, assumed: false };
}
