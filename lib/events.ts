import { z } from 'zod';

// The events of the in-process bus (server/events/bus.ts), also what /api/events forwards to the
// browser, which parses them with these schemas.

const inventoryActionSchema = z.enum(['added', 'modified', 'deleted']);

export const cacheStateSchema = z.enum(['syncing', 'synced', 'error', 'reconnecting']);

/** One object of a cluster's inventory cache was added, modified or deleted. */
const inventoryEventSchema = z.looseObject({
  type: z.literal('inventory'),
  cluster: z.string(),
  /** Absent for cluster-scoped kinds (Namespace). */
  namespace: z.string().optional(),
  /** An InventoryKind (lib/inventory/types.ts), e.g. "VirtualService". */
  kind: z.string(),
  name: z.string(),
  action: inventoryActionSchema,
});

/** A cluster's cache changed state (syncing, synced, error with its reason, reconnecting). */
const clusterEventSchema = z.looseObject({
  type: z.literal('cluster'),
  cluster: z.string(),
  state: cacheStateSchema,
  error: z.string().optional(),
});

/** Reserved for server/alerts: the set of firing alerts changed. Fields beyond `type` are free. */
const alertsEventSchema = z.looseObject({
  type: z.literal('alerts'),
  cluster: z.string().optional(),
});

export const meridianEventSchema = z.discriminatedUnion('type', [inventoryEventSchema, clusterEventSchema, alertsEventSchema]);

export type InventoryEvent = z.infer<typeof inventoryEventSchema>;
export type ClusterEvent = z.infer<typeof clusterEventSchema>;
export type AlertsEvent = z.infer<typeof alertsEventSchema>;
export type MeridianEvent = z.infer<typeof meridianEventSchema>;
export type MeridianEventType = MeridianEvent['type'];

/**
 * Whether an event concerns a cluster scope: no scope (or an empty one) is every cluster, and an
 * event without a cluster concerns every scope. /api/events?clusters= and the graph page filter with it.
 */
export function eventInScope(e: MeridianEvent, clusters: ReadonlySet<string> | undefined): boolean {
  return !clusters?.size || !('cluster' in e) || !e.cluster || clusters.has(e.cluster);
}
