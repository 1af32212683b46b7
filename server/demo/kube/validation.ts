import 'server-only';
import type { KubeObject } from '../types';
import { validateIstioObject } from '../../../lib/istio/validate';
import { isPlainObject } from './objects';
import { RBAC_KINDS, rbacCauses } from './rbac/validation';
import { isMeshKind, type ResourceDef } from './resources';
import { RBAC_GROUP } from './rbac/types';
import { kindCauses } from './schema/validate';
import { badRequest, invalid, type StatusCause } from './status';

// What the API server checks before a write: the body is an object of the kind the path names,
// in the path's namespace, with a DNS-1123 name; Istio and MCS objects pass the shared schemas of
// lib/istio, built-in kinds their validation (schema/validate.ts) (422 Invalid with field causes).

export type MeshValidator = (
  obj: unknown,
) => { ok: true; value: unknown } | { ok: false; causes: { field: string; message: string; reason: string }[] };

/** The shared Istio/MCS validator of lib/istio. */
export const defaultMeshValidator: MeshValidator = validateIstioObject;

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Kinds whose names must be DNS-1123 labels (they become DNS names themselves). */
const LABEL_NAMED = new Set(['/Namespace', '/Service']);

export function nameCauses(def: ResourceDef, name: string): StatusCause[] {
  const label = LABEL_NAMED.has(`${def.group}/${def.kind}`);
  const max = label ? 63 : 253;
  const field = 'metadata.name';
  if (name.length > max) {
    return [{ reason: 'FieldValueInvalid', field, message: `Invalid value: "${name}": must be no more than ${max} characters` }];
  }
  if (label ? LABEL.test(name) : SUBDOMAIN.test(name)) return [];
  const message = label
    ? `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
    : `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  return [{ reason: 'FieldValueInvalid', field, message }];
}

/** The body of a write, checked against the path it was sent to. Returns it as a KubeObject. */
export function checkBody(body: unknown, def: ResourceDef, apiVersion: string, path: { namespace?: string; name?: string }): KubeObject {
  if (!isPlainObject(body) || !isPlainObject(body.metadata)) throw badRequest('the object provided is not a valid Kubernetes object: metadata is missing');
  const obj = body as KubeObject;
  if (obj.apiVersion !== apiVersion || obj.kind !== def.kind) {
    throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersion}) or the kind (${String(obj.kind)}) is not ${def.kind}`);
  }
  if (path.name !== undefined && obj.metadata.name !== undefined && obj.metadata.name !== path.name) {
    throw badRequest('the name of the object does not match the name on the URL');
  }
  if (def.namespaced && path.namespace && obj.metadata.namespace && obj.metadata.namespace !== path.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const name = obj.metadata.name ?? path.name;
  if (!name) throw invalid(def.kind, def.group, '', [{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
  const namespace = def.namespaced ? (obj.metadata.namespace ?? path.namespace) : undefined;
  return { ...obj, metadata: { ...obj.metadata, name, ...(namespace ? { namespace } : {}) } };
}

/** 422 when the object is not valid for its kind; `current` is the stored object on updates. */
export function validateObject(def: ResourceDef, obj: KubeObject, mesh: MeshValidator, current?: KubeObject): void {
  const rbac = def.group === RBAC_GROUP && RBAC_KINDS.has(def.kind);
  const causes = rbac ? rbacCauses(obj, current) : nameCauses(def, obj.metadata.name);
  causes.push(...kindCauses(def, obj, current));
  if (causes.length === 0 && isMeshKind(def)) {
    const result = mesh(obj);
    if (!result.ok) causes.push(...result.causes);
  }
  if (causes.length > 0) throw invalid(def.kind, def.group, obj.metadata.name, causes);
}
