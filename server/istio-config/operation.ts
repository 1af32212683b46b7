import 'server-only';
import type {
  Affected,
  ApplyResponse,
  ObjectRef,
  OperationResponse,
  OperationResult,
  ParsedOperationRequest,
  ReviewResponse,
  ReviewRow,
} from '@/lib/istio-config/api';
import { graphQuerySchema } from '@/lib/graph/query';
import { istioKindOf } from '@/lib/istio/kinds';
import { affectedByObject, changedFields } from '@/lib/istio/forms';
import { stripServerFields } from '@/lib/mesh-rules/server-fields';
import type { Caller } from '@/server/auth/identity';
import { getCluster } from '@/server/config';
import { graphFor } from '@/server/graph/request';
import { badRequest, describeCause, fromKubeError } from '@/server/http/errors';
import { readObject, type KubeObject } from '@/server/kube/caller-client';
import { clusterNames } from '@/server/kube/clients';
import { applyObject, checkedObject, removeObject, type WriteOptions, type WriteResult } from './apply';
import { findingsOfApply, findingsOfDelete } from './findings';
import { headerOf, kindOf, unknownKind, writableKind } from './refs';

/**
 * THE write path of Istio config (POST /api/istio-config/apply): create-or-replace or delete, on one
 * cluster or several, each cluster independently and in parallel, one row per cluster so a partial
 * failure is always visible.
 *   review  per cluster: the live object, the findings, the API server's dry-run verdict and the diff
 *           (both sides without server-owned fields); plus the traffic the change touches. Changes nothing.
 *   apply   writes with the reviewed resourceVersions (a stale one is a 409 row); an object its kind's
 *           schema refuses is a 422 for the whole request, before any cluster is touched.
 */

