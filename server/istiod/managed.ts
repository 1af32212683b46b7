import 'server-only';
import type { InventorySnapshot } from '@/lib/inventory/types';
import type { ManagedControlPlane } from '@/lib/mesh';
import { isManagedRevision, managedChannel, namespaceRevision } from '@/lib/mesh-rules/injection';
import { arr, at, rec, str } from '@/lib/mesh-rules/spec';
import { inventorySnapshot } from '@/server/kube/informers';
import { istiodInfo } from './info';

// A managed control plane (Cloud Service Mesh on GKE): Google runs the control plane outside the
// cluster (Traffic Director distributes xDS), so no istiod Deployment runs there. What the cluster
// shows of it: ControlPlaneRevision objects (mesh.cloud.google.com, istio-system/asm-managed[-rapid|
// -stable], spec.type managed_service, spec.channel, status conditions Reconciled /
// ProvisioningFinished / Stalled) and namespaces labelled istio.io/rev=<managed revision>.
// istiod's debug endpoints (/debug/syncz, clusterz, mcsz) and its metrics do not exist for it: their
// absence is this state, explained, never an outage.

export const MANAGED_NOTE =
  'managed control plane: Google runs it outside the cluster (Traffic Director serves xDS), so istiod debug endpoints and istiod metrics are not exposed';

/** The managed control plane of a cluster, or undefined when it runs istiod (or shows no sign of a managed one). */
export function managedControlPlane(cluster: string, snapshot: InventorySnapshot = inventorySnapshot()): ManagedControlPlane | undefined {
  const snap = snapshot.clusters.find((c) => c.cluster === cluster);
  if (!snap) return undefined;
  if (istiodInfo(cluster, snapshot).revisions.length > 0) return undefined;
  const revisions = (snap.objects.ControlPlaneRevision ?? []).map((cpr) => {
    const spec = rec(cpr.spec);
    const channel = str(spec.channel) ?? managedChannel(cpr.metadata.name);
    const type = str(spec.type);
    return {
      name: cpr.metadata.name,
      ...(channel ? { channel } : {}),
      ...(type ? { type } : {}),
      conditions: arr(at(cpr.status, 'conditions')).map((raw) => {
        const c = rec(raw);
        const reason = str(c.reason);
        const message = str(c.message);
        return { type: str(c.type) ?? '', status: str(c.status) ?? 'Unknown', ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
      }),
    };
  });
  const namespaces: string[] = [];
  const labelled = new Set<string>();
  for (const ns of snap.objects.Namespace ?? []) {
    const rev = namespaceRevision(ns.metadata.labels);
    if (rev && (isManagedRevision(rev) || revisions.some((r) => r.name === rev))) {
      namespaces.push(ns.metadata.name);
      labelled.add(rev);
    }
  }
  if (revisions.length === 0 && namespaces.length === 0) return undefined;
  // A managed revision namespaces ask for without a ControlPlaneRevision object: still managed, channel from its name.
  for (const rev of labelled) {
    if (revisions.some((r) => r.name === rev)) continue;
    const channel = managedChannel(rev);
    revisions.push({ name: rev, ...(channel ? { channel } : {}), conditions: [] });
  }
  revisions.sort((a, b) => a.name.localeCompare(b.name));
  return { revisions, namespaces: namespaces.sort(), note: MANAGED_NOTE };
}

/** Whether the control plane's conditions say it runs: Reconciled True and not Stalled. */
export function managedHealthy(cp: ManagedControlPlane): boolean | undefined {
  const conds = cp.revisions.flatMap((r) => r.conditions);
  if (conds.length === 0) return undefined;
  return cp.revisions.every((r) => r.conditions.some((c) => c.type === 'Reconciled' && c.status === 'True') && !r.conditions.some((c) => c.type === 'Stalled' && c.status === 'True'));
}
