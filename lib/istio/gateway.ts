// Gateway (networking.istio.io/v1): a load balancer at the mesh edge and the ports/hosts it serves.
import { z } from 'zod';
import { kubeObject, labelMap } from '../k8s/meta';
import { Port, ServerTLSSettings, host } from './common';

export const Server = z.looseObject({
  port: Port,
  bind: z.string().optional(),
  // Gateway hosts may carry a namespace prefix: "ns/host", "./host", "*/host".
  hosts: z.array(host).min(1, { error: 'a server needs at least one host' }),
  tls: ServerTLSSettings.optional(),
  defaultEndpoint: z.string().optional(),
  name: z.string().optional(),
});
export type Server = z.infer<typeof Server>;

export const GatewaySpec = z.looseObject({
  selector: labelMap.optional(),
  servers: z.array(Server).optional(),
});
export type GatewaySpec = z.infer<typeof GatewaySpec>;

export const Gateway = kubeObject('networking.istio.io/v1', 'Gateway', GatewaySpec);
export type Gateway = z.infer<typeof Gateway>;
