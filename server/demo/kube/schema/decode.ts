import 'server-only';
import { isPlainObject } from '../objects';
import type { FieldType, Model, ModelSet } from './models';

// kube-apiserver's decoding of a JSON body into its Go type (sigs.k8s.io/json): a value of the wrong
// JSON type is an UnmarshalTypeError (the first one in document order wins, worded like Go's:
// `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`);
// fields the type does not have are dropped and reported (strict decoding: `spec.replica`, with
// list indices); `null` is the zero value anywhere. Quantities, base64 bytes and timestamps are
// checked by their own unmarshalers, with their messages.

export interface TypeError {
  /** The decoder's message (create, update, JSON and merge patches). */
  message: string;
  /** runtime.DefaultUnstructuredConverter's message (strategic merge patches). */
  converter: string;
  /** Where, with list indices (`spec.template.spec.containers[0].ports[0].containerPort`). */
  path: string;
  /** The OpenAPI type expected and the JSON type found (how CRD validation words it). */
  expected: string;
  found: string;
}

export interface Decoded {
  /** The body without its unknown fields. */
  value: Record<string, unknown>;
  /** The unknown fields' paths, in document order. */
  unknown: string[];
  error?: TypeError;
}

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_SUFFIX = /^(|[KMGTPE]i|[numkMGTPE]|[eE][-+]?\d+)$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /[A-Za-z0-9+/]/;

interface Context {
  models: ModelSet;
  unknown: string[];
  error?: TypeError;
}

/** Where the decoder is: the Go struct of the last field entered, the field names (no indices), the path. */
interface Place {
  struct?: string;
  fields: string[];
  path: string;
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // string, number, object
}

