// ServiceImport: a service of the cluster set as seen by the importing cluster; status.clusters
// lists the exporting clusters. Two API groups serve the same shape:
//  - multicluster.x-k8s.io/v1alpha1 (the upstream MCS API): status.clusters[].cluster is a cluster name;
//  - net.gke.io/v1 (GKE's MCS controller, which creates the import in every fleet cluster that has
//    the namespace): status.clusters[].cluster is the exporting fleet membership
//    (`projects/<number>/locations/<location>/memberships/<name>`), and the annotation
//    `net.gke.io/derived-service` names the derived Service `gke-mcs-<hash>` that carries the
//    import's ClusterSetIP and endpoints in this cluster (lib/mesh-rules/mcs.ts).
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

/** GKE names exporting clusters by their fleet membership resource name, not a DNS label. */
export const GkeServiceImportStatus = z.looseObject({
  clusters: z.array(z.looseObject({ cluster: z.string().min(1) })).optional(),
});

export const GkeServiceImport = kubeObject('net.gke.io/v1', 'ServiceImport', ServiceImportSpec).extend({
  status: GkeServiceImportStatus.optional(),
});
export type GkeServiceImport = z.infer<typeof GkeServiceImport>;
