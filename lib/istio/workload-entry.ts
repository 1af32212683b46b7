// WorkloadEntry (networking.istio.io/v1): a non-Kubernetes workload (VM, bare metal) in the mesh.
// Its spec is also the shape of ServiceEntry endpoints.
import { z } from 'zod';
import { kubeObject, labelMap } from '../k8s/meta';
import { portNumber } from './common';

export const WorkloadEntrySpec = z.looseObject({
  address: z.string().optional(),
  ports: z.record(z.string(), portNumber).optional(),
  labels: labelMap.optional(),
  network: z.string().optional(),
  locality: z.string().optional(),
  weight: z.number().int().min(0, { error: 'weight must not be negative' }).optional(),
  serviceAccount: z.string().optional(),
});
export type WorkloadEntrySpec = z.infer<typeof WorkloadEntrySpec>;

export const WorkloadEntry = kubeObject('networking.istio.io/v1', 'WorkloadEntry', WorkloadEntrySpec);
export type WorkloadEntry = z.infer<typeof WorkloadEntry>;
