import { z } from 'zod';
import { badgesSchema, healthSchema } from './graph/types';

/** One Service of one cluster, as the Services page lists it. */
export const serviceRowSchema = z.object({
  /** The service's graph node id (svc:<cluster>:<ns>:<name>): links into the graph. */
  id: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  name: z.string(),
  ports: z.array(z.object({ name: z.string().optional(), port: z.number(), protocol: z.string().optional() })),
  /** Ready endpoints in this cluster (EndpointSlices); for an import without a Service here, its derived Service's. */
  endpoints: z.number().int().nonnegative(),
  clusterSetHost: z.string().optional(),
  /** GKE: the derived Service (gke-mcs-<hash>) that carries this clusterset service in the cluster. */
  derivedService: z.string().optional(),
  health: healthSchema,
  badges: badgesSchema,
  /** Inbound requests/s and 5xx share over the window. */
  rps: z.number().nonnegative(),
  errorRate: z.number().min(0).max(1),
});
export type ServiceRow = z.infer<typeof serviceRowSchema>;

export const servicesResponseSchema = z.object({
  items: z.array(serviceRowSchema),
  errorsByCluster: z.record(z.string(), z.string()),
  warnings: z.array(z.string()),
});
export type ServicesResponse = z.infer<typeof servicesResponseSchema>;
