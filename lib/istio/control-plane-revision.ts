// ControlPlaneRevision (mesh.cloud.google.com/v1beta1): a Cloud Service Mesh managed control plane
// revision in a GKE cluster (istio-system/asm-managed, asm-managed-rapid, asm-managed-stable). Google
// provisions it and writes status.conditions: Reconciled (the control plane runs), ProvisioningFinished,
// Stalled (provisioning hit an error; the message says which). Read-only for the console.
import { z } from 'zod';
import { kubeObject } from '../k8s/meta';
import { enumOf } from './common';
import { StatusCondition } from './service-export';

export const CONTROL_PLANE_CHANNELS = ['regular', 'rapid', 'stable'] as const;

export const ControlPlaneRevisionSpec = z.looseObject({
  /** `managed_service` (Google runs it outside the cluster); older releases also knew `managed_local`. */
  type: enumOf(['managed_service', 'managed_local']).optional(),
  channel: enumOf(CONTROL_PLANE_CHANNELS).optional(),
});

export const ControlPlaneRevision = kubeObject('mesh.cloud.google.com/v1beta1', 'ControlPlaneRevision', ControlPlaneRevisionSpec).extend({
  status: z.looseObject({ conditions: z.array(StatusCondition).optional() }).optional(),
});
export type ControlPlaneRevision = z.infer<typeof ControlPlaneRevision>;
