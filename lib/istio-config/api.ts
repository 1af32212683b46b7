import { z } from 'zod';
import { apiErrorBodySchema } from '../api/errors';
import { multiClusterSchema } from '../api/multi-cluster';
import { ISTIO_KIND_LIST } from '../istio/kinds';
import { dnsName } from '../names';
import { findingSchema } from '../validation/types';

/**
 * The contract of the Istio config API (app/api/istio-config/**), shared by the server handlers,
 * the editors and the config pages.
 *
 *   GET    /api/istio-config?clusters=&namespaces=&kinds=&findings=only   list of every cluster (+ findings)
 *   GET    /api/istio-config/{cluster}/{namespace}/{kind}/{name}          one object (+ findings)
 *   PUT    /api/istio-config/{cluster}/{namespace}/{kind}/{name}[?dryRun=true]
 *          body ApplyRequest: create when absent (no resourceVersion), replace when resourceVersion
 *          given (409 conflict when stale); an update without resourceVersion is refused (409)
 *   DELETE /api/istio-config/{cluster}/{namespace}/{kind}/{name}[?dryRun=true]  body DeleteRequest
 *   POST   /api/istio-config/apply     MultiApplyRequest -> MultiApplyResponse (one row per cluster)
 *   GET    /api/istio-config/{cluster}/{namespace}/{kind}/{name}/history  -> HistoryResponse
 *   GET    /api/csrf                   the session contract (lib/api/session.ts)
 *   Optional header on PUT / POST apply: `x-meridian-action: revert` records the change as a revert.
 * Errors: {error:{code,message,cluster?,field?,causes?}} (lib/api/errors.ts); 422 carries the
 * API server's causes with their fields; 409 conflict; 403 read-only / CSRF / origin.
 */

export const istioKindNameSchema = z.enum(ISTIO_KIND_LIST.map((k) => k.kind) as [string, ...string[]]);

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

export const applyRequestSchema = z.object({
  object: objectSchema,
  /** The resourceVersion the edit started from; required to update an existing object. */
  resourceVersion: z.string().optional(),
  /** "revert": record the change as a revert in the history (same as header x-meridian-action: revert). */
  action: z.enum(['apply', 'revert']).optional(),
});
export type ApplyRequest = z.infer<typeof applyRequestSchema>;

export const applyResponseSchema = z.object({
  ref: objectRefSchema,
  dryRun: z.boolean(),
  created: z.boolean(),
  object: objectSchema,
  resourceVersion: z.string(),
  /** Things that went wrong after the change was made (e.g. the history Event could not be written). */
  warnings: z.array(z.string()).optional(),
});
export type ApplyResponse = z.infer<typeof applyResponseSchema>;

export const deleteRequestSchema = z.object({ resourceVersion: z.string().optional() });
export type DeleteRequest = z.infer<typeof deleteRequestSchema>;

export const deleteResponseSchema = z.object({
  ref: objectRefSchema,
  dryRun: z.boolean(),
  /** The object as it was before the delete. */
  object: objectSchema,
  warnings: z.array(z.string()).optional(),
});
export type DeleteResponse = z.infer<typeof deleteResponseSchema>;

/** Header that marks an apply as a revert (value "revert"), so the history Event says so. */
export const ACTION_HEADER = 'x-meridian-action';

export const multiApplyRequestSchema = z.object({
  clusters: z.array(z.string().min(1).max(253)).min(1, 'choose at least one cluster').max(50),
  object: objectSchema,
  /** Per cluster, the resourceVersion the edit started from (absent = create there). */
  resourceVersions: z.record(z.string(), z.string()).default({}),
  dryRun: z.boolean().default(false),
  /** Record the change as a revert in the history (same as header x-meridian-action: revert). */
  action: z.enum(['apply', 'revert']).optional(),
});
export type MultiApplyRequest = z.infer<typeof multiApplyRequestSchema>;

export const multiApplyResponseSchema = z.object({
  dryRun: z.boolean(),
  results: z.array(
    z.object({
      cluster: z.string(),
      ok: z.boolean(),
      status: z.number().int(),
      created: z.boolean().optional(),
      resourceVersion: z.string().optional(),
      object: objectSchema.optional(),
      error: apiErrorBodySchema.shape.error.optional(),
      warnings: z.array(z.string()).optional(),
    }),
  ),
});
export type MultiApplyResponse = z.infer<typeof multiApplyResponseSchema>;

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
