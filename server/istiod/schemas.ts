import 'server-only';
import { z } from 'zod';

// What istiod's debug endpoints answer, as far as Meridian reads them. Lenient: unknown fields are
// kept (looseObject), every field Meridian does not need is optional, so that other Istio versions
// parse. Shapes from Istio's pilot/pkg/xds/debug.go (SyncStatus), pilot/pkg/model (MCSServiceInfo,
// a Go struct without JSON tags, hence capitalised keys) and the multicluster controller (DebugInfo).

const nonce = z.string().optional();

/** One connected proxy of /debug/syncz. "*_sent" empty: nothing of that xDS type sent yet. */
export const syncStatusSchema = z.looseObject({
  cluster_id: z.string().optional(),
  proxy: z.string(),
  proxy_type: z.string().optional(),
  proxy_version: z.string().optional(),
  istio_version: z.string().optional(),
  cluster_sent: nonce,
  cluster_acked: nonce,
  listener_sent: nonce,
  listener_acked: nonce,
  route_sent: nonce,
  route_acked: nonce,
  endpoint_sent: nonce,
  endpoint_acked: nonce,
  /** Newer istiod versions: per type URL. Read when the flat fields are absent. */
  resources: z.record(z.string(), z.looseObject({ sent: nonce, acked: nonce })).optional(),
});
export const synczSchema = z.array(syncStatusSchema);

/** One row of /debug/mcsz: a (cluster, namespace, name) service and its MCS export/import state. */
export const mcsServiceInfoSchema = z.looseObject({
  Cluster: z.string(),
  Name: z.string(),
  Namespace: z.string(),
  Exported: z.boolean().optional().default(false),
  Imported: z.boolean().optional().default(false),
  ClusterSetVIP: z.string().optional(),
  Discoverability: z.record(z.string(), z.string()).nullable().optional(),
});
export const mcszSchema = z.array(mcsServiceInfoSchema);

/** One cluster watched by istiod (/debug/clusterz): its own first (secretName ""), then the remote ones. */
export const clusterDebugInfoSchema = z.looseObject({
  id: z.string(),
  secretName: z.string().optional(),
  /** syncing | synced | timeout | closed (kept as a string: other versions may add states). */
  syncStatus: z.string().optional(),
});
export const clusterzSchema = z.array(clusterDebugInfoSchema);

export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type MCSServiceInfo = z.infer<typeof mcsServiceInfoSchema>;
export type ClusterDebugInfo = z.infer<typeof clusterDebugInfoSchema>;
