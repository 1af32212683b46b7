import 'server-only';
import { modelDocs } from './docs';
import type { FieldType, Model, ModelSet } from './models';

// OpenAPI v3 component schemas of the served kinds, built from the same models the decoder uses
// and the upstream descriptions (docs.ts): what `kubectl explain` walks. Named like the API
// server's (`io.k8s.api.apps.v1.Deployment` here `io.k8s.api.v1.Deployment`: the package is not
// in the model names), so explain prints `<DeploymentSpec>`, `<[]Container>`, `<Quantity>`.

export interface KindRoot {
  model: string;
  group: string;
  version: string;
  kind: string;
}

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

const SHARED: Record<string, unknown> = {
  [QUANTITY]: { description: 'Quantity is a fixed-point representation of a number (e.g. 100m, 1Gi).', type: 'string' },
  [INT_OR_STRING]: { description: 'IntOrString is a type that can hold an int32 or a string.', type: 'string', format: 'int-or-string' },
};

export function componentName(model: Model): string {
  if (model.name.startsWith('Monitoring')) return `com.coreos.monitoring.v1.${model.struct}`;
  const [pkg] = model.goType.split('.');
  const prefix = /^([A-Z][a-z]+)V\d/.exec(model.name)?.[1]?.toLowerCase() ?? '';
  return `io.k8s.api.${prefix}${pkg}.${model.struct}`;
}

const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] });

function fieldSchema(type: FieldType, models: ModelSet): Record<string, unknown> {
  switch (type.t) {
    case 'string':
      return { type: 'string' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    case 'time':
      return { type: 'string', format: 'date-time' };
    case 'quantity':
      return ref(QUANTITY);
    case 'intOrString':
      return ref(INT_OR_STRING);
    case 'integer':
      return { type: 'integer', format: `int${type.bits}` };
    case 'number':
      return { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return { type: 'array', items: fieldSchema(type.items, models) };
    case 'map':
      return { type: 'object', additionalProperties: fieldSchema(type.values, models) };
    case 'object': {
      const m = models.get(type.model);
      return m && !m.open ? ref(componentName(m)) : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    }
    default:
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
}

function refsOf(type: FieldType): string[] {
  if (type.t === 'object') return [type.model];
  if (type.t === 'array') return refsOf(type.items);
  if (type.t === 'map') return refsOf(type.values);
  return [];
}

/** The component schemas of these kinds and of every type they reach. */
export async function componentSchemas(models: ModelSet, roots: KindRoot[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...SHARED };
  const gvks = new Map(roots.map((r) => [r.model, { group: r.group, kind: r.kind, version: r.version }]));
  const queue = roots.map((r) => r.model);
  const seen = new Set<string>(queue);
  while (queue.length > 0) {
    const model = models.get(queue.shift()!);
    if (!model || model.open) continue;
    const docs = await modelDocs(model.name);
    const properties: Record<string, unknown> = {};
    for (const [field, type] of model.fields) {
      const description = docs.fields.get(field);
      properties[field] = { ...fieldSchema(type, models), ...(description ? { description } : {}) };
      for (const r of refsOf(type).filter((x) => !seen.has(x))) {
        seen.add(r);
        queue.push(r);
      }
    }
    const gvk = gvks.get(model.name);
    out[componentName(model)] = {
      ...(docs.description ? { description: docs.description } : {}),
      type: 'object',
      properties,
      ...(docs.required.length ? { required: docs.required } : {}),
      ...(gvk ? { 'x-kubernetes-group-version-kind': [gvk] } : {}),
    };
  }
  return out;
}
