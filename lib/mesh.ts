import { z } from 'zod';
import { clusterTelemetrySchema } from './telemetry';

// GET /api/mesh: the mesh's control planes, multi-cluster services (MCS exports x imports) and the
// cross-cluster traffic matrix. Shared by the server (which shapes it) and the page (which parses it).

const proxySyncSchema = z.object({
  proxies: z.number().int().nonnegative(),
  synced: z.number().int().nonnegative(),
  stale: z.number().int().nonnegative(),
  notSent: z.number().int().nonnegative(),
  versions: z.record(z.string(), z.number()),
  unsynced: z.array(z.object({ proxy: z.string(), state: z.enum(['stale', 'notSent']) })),
});

const remoteSecretSchema = z.object({
  /** The cluster the secret gives access to. */
  cluster: z.string(),
  secretName: z.string(),
  /** istiod's sync state of that cluster: synced, syncing, timeout, closed. */
  syncStatus: z.string().optional(),
});

const conditionSchema = z.object({ type: z.string(), status: z.string(), reason: z.string().optional(), message: z.string().optional() });

/** A managed control plane (Cloud Service Mesh): ControlPlaneRevisions and the namespaces they inject. */
export const managedControlPlaneSchema = z.object({
  revisions: z.array(
    z.object({
      /** asm-managed, asm-managed-rapid, asm-managed-stable */
      name: z.string(),
      /** Release channel: regular, rapid, stable. */
      channel: z.string().optional(),
      /** spec.type: managed_service. */
      type: z.string().optional(),
      /** status.conditions: Reconciled, ProvisioningFinished, Stalled. */
      conditions: z.array(conditionSchema),
    }),
  ),
  /** Namespaces labelled istio.io/rev=<a managed revision>. */
  namespaces: z.array(z.string()),
  /** Why istiod's debug endpoints and metrics are absent (not an outage). */
  note: z.string(),
});
export type ManagedControlPlane = z.infer<typeof managedControlPlaneSchema>;

export const clusterCardSchema = z.object({
  name: z.string(),
  reachable: z.boolean(),
  error: z.string().optional(),
  kubernetesVersion: z.string().optional(),
  istiod: z.object({ revision: z.string().optional(), version: z.string().optional(), revisions: z.array(z.string()) }).optional(),
  meshId: z.string().optional(),
  network: z.string().optional(),
  /** /debug/syncz of this cluster's istiod (absent when it could not be read: see syncError). */
  sync: proxySyncSchema.optional(),
  syncError: z.string().optional(),
  /** ISO time the root certificate expires (istiod's citadel_server_root_cert_expiry_timestamp). */
  rootCertExpiry: z.string().optional(),
  certError: z.string().optional(),
  /** `<address>:<port>` of the east-west gateway (LoadBalancer ingress). */
  eastWestGateway: z.string().optional(),
  remoteSecrets: z.array(remoteSecretSchema),
  /** The cluster whose istiod serves this cluster's proxies (itself for a primary). */
  servedBy: z.string().optional(),
  /** The cluster's control plane is managed by Google (no istiod in the cluster). */
  managedControlPlane: managedControlPlaneSchema.optional(),
  /** Whether its Istio telemetry is there (lib/telemetry.ts; the same state as the graph's). */
  telemetry: clusterTelemetrySchema.optional(),
});
export type ClusterCard = z.infer<typeof clusterCardSchema>;

const controlPlaneModelSchema = z.enum(['multi-primary', 'primary-remote', 'single-cluster', 'independent', 'managed', 'unknown']);
export type ControlPlaneModel = z.infer<typeof controlPlaneModelSchema>;

export const controlPlaneSchema = z.object({
  model: controlPlaneModelSchema,
  /** Cluster -> the cluster whose istiod serves it. */
  servedBy: z.record(z.string(), z.string()),
  /** Cluster -> the clusters its istiod watches (its own first). */
  watches: z.record(z.string(), z.array(z.string())),
  /** Clusters whose control plane is managed (Cloud Service Mesh): served by Google, no istiod. */
  managed: z.array(z.string()).optional(),
  explanation: z.string(),
});
export type ControlPlane = z.infer<typeof controlPlaneSchema>;

