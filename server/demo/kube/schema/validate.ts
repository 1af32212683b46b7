import 'server-only';
import type { KubeObject } from '../../types';
import type { ResourceDef } from '../resources';
import { metadataCauses, type Causes, type J } from './causes';
import { configMapCauses, secretCauses, serviceMonitorCauses } from './config';
import { ingressClassCauses, ingressCauses, networkPolicyCauses, serviceCauses } from './network';
import { deploymentCauses, pdbCauses, podCauses, replicaSetCauses } from './workloads';

// The validation of a decoded built-in (or ServiceMonitor) object after its name: metadata labels
// and annotations for every kind, then the kind's own rules. Answered as 422 Invalid by the caller.

const KIND_CAUSES: Record<string, (o: J, current?: J) => Causes> = {
  'apps/Deployment': deploymentCauses,
  'apps/ReplicaSet': replicaSetCauses,
  '/Pod': podCauses,
  '/Service': serviceCauses,
  '/ConfigMap': configMapCauses,
  '/Secret': secretCauses,
  'policy/PodDisruptionBudget': pdbCauses,
  'networking.k8s.io/NetworkPolicy': networkPolicyCauses,
  'networking.k8s.io/Ingress': ingressCauses,
  'networking.k8s.io/IngressClass': ingressClassCauses,
  'monitoring.coreos.com/ServiceMonitor': serviceMonitorCauses,
};

export function kindCauses(def: ResourceDef, obj: KubeObject, current?: KubeObject): Causes {
  if (!def.model) return [];
  const own = KIND_CAUSES[`${def.group}/${def.kind}`];
  return [...metadataCauses(obj.metadata), ...(own ? own(obj, current) : [])];
}
