import { z } from 'zod';
import { apiErrorBodySchema } from '../api/errors';
import { multiClusterSchema } from '../api/multi-cluster';
import { graphEdgeSchema } from '../graph/types';
import { ISTIO_KIND_LIST } from '../istio/kinds';
import { dnsName } from '../names';
import { findingSchema } from '../validation/types';

/**
 * The contract of the Istio config API (app/api/istio-config/**), shared by the server handlers,
 * the editors and the config pages.
 *
 *   GET    /api/istio-config?clusters=&namespaces=&kinds=&findings=only   list of every cluster (+ findings)
 *   GET    /api/istio-config/{cluster}/{namespace}/{kind}/{name}[?fresh=true]  one object (+ findings)
 *   GET    /api/istio-config/{cluster}/{namespace}/{kind}/{name}/history  -> HistoryResponse
 *   POST   /api/istio-config/apply     OperationRequest -> OperationResponse: THE write path. Create,
 *          replace or delete on one or several clusters; mode "review" (per cluster: live object,
 *          findings, dry-run verdict, diff; plus the affected traffic) or "apply" (a row per cluster).
 *   GET    /api/csrf                   the session contract (lib/api/session.ts)
 * Every row carries its cluster's outcome (ok, or the error with status and causes), so a partial
 * failure is always visible. Whole-request failures stay HTTP errors {error:{code,message,field?,causes?}}
 * (lib/api/errors.ts): 400 bad body, 403 read-only / CSRF / origin, 413 too large, and in apply mode
 * 422 for an object its kind's schema refuses (before any cluster is touched).
 */

/** A kind id of the registry (lib/istio/kinds.ts): `VirtualService`, `ServiceExport.net.gke.io`. */
export const istioKindNameSchema = z.enum(ISTIO_KIND_LIST.map((k) => k.id) as [string, ...string[]]);

export const objectRefSchema = z.object({
  cluster: z.string().min(1).max(253),
  namespace: dnsName,
  kind: istioKindNameSchema,
  name: z.string().min(1).max(253),
});
export type ObjectRef = z.infer<typeof objectRefSchema>;

/** A Kubernetes object as JSON (validated by the kind's schema on the server). */
export const objectSchema = z.record(z.string(), z.unknown());

export const configItemSchema = z.object({
  ref: objectRefSchema,
  resourceVersion: z.string(),
  object: objectSchema,
  findings: z.array(findingSchema),
});
export type ConfigItem = z.infer<typeof configItemSchema>;

export const configListResponseSchema = multiClusterSchema(configItemSchema);
export type ConfigListResponse = z.infer<typeof configListResponseSchema>;

/** One cluster's answer to a write (or, in a review, its server dry-run verdict): the result, or the error. */
export const operationResultSchema = z.object({
  cluster: z.string(),
  ok: z.boolean(),
  /** The HTTP status this cluster's API server answered with (201 created, 200, 409, 422, ...). */
  status: z.number().int(),
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  /** The object's resourceVersion after the write (absent after a delete). */
  resourceVersion: z.string().optional(),
  /** The object as the API server stored it (after a delete: as it was). */
  object: objectSchema.optional(),
  /** Things that went wrong after the change was made (e.g. the history Event could not be written). */
  warnings: z.array(z.string()).optional(),
  /** Why it failed: 409 conflict, 422 with the API server's causes at their fields, 404, 403, 503 ... */
  error: apiErrorBodySchema.shape.error.optional(),
});
export type OperationResult = z.infer<typeof operationResultSchema>;

/** What to do: create-or-replace an object, or delete the object a ref names (in every cluster of the request). */
export const operationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('apply'), object: objectSchema }),
  z.object({ op: z.literal('delete'), ref: objectRefSchema.omit({ cluster: true }) }),
]);
export type Operation = z.infer<typeof operationSchema>;

