// Sidecar (networking.istio.io/v1): what a workload's proxy accepts (ingress) and can reach (egress).
import { z } from 'zod';
import { kubeObject } from '../k8s/meta';
import { LabelsSelector, Port, ServerTLSSettings, enumOf, host } from './common';
import { ConnectionPoolSettings } from './destination-rule/traffic-policy';
import { Destination } from './virtual-service/route';

const captureMode = enumOf(['DEFAULT', 'IPTABLES', 'NONE']);

export const IstioIngressListener = z.looseObject({
  port: Port.optional(),
  bind: z.string().optional(),
  captureMode: captureMode.optional(),
  defaultEndpoint: z.string().optional(),
  tls: ServerTLSSettings.optional(),
  connectionPool: ConnectionPoolSettings.optional(),
});

export const IstioEgressListener = z.looseObject({
  port: Port.optional(),
  bind: z.string().optional(),
  captureMode: captureMode.optional(),
  // "namespace/dnsName", e.g. "./*", "istio-system/*".
  hosts: z.array(host).min(1, { error: 'an egress listener needs at least one host' }),
});

export const SidecarSpec = z.looseObject({
  workloadSelector: LabelsSelector.optional(),
  ingress: z.array(IstioIngressListener).optional(),
  egress: z.array(IstioEgressListener).optional(),
  outboundTrafficPolicy: z
    .looseObject({ mode: enumOf(['REGISTRY_ONLY', 'ALLOW_ANY']).optional(), egressProxy: Destination.optional() })
    .optional(),
  inboundConnectionPool: ConnectionPoolSettings.optional(),
});
export type SidecarSpec = z.infer<typeof SidecarSpec>;

export const Sidecar = kubeObject('networking.istio.io/v1', 'Sidecar', SidecarSpec);
export type Sidecar = z.infer<typeof Sidecar>;
