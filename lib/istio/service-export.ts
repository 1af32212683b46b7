// ServiceExport (multicluster.x-k8s.io/v1alpha1, MCS API): exports the Service of the same
// namespace/name to the cluster set. It has no spec; controllers write status.conditions.
import { z } from 'zod';
import { kubeObject } from '../k8s/meta';

export const ServiceExportSpec = z.looseObject({});

const Condition = z.looseObject({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
  observedGeneration: z.number().int().optional(),
});

export const ServiceExport = kubeObject('multicluster.x-k8s.io/v1alpha1', 'ServiceExport', ServiceExportSpec).extend({
  status: z.looseObject({ conditions: z.array(Condition).optional() }).optional(),
});
export type ServiceExport = z.infer<typeof ServiceExport>;
