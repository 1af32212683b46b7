import 'server-only';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ObjectRef } from '@/lib/istio-config/api';
import { validateIstioObject } from '@/lib/istio/validate';
import { keepLastApplied, withoutServerMetadata } from '@/lib/mesh-rules/server-fields';
import type { Caller } from '@/server/auth/identity';
import { fromKubeError, MeridianError, notFound } from '@/server/http/errors';
import { createObject, deleteObject, readObject, replaceObject, type KubeObject, type WriteTarget } from '@/server/kube/caller-client';
import { recordHistory } from './history';
import { describeRef, headerOf, kindOf } from './refs';

// One object in one cluster: the checks, the conditional create/replace/delete and the history
// Event. The operation across clusters (review and apply) is server/istio-config/operation.ts.

export interface WriteOptions {
  caller: Caller;
  dryRun: boolean;
  /** "revert": the history Event says reverted. */
  action?: 'apply' | 'revert';
  /** The live object (null: absent) when the caller has read it already: not read again. */
  live?: KubeObject | null;
}

export interface WriteResult {
  created: boolean;
  deleted: boolean;
  /** As stored (a delete: as it was before). */
  object: KubeObject;
  /** After the write ('' after a delete). */
  resourceVersion: string;
  warnings?: string[];
}

type Meta = Record<string, unknown> & { name?: unknown; namespace?: unknown; resourceVersion?: unknown };

const conflict = (ref: ObjectRef, rv: string) =>
  new MeridianError('conflict', `${describeRef(ref)} was changed by someone else (resourceVersion ${rv} is not the latest)`, {
    cluster: ref.cluster,
    field: 'metadata.resourceVersion',
  });

/**
 * Kubernetes errors of one cluster, worded for the object: a stale resourceVersion is "changed by
 * someone else", a create of an existing object asks for the resourceVersion, a missing object is
 * named (a create's 404, e.g. a missing namespace, keeps the API server's message).
 */
function upstream(err: unknown, ref: ObjectRef, op: 'create' | 'replace' | 'delete', rv: string | undefined): MeridianError {
  const e = fromKubeError(err, ref.cluster);
  if (e.status === 404 && e.code === 'not_found' && op !== 'create') return notFound(`${describeRef(ref)} not found`, ref.cluster);
  if (e.status === 409 && rv) return conflict(ref, rv);
  if (e.status === 409 && op === 'create') {
    return new MeridianError('conflict', `${describeRef(ref)} already exists: an update needs the resourceVersion the edit started from`, {
      cluster: ref.cluster,
      field: 'metadata.resourceVersion',
    });
  }
  return e;
}

/**
 * The object, checked against its kind's schema before anything is sent: apiVersion, kind and
 * namespace filled in from the ref when absent; a schema failure is a 422 with the API server's
 * cause shape (field paths like spec.http[0].route).
 */
export function checkedObject(ref: ObjectRef, object: Record<string, unknown>): KubernetesObject & { metadata: Meta } {
  const info = kindOf(ref);
  const meta: Meta = { ...((object.metadata as Meta | undefined) ?? {}) };
  meta.namespace ??= ref.namespace;
  const obj = { ...object, apiVersion: object.apiVersion ?? info.apiVersion, kind: object.kind ?? info.kind, metadata: meta };
  const result = validateIstioObject(obj);
  if (!result.ok) {
    const first = result.causes[0];
    const where = first ? `: ${first.field}: ${first.message}` : '';
    throw new MeridianError('invalid', `${ref.kind} "${ref.name}" is invalid${where}`, {
      cluster: ref.cluster,
      field: first?.field,
      causes: result.causes,
    });
  }
  return obj as KubernetesObject & { metadata: Meta };
}

function forCreate(obj: KubernetesObject & { metadata: Meta }): KubernetesObject {
  const { status: _status, ...rest } = obj as KubernetesObject & { status?: unknown };
  return { ...rest, metadata: withoutServerMetadata(obj.metadata) };
}

/** The live object, from the caller's earlier read or read now (absent: the 404 of a replace or delete). */
async function liveOf(ref: ObjectRef, opts: WriteOptions): Promise<KubeObject> {
  if (opts.live === undefined) return readObject(ref.cluster, opts.caller, headerOf(ref));
  if (opts.live === null) throw notFound(`${describeRef(ref)} not found`, ref.cluster);
  return opts.live;
}

async function withHistory(result: WriteResult, ref: ObjectRef, opts: WriteOptions, before: KubernetesObject | undefined): Promise<WriteResult> {
  if (opts.dryRun) return result;
  const action = result.deleted ? 'delete' : opts.action === 'revert' ? 'revert' : result.created ? 'create' : 'update';
  const warning = await recordHistory({ cluster: ref.cluster, caller: opts.caller, action, before, after: result.object });
  return warning ? { ...result, warnings: [warning] } : result;
}

/**
 * Create (no resourceVersion) or conditional replace (with the resourceVersion the edit started
 * from: 409 when stale, dry-run too). A create of an existing object is a 409 (an update needs a
 * resourceVersion). A replace keeps kubectl's last-applied annotation, which the editors never see.
 */
export async function applyObject(ref: ObjectRef, object: Record<string, unknown>, rv: string | undefined, opts: WriteOptions): Promise<WriteResult> {
  const obj = checkedObject(ref, object);
  let before: KubernetesObject | undefined;
  let result: KubeObject;
  try {
    if (!rv) result = await createObject({ cluster: ref.cluster, caller: opts.caller, dryRun: opts.dryRun }, forCreate(obj));
    else {
      // The previous object: for the history, and for what the editor never saw.
      before = await liveOf(ref, opts);
      if (before.metadata?.resourceVersion !== rv) throw conflict(ref, rv);
      const { managedFields: _mf, resourceVersion: _rv, ...metadata } = obj.metadata;
      const target: WriteTarget = { cluster: ref.cluster, caller: opts.caller, dryRun: opts.dryRun };
      result = await replaceObject(target, { ...obj, metadata: { ...keepLastApplied(before as Parameters<typeof keepLastApplied>[0], metadata as { annotations?: Record<string, string> }), resourceVersion: rv } });
    }
  } catch (err) {
    throw upstream(err, ref, rv ? 'replace' : 'create', rv);
  }
  const created = !rv;
  return withHistory({ created, deleted: false, object: result, resourceVersion: result.metadata?.resourceVersion ?? '' }, ref, opts, before);
}

/** Delete, optionally only if still at `rv` (409 otherwise); the history keeps its spec. */
export async function removeObject(ref: ObjectRef, rv: string | undefined, opts: WriteOptions): Promise<WriteResult> {
  let live: KubeObject;
  try {
    live = await liveOf(ref, opts);
    if (rv && live.metadata?.resourceVersion !== rv) throw conflict(ref, rv);
    await deleteObject({ cluster: ref.cluster, caller: opts.caller, dryRun: opts.dryRun }, headerOf(ref), rv);
  } catch (err) {
    throw upstream(err, ref, 'delete', rv);
  }
  return withHistory({ created: false, deleted: true, object: live, resourceVersion: '' }, ref, opts, live);
}
