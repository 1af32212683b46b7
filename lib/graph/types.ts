import { z } from 'zod';
import { thresholdsSchema } from '@/lib/health';
import { clusterTelemetrySchema } from '@/lib/telemetry';

/**
 * The graph contract (DESIGN.md "Graph contract"): what /api/graph returns and the UI draws.
 * Ids are stable across refreshes so the UI can keep positions:
 *   svc:<cluster>:<ns>:<name>  wl:<cluster>:<ns>:<name>  app:<cluster>:<ns>:<app>[:<version>]
 *   ext:<host>  unknown  boxes cluster:<c>  ns:<c>:<ns>
 */

export const graphTypeSchema = z.enum(['app', 'versionedApp', 'workload', 'service']);
export type GraphType = z.infer<typeof graphTypeSchema>;

export const healthSchema = z.enum(['healthy', 'degraded', 'failing', 'idle', 'no-data']);
export type Health = z.infer<typeof healthSchema>;

export const nodeKindSchema = z.enum(['app', 'workload', 'service', 'serviceEntry', 'external', 'unknown']);
export type NodeKind = z.infer<typeof nodeKindSchema>;

const mtlsModeSchema = z.enum(['strict', 'permissive', 'off']);

export const badgesSchema = z.object({
  mtls: mtlsModeSchema.optional(),
  virtualService: z.boolean().optional(),
  destinationRule: z.boolean().optional(),
  faultInjection: z.boolean().optional(),
  circuitBreaker: z.boolean().optional(),
  exported: z.boolean().optional(),
  imported: z.boolean().optional(),
  missingSidecar: z.boolean().optional(),
  /** The workload/service has no pods running (inventory says it exists, nothing serves it). */
  dead: z.boolean().optional(),
  /** Validation findings of error severity on its config (filled by validation). */
  configErrors: z.number().int().nonnegative().optional(),
});
export type Badges = z.infer<typeof badgesSchema>;

/** Traffic totals of a node or an edge, per second over the window. */
const trafficSchema = z.object({
  /** Requests/s (http, grpc) — for tcp edges, 0 and see bytesPerSecond. */
  rps: z.number().nonnegative(),
  /** Share of requests answered 5xx (or grpc non-OK), 0..1. */
  errorRate: z.number().min(0).max(1),
  /** Share answered 4xx, 0..1. */
  clientErrorRate: z.number().min(0).max(1).default(0),
});

export const graphNodeSchema = z.object({
  id: z.string(),
  kind: nodeKindSchema,
  cluster: z.string(),
  namespace: z.string(),
  name: z.string(),
  app: z.string().optional(),
  version: z.string().optional(),
  /** For service nodes: the clusterset name when the service is exported/imported (<name>.<ns>.svc.clusterset.local). */
  clusterSetHost: z.string().optional(),
  /** Box this node is drawn in: ns:<cluster>:<namespace> (absent for external/unknown). */
  parent: z.string().optional(),
  health: healthSchema,
  badges: badgesSchema,
  inbound: trafficSchema,
  outbound: trafficSchema,
  /** Node has inventory but no traffic in the window (present only when idle nodes are requested). */
  idle: z.boolean().optional(),
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const protocolSchema = z.enum(['http', 'grpc', 'tcp']);
export type Protocol = z.infer<typeof protocolSchema>;

const latencySchema = z.object({
  p50: z.number().nonnegative().optional(),
  p95: z.number().nonnegative().optional(),
  p99: z.number().nonnegative().optional(),
  avg: z.number().nonnegative().optional(),
});

export const graphEdgeSchema = z.object({
  /** `<source id>-><target id>` plus `:<protocol>` */
  id: z.string(),
  source: z.string(),
  target: z.string(),
  protocol: protocolSchema,
  rps: z.number().nonnegative(),
  /** TCP: bytes/s sent + received. */
  bytesPerSecond: z.number().nonnegative().optional(),
  errorRate: z.number().min(0).max(1),
  /** Share answered 4xx, 0..1 (absent on tcp edges). */
  clientErrorRate: z.number().min(0).max(1).optional(),
  /** Requests/s by response code ("200", "503", ...); for grpc the grpc status is prefixed "grpc:". */
  responseCodes: z.record(z.string(), z.number().nonnegative()),
  /** Requests/s by Envoy response flag (UH, UT, FI, ...), when any. */
  responseFlags: z.record(z.string(), z.number().nonnegative()).optional(),
  latencyMs: latencySchema,
  /** Share of the edge's traffic that was mutual TLS, 0..1 (undefined = no data). */
  mtlsShare: z.number().min(0).max(1).optional(),
  /** The server's verdict: the edge is mutual TLS (share >= lib/health.ts FULL_MTLS_SHARE); undefined = no data. */
  mtls: z.boolean().optional(),
  principals: z.object({ source: z.array(z.string()), destination: z.array(z.string()) }).optional(),
  crossCluster: z.boolean(),
  health: healthSchema,
});
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const graphBoxSchema = z.object({
  id: z.string(),
  kind: z.enum(['cluster', 'namespace']),
  cluster: z.string(),
  namespace: z.string().optional(),
  parent: z.string().optional(),
});
export type GraphBox = z.infer<typeof graphBoxSchema>;

export const clusterGraphStatusSchema = z.object({
  cluster: z.string(),
  /** The cluster's API (inventory cache) is usable. */
  reachable: z.boolean(),
  /** Its Prometheus (or the global one) answered for it. */
  telemetry: z.boolean(),
  error: z.string().optional(),
  /** Whether its telemetry can be trusted: series present and fresh, mesh targets up (lib/telemetry.ts). */
  telemetryState: clusterTelemetrySchema.optional(),
});
export type ClusterGraphStatus = z.infer<typeof clusterGraphStatusSchema>;

/**
 * Why a graph has no node, as the server knows it: no traffic in the window (telemetry is there), no
 * telemetry (Prometheus answers, the Istio series are not there), Prometheus unreachable. Filters
 * that hide everything are the browser's own to tell (find/hide run there).
 */
export const emptyReasonSchema = z.enum(['no-traffic', 'no-telemetry', 'prometheus-unreachable']);
export type EmptyReason = z.infer<typeof emptyReasonSchema>;

export const graphSchema = z.object({
  graphType: graphTypeSchema,
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  boxes: z.array(graphBoxSchema),
  clusters: z.array(clusterGraphStatusSchema),
  warnings: z.array(z.string()),
  /** Unix seconds of the query time. */
  timestamp: z.number(),
  /** Window in seconds. */
  duration: z.number(),
  /** The health thresholds the verdicts were made with (the server's configuration). */
  thresholds: thresholdsSchema,
  /** Present only when the graph has no node: why. */
  empty: z.object({ reason: emptyReasonSchema, message: z.string() }).optional(),
});
export type Graph = z.infer<typeof graphSchema>;

export const nodeId = {
  service: (cluster: string, ns: string, name: string) => `svc:${cluster}:${ns}:${name}`,
  workload: (cluster: string, ns: string, name: string) => `wl:${cluster}:${ns}:${name}`,
  app: (cluster: string, ns: string, app: string, version?: string) => `app:${cluster}:${ns}:${app}${version ? `:${version}` : ''}`,
  external: (host: string) => `ext:${host}`,
  unknown: () => 'unknown',
  clusterBox: (cluster: string) => `cluster:${cluster}`,
  namespaceBox: (cluster: string, ns: string) => `ns:${cluster}:${ns}`,
  edge: (source: string, target: string, protocol: string) => `${source}->${target}:${protocol}`,
};
