import { z } from 'zod';
import { cacheStateSchema } from './events';
import { clusterTelemetrySchema } from './telemetry';

const prometheusStatusSchema = z.object({
  url: z.string(),
  state: z.enum(['ready', 'unready', 'unreachable']),
  version: z.string().optional(),
  error: z.string().optional(),
  /** Shared by several clusters (Thanos/Mimir/global Prometheus) and filtered by cluster label. */
  global: z.boolean(),
});

export const clusterStatusSchema = z.object({
  name: z.string(),
  /** The API server answered /version just now. */
  reachable: z.boolean(),
  kubernetesVersion: z.string().optional(),
  /** Why the cluster is not reachable (or what it answered), shown as is. */
  error: z.string().optional(),
  latencyMs: z.number().optional(),
  /** The inventory cache of this cluster (list+watch). */
  cache: z.object({ state: cacheStateSchema, error: z.string().optional(), since: z.string().optional() }).optional(),
  istiod: z
    .object({ revision: z.string().optional(), version: z.string().optional(), revisions: z.array(z.string()) })
    .optional(),
  meshId: z.string().optional(),
  network: z.string().optional(),
  /** Absent when no Prometheus is configured for the cluster. */
  prometheus: prometheusStatusSchema.optional(),
  /** Whether the cluster's Istio telemetry is there (the same state the graph and the alert check use). */
  telemetry: clusterTelemetrySchema.optional(),
});
export type ClusterStatus = z.infer<typeof clusterStatusSchema>;

export const clustersResponseSchema = z.object({ items: z.array(clusterStatusSchema) });
export type ClustersResponse = z.infer<typeof clustersResponseSchema>;
