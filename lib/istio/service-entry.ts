// ServiceEntry (networking.istio.io/v1): adds hosts (external or internal) to Istio's service registry.
import { z } from 'zod';
import { kubeObject } from '../k8s/meta';
import { LabelsSelector, Port, enumOf, exportTo, host, nonEmpty } from './common';
import { WorkloadEntrySpec } from './workload-entry';

export const ServicePort = Port.extend({ name: nonEmpty('port name') });
export type ServicePort = z.infer<typeof ServicePort>;

export const ServiceEntrySpec = z.looseObject({
  hosts: z.array(host).min(1, { error: 'a ServiceEntry needs at least one host' }),
  addresses: z.array(z.string()).optional(),
  ports: z.array(ServicePort).optional(),
  location: enumOf(['MESH_EXTERNAL', 'MESH_INTERNAL']).optional(),
  resolution: enumOf(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN']).optional(),
  endpoints: z.array(WorkloadEntrySpec).optional(),
  workloadSelector: LabelsSelector.optional(),
  exportTo: exportTo.optional(),
  subjectAltNames: z.array(z.string()).optional(),
});
export type ServiceEntrySpec = z.infer<typeof ServiceEntrySpec>;

export const ServiceEntry = kubeObject('networking.istio.io/v1', 'ServiceEntry', ServiceEntrySpec);
export type ServiceEntry = z.infer<typeof ServiceEntry>;