/** The object's ref in one cluster, from its own apiVersion/kind/metadata (400 when they are missing). */
function refIn(cluster: string, object: Record<string, unknown>): ObjectRef {
  const meta = (object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  if (typeof object.kind !== 'string') throw badRequest('object.kind is required', 'object.kind');
  const info = istioKindOf(object);
  if (!info) throw unknownKind(object.kind, typeof object.apiVersion === 'string' ? object.apiVersion : undefined);
  writableKind(info);
  if (typeof meta.name !== 'string' || !meta.name) throw badRequest('object.metadata.name is required', 'object.metadata.name');
  if (typeof meta.namespace !== 'string' || !meta.namespace) {
    throw badRequest('object.metadata.namespace is required', 'object.metadata.namespace');
  }
  return { cluster, namespace: meta.namespace, kind: info.id, name: meta.name };
}

interface Plan {
  clusters: string[];
  refIn: (cluster: string) => ObjectRef;
  /** The object to apply (its metadata.resourceVersion dropped: it can belong to one cluster only); undefined for a delete. */
  object?: Record<string, unknown>;
}

/** The request's clusters and target, checked once (400 for a malformed target, before any cluster is touched). */
function planOf(req: ParsedOperationRequest): Plan {
  const clusters = [...new Set(req.clusters)];
  const op = req.operation;
  if (op.op === 'delete') {
    writableKind(kindOf({ cluster: '', ...op.ref }));
    return { clusters, refIn: (cluster) => ({ cluster, ...op.ref }) };
  }
  const { resourceVersion: _rv, ...metadata } = (op.object.metadata ?? {}) as Record<string, unknown>;
  const object = { ...op.object, metadata };
  refIn(clusters[0] ?? '', object);
  return { clusters, refIn: (cluster) => refIn(cluster, object), object };
}

function okRow(cluster: string, r: WriteResult, dryRun: boolean): OperationResult {
  return {
    cluster,
    ok: true,
    status: r.created && !dryRun ? 201 : 200,
    created: r.created,
    ...(r.deleted ? { deleted: true } : { resourceVersion: r.resourceVersion }),
    object: r.object,
    ...(r.warnings ? { warnings: r.warnings } : {}),
  };
}

function failedRow(cluster: string, err: unknown): OperationResult {
  const e = fromKubeError(err, cluster);
  const { field, causes } = e.extra;
  return { cluster, ok: false, status: e.status, error: { code: e.code, message: e.message, cluster, field, causes } };
}

function write(plan: Plan, cluster: string, rv: string | undefined, opts: WriteOptions): Promise<WriteResult> {
  getCluster(cluster);
  const ref = plan.refIn(cluster);
  return plan.object ? applyObject(ref, plan.object, rv, opts) : removeObject(ref, rv, opts);
}

/** Apply mode: every cluster written with its reviewed resourceVersion (absent = create there; a delete without one is unconditional). */
export async function applyOperation(req: ParsedOperationRequest, caller: Caller): Promise<ApplyResponse> {
  const plan = planOf(req);
  if (plan.object) checkedObject(plan.refIn(plan.clusters[0] ?? ''), plan.object);
  const opts = { caller, dryRun: false, ...(req.action ? { action: req.action } : {}) };
  const rows = await Promise.all(
    plan.clusters.map(async (cluster) => {
      try {
        return okRow(cluster, await write(plan, cluster, req.resourceVersions[cluster] ?? undefined, opts), false);
      } catch (err) {
        return failedRow(cluster, err);
      }
    }),
  );
  return { mode: 'apply', rows };
}

/** The live object in one cluster, or null when it does not exist. */
async function readLive(ref: ObjectRef, caller: Caller): Promise<KubeObject | null> {
  try {
    return await readObject(ref.cluster, caller, headerOf(ref));
  } catch (err) {
    const e = fromKubeError(err, ref.cluster);
    if (e.status === 404) return null;
    throw e;
  }
}

async function reviewCluster(req: ParsedOperationRequest, plan: Plan, cluster: string, caller: Caller): Promise<{ row: ReviewRow; live: KubeObject | null }> {
  let configured = false;
  let live: KubeObject | null = null;
  let rv: string | undefined;
  let dryRun: OperationResult;
  try {
    getCluster(cluster);
    configured = true;
    live = await readLive(plan.refIn(cluster), caller);
    // The request's base (null: the edit creates the object), else whatever is live.
    rv = cluster in req.resourceVersions ? (req.resourceVersions[cluster] ?? undefined) : live?.metadata?.resourceVersion;
    dryRun = okRow(cluster, await write(plan, cluster, rv, { caller, dryRun: true, live }), true);
  } catch (err) {
    dryRun = failedRow(cluster, err);
  }
  const { object: stored, ...verdict } = dryRun;
  const before = live ? stripServerFields(live) : null;
  // What the API server would store; the object as sent when it refused it.
  const proposed = plan.object ? stripServerFields(stored ?? plan.object) : null;
  const findings = !configured ? [] : plan.object ? findingsOfApply(plan.object, cluster) : findingsOfDelete(plan.refIn(cluster));
  const row: ReviewRow = {
    cluster,
    live: before,
    ...(live?.metadata?.resourceVersion ? { liveResourceVersion: live.metadata.resourceVersion } : {}),
    ...(rv ? { reviewedResourceVersion: rv } : {}),
    proposed,
    changed: changedFields(before ?? undefined, proposed ?? undefined),
    findings,
    dryRun: verdict,
  };
  return { row, live };
}

/** The graph edges into and out of the services the object names (last 5 minutes), in every cluster. */
async function affectedBy(object: Record<string, unknown> | undefined, namespace: string): Promise<Affected> {
  if (!object) return { clusters: [], edges: [] };
  try {
    const { graph } = await graphFor(graphQuerySchema.parse({ namespaces: namespace, graphType: 'versionedApp', duration: '5m' }));
    const a = affectedByObject(graph, object);
    return { clusters: a.clusters, edges: a.edges.map(({ id, source, target, rps, errorRate }) => ({ id, source, target, rps, errorRate })) };
  } catch (err) {
    return { clusters: [], edges: [], error: `The traffic could not be read: ${describeCause(err)}` };
  }
}

/** Review mode: reads, validates, dry-runs and diffs in every cluster; changes nothing. */
export async function reviewOperation(req: ParsedOperationRequest, caller: Caller): Promise<ReviewResponse> {
  const plan = planOf(req);
  const namespace = plan.refIn(plan.clusters[0] ?? '').namespace;
  const affectedByApply = plan.object ? affectedBy(plan.object, namespace) : undefined;
  const reviews = await Promise.all(plan.clusters.map((cluster) => reviewCluster(req, plan, cluster, caller)));
  // A delete touches the traffic of the object as it is live.
  const affected = await (affectedByApply ?? affectedBy(reviews.find((r) => r.live)?.live ?? undefined, namespace));
  return { mode: 'review', rows: reviews.map((r) => r.row), affected, targets: clusterNames() };
}

export function runOperation(req: ParsedOperationRequest, caller: Caller): Promise<OperationResponse> {
  return req.mode === 'review' ? reviewOperation(req, caller) : applyOperation(req, caller);
}
