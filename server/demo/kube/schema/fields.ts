import 'server-only';
import type { KubeObject } from '../../types';
import { apiVersionOf, type ResourceDef } from '../resources';
import { badRequest, invalid, type KubeError } from '../status';
import { decode, type TypeError } from './decode';
import { isCustomModel, type ModelSet } from './index';

// Server-side field validation, as kube-apiserver answers it. The `fieldValidation` query
// parameter (kubectl 1.32 sends `Strict` by default, `Warn` with --validate=warn, `Ignore` with
// --validate=false; absent means Warn) decides what an unknown field does: Strict refuses the
// write, Warn drops the field and says so in a `Warning` header, Ignore drops it silently. A value
// of the wrong type is refused whatever the directive. The wording depends on how the body came:
//
// - create/update: 400 `Deployment in version "v1" cannot be handled as a Deployment: strict decoding
//   error: unknown field "spec.replica"` (or the decoder's `json: cannot unmarshal ...`);
// - strategic merge patch: 422 `patch: Invalid value: "map[spec:map[replica:2]]": strict decoding error: ...`
//   (kubectl prints `The request is invalid: patch: ...`); JSON/merge patch: the patched object as JSON;
// - server-side apply: 400 `failed to create typed patch object (ns/name; apps/v1, Kind=Deployment):
//   .spec.replica: field not declared in schema`, whatever the directive;
// - custom resources: type errors are schema validation (422 `spec.x in body must be of type integer`).

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export type WriteVia = 'create' | 'update' | 'strategic' | 'merge' | 'json' | 'apply';

const OPTIONS_KIND: Record<WriteVia, string> = {
  create: 'CreateOptions',
  update: 'UpdateOptions',
  strategic: 'PatchOptions',
  merge: 'PatchOptions',
  json: 'PatchOptions',
  apply: 'PatchOptions',
};

/** The request's `fieldValidation`; an unknown value is refused as the API server's options validation does. */
export function fieldValidationOf(url: URL, via: WriteVia): FieldValidation {
  const value = url.searchParams.get('fieldValidation') ?? '';
  if (value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw invalid(OPTIONS_KIND[via], 'meta.k8s.io', '', [
    { reason: 'FieldValueNotSupported', field: 'fieldValidation', message: `Unsupported value: "${value}": supported values: "", "Ignore", "Strict", "Warn"` },
  ]);
}

/** A value as Go's `%+v` prints a map[string]interface{}: `map[spec:map[replicas:2]]`. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goFormat(v)}`).join(' ')}]`;
  }
  return String(value);
}

export interface DecodeRequest {
  def: ResourceDef;
  models: ModelSet;
  body: KubeObject;
  via: WriteVia;
  directive: FieldValidation;
  /** The patch as sent (strategic merge patches quote it in their errors). */
  patch?: unknown;
}

const strictText = (unknown: string[]) => `strict decoding error: ${unknown.map((p) => `unknown field "${p}"`).join(', ')}`;

function patchInvalid(req: DecodeRequest, message: string): KubeError {
  const quoted = req.via === 'strategic' ? goFormat(req.patch) : JSON.stringify(req.body);
  return invalid('', '', '', [{ reason: 'FieldValueInvalid', field: 'patch', message: `Invalid value: "${quoted}": ${message}` }]);
}

function typedPatchError(req: DecodeRequest, detail: string): KubeError {
  const { metadata } = req.body;
  const nn = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
  return badRequest(`failed to create typed patch object (${nn}; ${apiVersionOf(req.def)}, Kind=${req.def.kind}): ${detail}`);
}

function typeErrorOf(req: DecodeRequest, error: TypeError): KubeError {
  const { def, via } = req;
  if (isCustomModel(def.model ?? '')) {
    const message = `Invalid value: "${error.found}": ${error.path} in body must be of type ${error.expected}: "${error.found}"`;
    return invalid(def.kind, def.group, req.body.metadata.name ?? '', [{ reason: 'FieldValueTypeInvalid', field: error.path, message }]);
  }
  if (via === 'apply') return typedPatchError(req, `.${error.path}: expected ${error.expected}, got ${error.found}`);
  if (via === 'strategic') return patchInvalid(req, error.converter);
  if (via === 'merge' || via === 'json') return patchInvalid(req, error.message);
  return badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${error.message}`);
}

/**
 * The body decoded as its kind's model: unknown fields dropped (with warnings under Warn), or the
 * write refused. Kinds without a model (Istio, MCS: validated by lib/istio) pass unchanged.
 */
export function decodeBody(req: DecodeRequest): { obj: KubeObject; warnings: string[] } {
  const { def, models, via, directive } = req;
  if (!def.model) return { obj: req.body, warnings: [] };
  const { value, unknown, error } = decode(models, def.model, req.body);
  if (error) throw typeErrorOf(req, error);
  if (unknown.length > 0) {
    if (via === 'apply') throw typedPatchError(req, `.${unknown[0]}: field not declared in schema`);
    if (directive === 'Strict') {
      if (via === 'create' || via === 'update') {
        throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${strictText(unknown)}`);
      }
      throw patchInvalid(req, strictText(unknown));
    }
  }
  const warnings = directive === 'Warn' ? unknown.map((p) => `unknown field "${p}"`) : [];
  return { obj: value as KubeObject, warnings };
}
