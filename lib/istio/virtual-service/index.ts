// VirtualService (networking.istio.io/v1): hosts, gateways, exportTo and http/tls/tcp routes.
import { z } from 'zod';
import { kubeObject } from '../../k8s/meta';
import { exportTo, hostList, nonEmpty } from '../common';
import { HTTPRoute } from './http';
import { L4MatchAttributes, TLSMatchAttributes } from './match';
import { RouteDestination, WEIGHTS_CHECK, checkRouteWeights } from './route';

export const TCPRoute = z
  .looseObject({
    match: z.array(L4MatchAttributes).optional(),
    route: z.array(RouteDestination).optional(),
  })
  .superRefine((r, ctx) => checkRouteWeights(r.route, ctx), WEIGHTS_CHECK);
export type TCPRoute = z.infer<typeof TCPRoute>;

export const TLSRoute = z
  .looseObject({
    match: z.array(TLSMatchAttributes).min(1, { error: 'a TLS route needs at least one match with sniHosts' }),
    route: z.array(RouteDestination).optional(),
  })
  .superRefine((r, ctx) => checkRouteWeights(r.route, ctx), WEIGHTS_CHECK);
export type TLSRoute = z.infer<typeof TLSRoute>;

/**
 * hosts may be omitted only by a delegate VirtualService (one referenced from another's
 * http[].delegate), so the schema keeps it optional; each host must be non-empty.
 */
export const VirtualServiceSpec = z.looseObject({
  hosts: hostList.optional(),
  gateways: z.array(nonEmpty('gateway')).optional(),
  http: z.array(HTTPRoute).optional(),
  tls: z.array(TLSRoute).optional(),
  tcp: z.array(TCPRoute).optional(),
  exportTo: exportTo.optional(),
});
export type VirtualServiceSpec = z.infer<typeof VirtualServiceSpec>;

export const VirtualService = kubeObject('networking.istio.io/v1', 'VirtualService', VirtualServiceSpec);
export type VirtualService = z.infer<typeof VirtualService>;

export * from './match';
export * from './route';
export * from './http';
