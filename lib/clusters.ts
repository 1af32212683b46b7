import { z } from 'zod';

export const clusterStatusSchema = z.object({
  name: z.string(),
  reachable: z.boolean(),
  kubernetesVersion: z.string().optional(),
  /** Why the cluster is not reachable (or what it answered), shown as is. */
  error: z.string().optional(),
  latencyMs: z.number().optional(),
});
export type ClusterStatus = z.infer<typeof clusterStatusSchema>;

export const clustersResponseSchema = z.object({ items: z.array(clusterStatusSchema) });
export type ClustersResponse = z.infer<typeof clustersResponseSchema>;
