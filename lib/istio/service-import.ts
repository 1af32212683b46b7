// ServiceImport (multicluster.x-k8s.io/v1alpha1, MCS API): a service of the cluster set as seen
// by the importing cluster; status.clusters lists the exporting clusters.
import { z } from 'zod';
import { dns1123Label, kubeObject } from '../k8s/meta';
import { enumOf, portNumber } from './common';

export const ServiceImportPort = z.looseObject({
  name: z.string().optional(),
  protocol: enumOf(['TCP', 'UDP', 'SCTP']).optional(),
  appProtocol: z.string().optional(),
  port: portNumber,
});

export const ServiceImportSpec = z.looseObject({
  type: enumOf(['ClusterSetIP', 'Headless']),
  ports: z.array(ServiceImportPort),
  ips: z.array(z.string()).max(1, { error: 'at most one IP (the cluster set VIP) may be set' }).optional(),
  sessionAffinity: enumOf(['ClientIP', 'None']).optional(),
  sessionAffinityConfig: z.looseObject({}).optional(),
});
export type ServiceImportSpec = z.infer<typeof ServiceImportSpec>;

export const ServiceImportStatus = z.looseObject({
  clusters: z.array(z.looseObject({ cluster: dns1123Label })).optional(),
});

export const ServiceImport = kubeObject('multicluster.x-k8s.io/v1alpha1', 'ServiceImport', ServiceImportSpec).extend({
  status: ServiceImportStatus.optional(),
});
export type ServiceImport = z.infer<typeof ServiceImport>;