export const mcsClusterStateSchema = z.object({
  cluster: z.string(),
  exported: z.boolean(),
  imported: z.boolean(),
  /** A Service of that name exists in the cluster. */
  service: z.boolean(),
  /** Ready endpoints of the Service in that cluster. */
  endpoints: z.number().int().nonnegative(),
  /** Ports of the Service (or of the ServiceImport when there is no Service): `name:port/protocol`. */
  ports: z.array(z.string()),
  /** The MCS API group(s) of the export/import objects there, when one is not the upstream multicluster.x-k8s.io (GKE's net.gke.io). */
  groups: z.array(z.string()).optional(),
  /** GKE: the derived Service (gke-mcs-<hash>) that carries the import in this cluster. */
  derivedService: z.string().optional(),
  /** GKE: ready endpoints of the derived Service, per exporting cluster (the import's endpoints here). */
  importedEndpoints: z.record(z.string(), z.number().int().nonnegative()).optional(),
});
export type MCSClusterState = z.infer<typeof mcsClusterStateSchema>;

export const mcsServiceRowSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** <name>.<namespace>.svc.clusterset.local */
  host: z.string(),
  exportedFrom: z.array(z.string()),
  importedIn: z.array(z.string()),
  clusters: z.array(mcsClusterStateSchema),
  portsConsistent: z.boolean(),
});
export type MCSServiceRow = z.infer<typeof mcsServiceRowSchema>;

export const mcsProblemCodeSchema = z.enum([
  'export-without-service',
  'import-without-export',
  'ports-differ',
  'export-not-imported',
  'export-no-endpoints',
  /** GKE: the derived Service of an import has no ready endpoint in that cluster. */
  'derived-no-endpoints',
  /** A cluster taking part in MCS lacks the namespace of an exported service: nothing is imported there. */
  'namespace-missing',
]);
export type MCSProblemCode = z.infer<typeof mcsProblemCodeSchema>;

export const mcsProblemSchema = z.object({
  code: mcsProblemCodeSchema,
  severity: z.enum(['error', 'warning']),
  namespace: z.string(),
  name: z.string(),
  cluster: z.string().optional(),
  /** import-without-export: the clusters that import it (where callers of the clusterset host get no answer). */
  clusters: z.array(z.string()).optional(),
  message: z.string(),
});
export type MCSProblem = z.infer<typeof mcsProblemSchema>;

export const matrixCellSchema = z.object({
  source: z.string(),
  destination: z.string(),
  rps: z.number().nonnegative(),
  errorRate: z.number().min(0).max(1),
  p50: z.number().nonnegative().optional(),
  p95: z.number().nonnegative().optional(),
  p99: z.number().nonnegative().optional(),
  mtlsShare: z.number().min(0).max(1).optional(),
  /** The graph filtered to these edges. */
  link: z.string(),
});
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const meshResponseSchema = z.object({
  clusters: z.array(clusterCardSchema),
  controlPlane: controlPlaneSchema,
  mcs: z.object({ services: z.array(mcsServiceRowSchema), problems: z.array(mcsProblemSchema) }),
  matrix: z.object({ clusters: z.array(z.string()), duration: z.number(), cells: z.array(matrixCellSchema) }),
  errorsByCluster: z.record(z.string(), z.string()),
});
export type MeshResponse = z.infer<typeof meshResponseSchema>;

/** The graph page filtered to the traffic from `source` to `destination` (in-cluster: that cluster). */
export function matrixLink(source: string, destination: string): string {
  if (source === destination) return `/graph?clusters=${encodeURIComponent(source)}&find=${encodeURIComponent(`cluster=${source}`)}`;
  return `/graph?clusters=${encodeURIComponent(source)},${encodeURIComponent(destination)}&find=crosscluster`;
}
