// Shapes and value rules shared by several Istio kinds (istio.io networking/v1, security/v1).
// Every object schema is loose: unknown fields survive a parse round-trip.
import { z } from 'zod';
import { dns1123Label, isDns1123Label, labelMap } from '../k8s/meta';

/** An enum whose error names the bad value and the allowed ones. */
export function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? `required: one of ${values.join(', ')}`
        : `unsupported value ${JSON.stringify(iss.input)}: must be one of ${values.join(', ')}`,
  });
}

/** A required, non-empty string; `what` names it in the message. */
export function nonEmpty(what: string) {
  return z.string().min(1, { error: `${what} must not be empty` });
}

// Istio durations: a sequence of decimal numbers with a unit, e.g. "10s", "500ms", "1.5s", "1m30s".
const DURATION_RE = /^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/;
export const duration = z.string().refine((v) => DURATION_RE.test(v), {
  error: (iss) =>
    `invalid duration ${JSON.stringify(iss.input)}: use a positive number with a unit (h, m, s, ms, us, ns), ` +
    `e.g. "10s", "500ms" or "1.5s"`,
});
export type Duration = z.infer<typeof duration>;

/** A percentage 0..100 (fractions allowed). */
export const percentValue = z
  .number()
  .min(0, { error: (iss) => `percentage ${String(iss.input)} is below 0: must be between 0 and 100` })
  .max(100, { error: (iss) => `percentage ${String(iss.input)} is above 100: must be between 0 and 100` });

/** istio.networking Percent: {value: 0..100}. */
export const Percent = z.looseObject({ value: percentValue.optional() });
export type Percent = z.infer<typeof Percent>;

export const portNumber = z
  .number()
  .int({ error: (iss) => `port ${String(iss.input)} must be a whole number` })
  .min(1, { error: (iss) => `port ${String(iss.input)} is out of range: must be between 1 and 65535` })
  .max(65535, { error: (iss) => `port ${String(iss.input)} is out of range: must be between 1 and 65535` });

/** PortSelector: {number}. */
export const PortSelector = z.looseObject({ number: portNumber.optional() });
export type PortSelector = z.infer<typeof PortSelector>;

/** A port with protocol and name, as in Gateway servers, ServiceEntry and Sidecar listeners. */
export const Port = z.looseObject({
  number: portNumber,
  protocol: z.string().optional(),
  name: z.string().optional(),
  targetPort: portNumber.optional(),
});
export type Port = z.infer<typeof Port>;

export const httpStatus = z
  .number()
  .int({ error: (iss) => `HTTP status ${String(iss.input)} must be a whole number` })
  .min(200, { error: (iss) => `HTTP status ${String(iss.input)} is out of range: must be between 200 and 599` })
  .max(599, { error: (iss) => `HTTP status ${String(iss.input)} is out of range: must be between 200 and 599` });

export const host = nonEmpty('host');
export const hostList = z.array(host);

/** A name-like field that must be a DNS-1123 label (subset names, reused by references). */
export const subsetName = dns1123Label;

/** exportTo entries: "." (own namespace), "*" (all), "~" (none) or a namespace name. */
export const exportTo = z.array(
  z.string().refine((v) => v === '.' || v === '*' || v === '~' || isDns1123Label(v), {
    error: (iss) =>
      `invalid exportTo ${JSON.stringify(iss.input)}: must be ".", "*", "~" or a namespace name (DNS-1123 label)`,
  }),
);

/** StringMatch: at most one of exact, prefix, regex (an empty match means "present"). */
export const StringMatch = z
  .looseObject({ exact: z.string().optional(), prefix: z.string().optional(), regex: z.string().optional() })
  .superRefine((m, ctx) => {
    const set = (['exact', 'prefix', 'regex'] as const).filter((k) => m[k] !== undefined);
    if (set.length > 1) {
      ctx.addIssue({ code: 'custom', message: `only one of exact, prefix or regex may be set, got ${set.join(' and ')}` });
    }
  });
export type StringMatch = z.infer<typeof StringMatch>;

export const stringMatchMap = z.record(z.string(), StringMatch);

/** networking WorkloadSelector: {labels} (Sidecar, ServiceEntry). */
export const LabelsSelector = z.looseObject({ labels: labelMap.optional() });
/** istio.type WorkloadSelector: {matchLabels} (DestinationRule, security policies). */
export const MatchLabelsSelector = z.looseObject({ matchLabels: labelMap.optional() });
export type MatchLabelsSelector = z.infer<typeof MatchLabelsSelector>;

/** istio.type PolicyTargetReference (Gateway API style target of a policy). */
export const PolicyTargetReference = z.looseObject({
  group: z.string().optional(),
  kind: nonEmpty('targetRef kind'),
  name: nonEmpty('targetRef name'),
  namespace: z.string().optional(),
});
export type PolicyTargetReference = z.infer<typeof PolicyTargetReference>;

/** Server-side TLS (Gateway servers, Sidecar ingress listeners). */
export const ServerTLSSettings = z.looseObject({
  httpsRedirect: z.boolean().optional(),
  mode: enumOf(['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL']).optional(),
  serverCertificate: z.string().optional(),
  privateKey: z.string().optional(),
  caCertificates: z.string().optional(),
  caCrl: z.string().optional(),
  credentialName: z.string().optional(),
  credentialNames: z.array(z.string()).optional(),
  subjectAltNames: z.array(z.string()).optional(),
  verifyCertificateSpki: z.array(z.string()).optional(),
  verifyCertificateHash: z.array(z.string()).optional(),
  minProtocolVersion: enumOf(['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3']).optional(),
  maxProtocolVersion: enumOf(['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3']).optional(),
  cipherSuites: z.array(z.string()).optional(),
});
export type ServerTLSSettings = z.infer<typeof ServerTLSSettings>;

/** How security policies pick workloads: a label selector or Gateway API style target references. */
export const policyTargetFields = {
  selector: MatchLabelsSelector.optional(),
  targetRef: PolicyTargetReference.optional(),
  targetRefs: z.array(PolicyTargetReference).optional(),
};

/** selector and targetRef(s) are mutually exclusive. */
export function checkPolicyTarget(
  spec: { selector?: unknown; targetRef?: unknown; targetRefs?: unknown },
  ctx: z.RefinementCtx,
): void {
  const set = (['selector', 'targetRef', 'targetRefs'] as const).filter((k) => spec[k] !== undefined);
  if (set.length > 1) {
    ctx.addIssue({ code: 'custom', path: [set[1] ?? 'selector'], message: `only one of ${set.join(', ')} may be set` });
  }
}