function goType(type: FieldType, models: ModelSet): string {
  switch (type.t) {
    case 'string':
    case 'time':
      return 'string';
    case 'bytes':
      return '[]uint8';
    case 'integer':
      return `int${type.bits}`;
    case 'intOrString':
      return 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${goType(type.items, models)}`;
    case 'map':
      return `map[string]${goType(type.values, models)}`;
    case 'object':
      return models.get(type.model)?.goType ?? type.model;
    default:
      return 'interface {}';
  }
}

function openApiType(type: FieldType): string {
  if (type.t === 'array') return 'array';
  if (type.t === 'map' || type.t === 'object') return 'object';
  if (type.t === 'integer') return 'integer';
  if (type.t === 'boolean') return 'boolean';
  if (type.t === 'number') return 'number';
  return 'string';
}

function fail(ctx: Context, place: Place, message: string, type: FieldType, value: unknown, converter = message): undefined {
  const json = jsonType(value);
  const found = json === 'bool' ? 'boolean' : json === 'number' && Number.isInteger(value) ? 'integer' : json;
  ctx.error ??= { message, converter, path: place.path, expected: openApiType(type), found };
  return undefined;
}

/** The Go kind a value has in an unstructured map (JSON numbers are int64 when whole). */
function unstructuredKind(value: unknown): string {
  if (Array.isArray(value)) return 'slice';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'map' : 'string';
}

/** What runtime.DefaultUnstructuredConverter says when a value cannot go into a field. */
function converterMessage(type: FieldType, value: unknown, models: ModelSet): string {
  const src = unstructuredKind(value);
  if (type.t === 'array' || type.t === 'bytes') return `cannot restore slice from ${src}`;
  if (type.t === 'map') return `cannot restore map from ${src}`;
  if (type.t === 'object') return `cannot restore struct from: ${src}`;
  const dst = goType(type, models);
  if (src === 'int64' && dst === 'string') return 'cannot convert int64 to string';
  if (src === 'float64' && dst.startsWith('int')) return `cannot convert float64 to ${dst}`;
  return `unrecognized type: ${dst}`;
}

function typeError(ctx: Context, place: Place, type: FieldType, value: unknown, literal = false): undefined {
  const what = literal && typeof value === 'number' ? `number ${String(value)}` : jsonType(value);
  const where = place.struct ? `Go struct field ${place.struct}.${place.fields.join('.')}` : 'Go value';
  const message = `json: cannot unmarshal ${what} into ${where} of type ${goType(type, ctx.models)}`;
  return fail(ctx, place, message, type, value, converterMessage(type, value, ctx.models));
}

/** Go's base64.StdEncoding: the offset of the first byte it cannot take, or -1. */
export function base64ErrorOffset(text: string): number {
  const s = text.replace(/[\r\n]/g, '');
  const pad = s.indexOf('=');
  const body = pad < 0 ? s : s.slice(0, pad);
  for (let i = 0; i < body.length; i++) if (!BASE64.test(body[i]!)) return i;
  if (pad >= 0) {
    const rest = s.slice(pad);
    const need = (4 - (pad % 4)) % 4;
    if (need === 0 || need > 2 || rest !== '='.repeat(need)) return pad + (need === 0 ? 0 : Math.min(rest.length, need));
    return -1;
  }
  return s.length % 4 === 0 ? -1 : s.length - (s.length % 4);
}

function scalar(ctx: Context, place: Place, type: FieldType, value: unknown): unknown {
  switch (type.t) {
    case 'string':
      return typeof value === 'string' ? value : typeError(ctx, place, type, value);
    case 'boolean':
      return typeof value === 'boolean' ? value : typeError(ctx, place, type, value);
    case 'number':
      return typeof value === 'number' ? value : typeError(ctx, place, type, value);
    case 'integer':
    case 'intOrString': {
      if (type.t === 'intOrString' && typeof value === 'string') return value;
      if (typeof value !== 'number') return typeError(ctx, place, type, value);
      const limit = type.t === 'integer' && type.bits === 64 ? 2 ** 63 : 2 ** 31;
      return Number.isInteger(value) && value >= -limit && value < limit ? value : typeError(ctx, place, type, value, true);
    }
    case 'time':
      if (typeof value !== 'string') return typeError(ctx, place, type, value);
      return RFC3339.test(value) ? value : fail(ctx, place, `parsing time "${value}" as "2006-01-02T15:04:05Z07:00": cannot parse "${value}" as "2006"`, type, value);
    case 'bytes': {
      if (typeof value !== 'string') return typeError(ctx, place, type, value);
      const at = base64ErrorOffset(value);
      return at < 0 ? value : fail(ctx, place, `illegal base64 data at input byte ${at}`, type, value);
    }
    case 'quantity': {
      const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
      const m = QUANTITY.exec(text);
      if (!m) return fail(ctx, place, `quantities must match the regular expression '${QUANTITY.source}'`, type, value);
      return QUANTITY_SUFFIX.test(m[2]!) ? value : fail(ctx, place, "unable to parse quantity's suffix", type, value);
    }
    default:
      return value;
  }
}

function walk(ctx: Context, place: Place, type: FieldType, value: unknown): unknown {
  if (value === null || ctx.error) return value;
  switch (type.t) {
    case 'array':
      if (!Array.isArray(value)) return typeError(ctx, place, type, value);
      return value.map((item, i) => walk(ctx, { ...place, path: `${place.path}[${i}]` }, type.items, item));
    case 'map':
      if (!isPlainObject(value)) return typeError(ctx, place, type, value);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(ctx, { ...place, path: `${place.path}[${k}]` }, type.values, v)]));
    case 'object': {
      const model = ctx.models.get(type.model);
      if (!model) return value;
      if (!isPlainObject(value)) return typeError(ctx, place, type, value);
      return walkModel(ctx, place, model, value);
    }
    default:
      return scalar(ctx, place, type, value);
  }
}

function walkModel(ctx: Context, place: Place, model: Model, value: Record<string, unknown>): Record<string, unknown> {
  if (model.open) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = place.path ? `${place.path}.${key}` : key;
    const type = model.fields.get(key);
    if (!type) {
      ctx.unknown.push(path);
      continue;
    }
    out[key] = walk(ctx, { struct: model.struct, fields: [...place.fields, key], path }, type, v);
  }
  return out;
}

/** Decodes `body` as the model `root` (a generated class name such as `V1Deployment`). */
export function decode(models: ModelSet, root: string, body: Record<string, unknown>): Decoded {
  const model = models.get(root);
  if (!model) throw new Error(`no model ${root}`);
  const ctx: Context = { models, unknown: [] };
  const value = walkModel(ctx, { fields: [], path: '' }, model, body);
  return { value, unknown: ctx.unknown, ...(ctx.error ? { error: ctx.error } : {}) };
}
