import 'server-only';
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../types';
import { parseBody } from './http';
import { selectObjects, type ListQuery } from './list';
import { mergePatch, jsonPatch } from './patch';
import { apiVersionOf, type ResourceDef } from './resources';
import { decodeBody, fieldValidationOf, type WriteVia } from './schema/fields';
import type { ModelSet } from './schema/models';
import { strategicMergePatch } from './smp';
import { KubeError, conflict, notFound, status } from './status';
import type { ClusterStore } from './store';
import { checkBody, validateObject, type MeshValidator } from './validation';

// Writes: create (POST), replace (PUT), patch (PATCH: merge, JSON, strategic merge, server-side
// apply), delete (DELETE, one object or a collection). Each honours dryRun=All through the store.
// A body is decoded as its kind (schema/: unknown fields, wrong types), then validated (422).

export interface WriteContext {
  store: ClusterStore;
  def: ResourceDef;
  namespace?: string;
  name?: string;
  dryRun: boolean;
  mesh: MeshValidator;
  /** The models of the built-in and custom kinds (schema/); undefined for kinds without one. */
  models?: ModelSet;
  /** The request's URL: its `fieldValidation` says what an unknown field does. */
  url: URL;
}

export interface WriteResult {
  code: number;
  body: unknown;
  /** `Warning` headers: the unknown fields dropped under fieldValidation=Warn. */
  warnings?: string[];
}

function withGeneratedName(body: unknown): unknown {
  const meta = (body as { metadata?: { name?: unknown; generateName?: unknown } } | null)?.metadata;
  if (meta && !meta.name && typeof meta.generateName === 'string') {
    const suffix = randomBytes(4).toString('hex').replace(/[^a-z0-9]/g, '').slice(0, 5);
    return { ...(body as object), metadata: { ...meta, name: `${meta.generateName}${suffix}` } };
  }
  return body;
}

function requireNamespace(ctx: WriteContext, obj: KubeObject): void {
  const ns = obj.metadata.namespace;
  if (ctx.def.namespaced && ns && !ctx.store.get('v1', 'Namespace', undefined, ns)) throw notFound('namespaces', '', ns);
}

/** The body checked against the path, decoded as its kind and validated (against the stored object on updates). */
function checked(ctx: WriteContext, body: unknown, via: WriteVia, patch?: unknown): { obj: KubeObject; warnings: string[] } {
  const raw = checkBody(body, ctx.def, apiVersionOf(ctx.def), ctx);
  const directive = fieldValidationOf(ctx.url, via);
  const { obj, warnings } = ctx.models ? decodeBody({ def: ctx.def, models: ctx.models, body: raw, via, directive, patch }) : { obj: raw, warnings: [] };
  requireNamespace(ctx, obj);
  const current = via === 'create' ? undefined : ctx.store.get(apiVersionOf(ctx.def), ctx.def.kind, obj.metadata.namespace, obj.metadata.name);
  validateObject(ctx.def, obj, ctx.mesh, current);
  return { obj, warnings };
}

export function createObject(ctx: WriteContext, body: Buffer, contentType: string): WriteResult {
  const { obj, warnings } = checked(ctx, withGeneratedName(parseBody(body, contentType)), 'create');
  return { code: 201, body: ctx.store.create(obj, { dryRun: ctx.dryRun }), warnings };
}

export function replaceObject(ctx: WriteContext, body: Buffer, contentType: string): WriteResult {
  const { obj, warnings } = checked(ctx, parseBody(body, contentType), 'update');
  return { code: 200, body: ctx.store.replace(obj, { dryRun: ctx.dryRun }), warnings };
}

const PATCHERS: Record<string, { via: WriteVia; apply: (target: unknown, patch: unknown) => unknown }> = {
  'application/merge-patch+json': { via: 'merge', apply: mergePatch },
  'application/json-patch+json': { via: 'json', apply: jsonPatch },
  'application/strategic-merge-patch+json': { via: 'strategic', apply: strategicMergePatch },
  'application/apply-patch+yaml': { via: 'apply', apply: mergePatch },
};

export function patchObject(ctx: WriteContext, body: Buffer, contentType: string): WriteResult {
  const type = contentType.split(';')[0]?.trim() ?? '';
  const patcher = PATCHERS[type];
  if (!patcher) {
    throw new KubeError(status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCHERS).join(', ')}`));
  }
  const { store, def } = ctx;
  const current = store.get(apiVersionOf(def), def.kind, ctx.namespace, ctx.name ?? '');
  const patch = parseBody(body, type);
  if (!current) {
    // Server-side apply creates what does not exist yet.
    if (type !== 'application/apply-patch+yaml') throw notFound(def.plural, def.group, ctx.name ?? '');
    const created = checked(ctx, patch, 'apply');
    return { code: 201, body: store.create(created.obj, { dryRun: ctx.dryRun }), warnings: created.warnings };
  }
  const { obj, warnings } = checked(ctx, patcher.apply(current, patch), patcher.via, patch);
  return { code: 200, body: store.replace(obj, { dryRun: ctx.dryRun }), warnings };
}

interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
}

export function deleteObject(ctx: WriteContext, body: Buffer): WriteResult {
  const text = body.toString('utf8');
  const { store, def } = ctx;
  const name = ctx.name ?? '';
  const current = store.get(apiVersionOf(def), def.kind, ctx.namespace, name);
  if (!current) throw notFound(def.plural, def.group, name);
  let options: DeleteOptions = {};
  try {
    options = text.trim() ? (JSON.parse(text) as DeleteOptions) : {};
  } catch {
    // A body that is not DeleteOptions is ignored, as kubectl never sends one.
  }
  const pre = options.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw conflict(def.plural, def.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(def.plural, def.group, name, 'the object has been modified; please apply your changes to the latest version and try again');
  }
  const deleted = store.delete(apiVersionOf(def), def.kind, ctx.namespace, name, { dryRun: ctx.dryRun });
  return { code: 200, body: deleted };
}

export function deleteCollection(ctx: WriteContext, query: ListQuery): WriteResult {
  const { store, def } = ctx;
  const items = selectObjects(store, def, ctx.namespace, query).map((o) =>
    store.delete(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name, { dryRun: ctx.dryRun }),
  );
  return { code: 200, body: { kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: { resourceVersion: store.resourceVersion }, items } };
}