export const operationRequestSchema = z.object({
  /** review: read, validate, dry-run and diff per cluster (changes nothing); apply: write. */
  mode: z.enum(['review', 'apply']),
  operation: operationSchema,
  /** The clusters to act on (one cluster is a list of one). */
  clusters: z.array(z.string().min(1).max(253)).min(1, 'choose at least one cluster').max(50),
  /**
   * Per cluster, the resourceVersion the change is based on: a stale one is a 409 conflict. In apply
   * mode send the review's `reviewedResourceVersion`s; absent or null = create there (a delete
   * without one has no precondition). In review mode: the version the edit started from, null = the
   * edit creates the object (an existing one is a 409), absent = review against whatever is live.
   */
  resourceVersions: z.record(z.string(), z.string().nullable()).default({}),
  /** "revert": the history records the change as a revert. */
  action: z.enum(['apply', 'revert']).optional(),
});
export type OperationRequest = z.input<typeof operationRequestSchema>;
export type ParsedOperationRequest = z.infer<typeof operationRequestSchema>;

/** A review of one cluster: what is live, what would be stored, what the API server and the analyzers say. */
export const reviewRowSchema = z.object({
  cluster: z.string(),
  /** The live object without server-owned fields (lib/mesh-rules/server-fields.ts); null when absent or unreadable. */
  live: objectSchema.nullable(),
  /** The live object's resourceVersion (absent when there is none). */
  liveResourceVersion: z.string().optional(),
  /** What the dry-run was based on and an apply must send for this cluster (absent: a create). */
  reviewedResourceVersion: z.string().optional(),
  /** The object as the API server would store it, server-owned fields stripped; null for a delete. */
  proposed: objectSchema.nullable(),
  /** Field paths that differ between `live` and `proposed` (spec.http[0].route[1].weight, ...). */
  changed: z.array(z.string()),
  /**
   * Validation findings (the analyzers of POST /api/validate) over this cluster's live inventory with
   * the change made: about the object for an apply, the findings a delete would newly cause for a delete.
   */
  findings: z.array(findingSchema),
  /** The API server's dry-run verdict (dryRun=All). */
  dryRun: operationResultSchema.omit({ object: true }),
});
export type ReviewRow = z.infer<typeof reviewRowSchema>;

/** The graph edges into and out of the services the object names (last 5 minutes), and their clusters. */
export const affectedSchema = z.object({
  clusters: z.array(z.string()),
  edges: z.array(graphEdgeSchema.pick({ id: true, source: true, target: true, rps: true, errorRate: true })),
  /** Why the traffic could not be read (the rest of the review stands). */
  error: z.string().optional(),
});
export type Affected = z.infer<typeof affectedSchema>;

export const reviewResponseSchema = z.object({
  mode: z.literal('review'),
  rows: z.array(reviewRowSchema),
  affected: affectedSchema,
  /** Every configured cluster: the ones the dialog offers to apply to. */
  targets: z.array(z.string()),
});
export type ReviewResponse = z.infer<typeof reviewResponseSchema>;

export const applyResponseSchema = z.object({ mode: z.literal('apply'), rows: z.array(operationResultSchema) });
export type ApplyResponse = z.infer<typeof applyResponseSchema>;

export const operationResponseSchema = z.discriminatedUnion('mode', [reviewResponseSchema, applyResponseSchema]);
export type OperationResponse = z.infer<typeof operationResponseSchema>;

export const historyEntrySchema = z.object({
  /** The Event's name. */
  id: z.string(),
  action: z.enum(['create', 'update', 'delete', 'revert']),
  user: z.string(),
  /** ISO time. */
  time: z.string(),
  /** A one-line diff summary ("spec.http[0].route[0].weight: 50 -> 0; ..."). */
  summary: z.string(),
  resourceVersion: z.string().optional(),
  /** The spec before this change (what "revert" re-applies), when kept. */
  previousSpec: z.unknown().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyResponseSchema = z.object({ ref: objectRefSchema, entries: z.array(historyEntrySchema) });
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
