import 'server-only';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ApplyRequest, ApplyResponse, DeleteRequest, DeleteResponse, ObjectRef } from '@/lib/istio-config/api';
import { validateIstioObject } from '@/lib/istio/validate';
import { keepLastApplied, withoutServerMetadata } from '@/lib/mesh-rules/server-fields';
import type { Caller } from '@/server/auth/guard';
import { badRequest, fromKubeError, MeridianError, notFound } from '@/server/http/errors';
import { recordHistory } from './history';
import { describeRef, headerOf, kindOf } from './refs';
import { createObject, deleteObject, readObject, replaceObject, type KubeObject, type WriteTarget } from '@/server/kube/caller-client';

export interface WriteOptions {
  caller: Caller;
  dryRun: boolean;
  /** "revert": the history Event says reverted. */
  action?: 'apply' | 'revert';
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
 * The object of a request, checked against the URL's ref and the kind's schema (before anything
 * is sent): namespace filled in when absent, a name/namespace/kind that disagrees with the URL is a
 * 400, a schema failure a 422 with the API server's cause shape (field paths like spec.http[0].route).
 */
export function checkedObject(ref: ObjectRef, object: Record<string, unknown>): KubernetesObject & { metadata: Meta } {
  const info = kindOf(ref);
  const meta: Meta = { ...((object.metadata as Meta | undefined) ?? {}) };
  meta.namespace ??= ref.namespace;
  const obj = { ...object, apiVersion: object.apiVersion ?? info.apiVersion, kind: object.kind ?? info.kind, metadata: meta };
  if (obj.kind !== ref.kind) throw badRequest(`kind "${String(obj.kind)}" does not match the URL's kind "${ref.kind}"`, 'kind');
  if (meta.name !== ref.name) throw badRequest(`metadata.name "${String(meta.name)}" does not match the URL's name "${ref.name}"`, 'metadata.name');
  if (meta.namespace !== ref.namespace) {
    throw badRequest(`metadata.namespace "${String(meta.namespace)}" does not match the URL's namespace "${ref.namespace}"`, 'metadata.namespace');
  }
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

/**
 * Create (no resourceVersion) or conditional replace (with the resourceVersion the edit started
 * from: 409 when stale). The resourceVersion is the request's, else the object's own metadata one.
 * A create of an existing object is a 409 (an update needs a resourceVersion). A replace keeps
 * kubectl's last-applied annotation, which the editors never see.
 */
export async function applyObject(ref: ObjectRef, req: ApplyRequest, opts: WriteOptions): Promise<ApplyResponse> {
  const obj = checkedObject(ref, req.object);
  const rv = req.resourceVersion ?? (typeof obj.metadata.resourceVersion === 'string' ? obj.metadata.resourceVersion : undefined);
  const target: WriteTarget = { cluster: ref.cluster, caller: opts.caller, dryRun: opts.dryRun };
  let before: KubernetesObject | undefined;
  let result: KubeObject;
  try {
    if (!rv) result = await createObject(target, forCreate(obj));
    else {
      // The previous object: for the history, and for what the editor never saw; a stale
      // resourceVersion fails here already (dry-run too).
      before = await readObject(ref.cluster, opts.caller, headerOf(ref));
      if (before.metadata?.resourceVersion !== rv) throw conflict(ref, rv);
      const { managedFields: _mf, ...metadata } = obj.metadata;
      result = await replaceObject(target, { ...obj, metadata: { ...keepLastApplied(before as Parameters<typeof keepLastApplied>[0], metadata as { annotations?: Record<string, string> }), resourceVersion: rv } });
      if (opts.dryRun) before = undefined;
    }
  } catch (err) {
    throw upstream(err, ref, rv ? 'replace' : 'create', rv);
  }
  const created = !rv;
  const response: ApplyResponse = { ref, dryRun: opts.dryRun, created, object: result, resourceVersion: result.metadata?.resourceVersion ?? '' };
  if (!opts.dryRun) {
    const action = opts.action === 'revert' ? 'revert' : created ? 'create' : 'update';
    const warning = await recordHistory({ cluster: ref.cluster, caller: opts.caller, action, before, after: result });
    if (warning) response.warnings = [warning];
  }
  return response;
}

/** Delete, optionally only if still at `resourceVersion` (409 otherwise); the history keeps its spec. */
export async function removeObject(ref: ObjectRef, req: DeleteRequest, opts: WriteOptions): Promise<DeleteResponse> {
  const rv = req.resourceVersion;
  let live: KubeObject;
  try {
    live = await readObject(ref.cluster, opts.caller, headerOf(ref));
    if (rv && live.metadata?.resourceVersion !== rv) throw conflict(ref, rv);
    await deleteObject({ cluster: ref.cluster, caller: opts.caller, dryRun: opts.dryRun }, headerOf(ref), rv);
  } catch (err) {
    throw upstream(err, ref, 'delete', rv);
  }
  const response: DeleteResponse = { ref, dryRun: opts.dryRun, object: live };
  if (!opts.dryRun) {
    const warning = await recordHistory({ cluster: ref.cluster, caller: opts.caller, action: 'delete', before: live, after: live });
    if (warning) response.warnings = [warning];
  }
  return response;
}
