// Kubernetes object metadata and name rules, shared by every kind Meridian reads or writes.
// Unknown fields are always preserved (z.looseObject): a parse round-trip must never drop
// what a newer API server or another tool put into an object.
import { z } from 'zod';

const DNS1123_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// A qualified name (label key name part, label value): alphanumerics, '-', '_', '.', alphanumeric at both ends.
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL_RE.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN_RE.test(value);
}

/** A DNS-1123 label (RFC 1123): namespace names, subset names, port names. */
export const dns1123Label = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(63, { error: (iss) => `"${String(iss.input)}" is longer than 63 characters (a DNS-1123 label)` })
  .regex(DNS1123_LABEL_RE, {
    error: (iss) =>
      `"${String(iss.input)}" is not a valid DNS-1123 label: use only lowercase letters, digits and '-', ` +
      `starting and ending with a letter or digit (e.g. "my-name")`,
  });

/** A DNS-1123 subdomain (RFC 1123): object names, label key prefixes. */
export const dns1123Subdomain = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(253, { error: (iss) => `"${String(iss.input)}" is longer than 253 characters (a DNS-1123 subdomain)` })
  .regex(DNS1123_SUBDOMAIN_RE, {
    error: (iss) =>
      `"${String(iss.input)}" is not a valid DNS-1123 subdomain: use only lowercase letters, digits, '-' and '.', ` +
      `starting and ending with a letter or digit (e.g. "example.com")`,
  });

/** Why a label key is invalid, or undefined when it is valid (`[prefix/]name`). */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) {
    return `label key "${key}": prefix "${prefix}" must be a DNS-1123 subdomain`;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_RE.test(name)) {
    return (
      `label key "${key}": name must be 1-63 characters of letters, digits, '-', '_' or '.', ` +
      `starting and ending with a letter or digit`
    );
  }
  return undefined;
}

export const labelValue = z.string().refine((v) => v === '' || (v.length <= 63 && QUALIFIED_NAME_RE.test(v)), {
  error: (iss) =>
    `label value "${String(iss.input)}" must be at most 63 characters of letters, digits, '-', '_' or '.', ` +
    `starting and ending with a letter or digit`,
});

/** A label map (metadata.labels, selectors): keys and values follow the Kubernetes label syntax. */
export const labelMap = z.record(z.string(), labelValue).superRefine((labels, ctx) => {
  for (const key of Object.keys(labels)) {
    const problem = labelKeyProblem(key);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [key], input: key });
  }
});
export type LabelMap = z.infer<typeof labelMap>;

export const stringMap = z.record(z.string(), z.string());

export const OwnerReference = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
  uid: z.string().min(1),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
});
export type OwnerReference = z.infer<typeof OwnerReference>;

export const ObjectMeta = z
  .looseObject({
    name: dns1123Subdomain.optional(),
    generateName: z.string().optional(),
    namespace: dns1123Label.optional(),
    labels: labelMap.optional(),
    annotations: stringMap.optional(),
    resourceVersion: z.string().optional(),
    uid: z.string().optional(),
    generation: z.number().int().nonnegative().optional(),
    // A string in JSON/YAML; @kubernetes/client-node hands out Date objects.
    creationTimestamp: z.union([z.string(), z.date()]).nullable().optional(),
    ownerReferences: z.array(OwnerReference).optional(),
  })
  .superRefine((meta, ctx) => {
    if (meta.name === undefined && !meta.generateName) {
      ctx.addIssue({
        code: 'custom',
        message: 'name or generateName is required',
        path: ['name'],
        params: { reason: 'FieldValueRequired' },
      });
    }
  });
export type ObjectMeta = z.infer<typeof ObjectMeta>;

/** Status is written by controllers; Meridian keeps it as it is unless a kind describes it. */
export const AnyStatus = z.looseObject({});

/**
 * A namespaced Kubernetes object of one apiVersion/kind with the given spec schema.
 * `spec` is optional as in the API server (an empty Sidecar is valid); `status` is kept as is.
 * Narrow `status` with `.extend({ status: ... })` where a kind describes it.
 */
export function kubeObject<A extends string, K extends string, S extends z.ZodType>(
  apiVersion: A,
  kind: K,
  spec: S,
) {
  return z.looseObject({
    apiVersion: z.literal(apiVersion, { error: `apiVersion must be "${apiVersion}"` }),
    kind: z.literal(kind, { error: `kind must be "${kind}"` }),
    metadata: ObjectMeta,
    spec: spec.optional(),
    status: AnyStatus.optional(),
  });
}
