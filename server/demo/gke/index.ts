import 'server-only';
import type { KubeObject } from '../types';
import { seedCluster } from '../mesh';
import type { DemoClusterName } from '../types';
import { asManaged, GKE_CONTENT } from './content';

// The gke flavour of the demo (`npm run demo -- --flavor gke`): the reference architecture — a GKE
// fleet (cluster-a, cluster-b) with GKE's MCS (net.gke.io) and a Cloud Service Mesh managed control
// plane. content.ts is what is seeded, mcs-controller.ts simulates GKE's MCS controller.
export { createMcsController, GKE_MCS_API, MANAGED_BY, type McsController, type McsControllerOptions } from './mcs-controller';
export { derivedNameOf, GKE_CONTENT, GKE_MESH_ID, MANAGED_REVISION, membershipOf } from './content';

/** Everything a gke-flavour cluster holds at first start (the MCS controller adds the imports). */
export function seedGkeCluster(cluster: DemoClusterName): KubeObject[] {
  return seedCluster(cluster, { content: GKE_CONTENT }).map(asManaged);
}
