// ServiceExport: exports the Service of the same namespace/name to the cluster set. It has no spec;
// controllers write status.conditions. Two API groups serve the same shape:
//  - multicluster.x-k8s.io/v1alpha1 (the upstream MCS API; conditions Valid, Ready, Conflict);
//  - net.gke.io/v1 (GKE's MCS controller in a fleet; conditions Initialized, Exported, Conflict).
import { z } from 'zod';
import { kubeObject } from '../k8s/meta';

export const ServiceExportSpec = z.looseObject({});

export const StatusCondition = z.looseObject({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
  observedGeneration: z.number().int().optional(),
});

const exportOf = <A extends string>(apiVersion: A) =>
  kubeObject(apiVersion, 'ServiceExport', ServiceExportSpec).extend({
    status: z.looseObject({ conditions: z.array(StatusCondition).optional() }).optional(),
  });

export const ServiceExport = exportOf('multicluster.x-k8s.io/v1alpha1');
export type ServiceExport = z.infer<typeof ServiceExport>;

export const GkeServiceExport = exportOf('net.gke.io/v1');
export type GkeServiceExport = z.infer<typeof GkeServiceExport>;
