import { z } from 'zod';

/**
 * The shape of every multi-cluster read: the items every reachable cluster gave, and per cluster
 * the error of those that failed. One cluster's failure is data the UI shows, never a blank page.
 */
export function multiClusterSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    errorsByCluster: z.record(z.string(), z.string()),
  });
}

export interface MultiCluster<T> {
  items: T[];
  errorsByCluster: Record<string, string>;
}

export const namespaceRefSchema = z.object({ cluster: z.string(), name: z.string() });
export type NamespaceRef = z.infer<typeof namespaceRefSchema>;
export const namespacesResponseSchema = multiClusterSchema(namespaceRefSchema);
