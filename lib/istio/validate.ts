// Validation of one Istio object against its kind's schema, with failures as Kubernetes
// StatusCause-style causes (field paths like `spec.http[0].route[1].weight`), as the API server
// and the demo mesh return them in a 422.
import { type z } from 'zod';
import { fieldPath } from '../mesh-rules/field-path';
import { at } from '../mesh-rules/spec';
import { type IstioObject, ISTIO_KIND_LIST, istioKindByApiVersionKind } from './kinds';

export type CauseReason = 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueNotSupported';
export interface FieldCause {
  field: string;
  message: string;
  reason: CauseReason;
}
export type IstioValidationResult = { ok: true; value: IstioObject } | { ok: false; causes: FieldCause[] };

function reasonOf(issue: z.core.$ZodIssue): CauseReason {
  const declared = (issue as { params?: { reason?: unknown } }).params?.reason;
  if (declared === 'FieldValueRequired' || declared === 'FieldValueInvalid' || declared === 'FieldValueNotSupported') {
    return declared;
  }
  if (issue.code === 'invalid_type') {
    const missing = 'input' in issue ? issue.input === undefined : /received undefined/.test(issue.message);
    if (missing) return 'FieldValueRequired';
  }
  if (issue.code === 'invalid_value') return 'FieldValueNotSupported';
  return 'FieldValueInvalid';
}

function messageOf(issue: z.core.$ZodIssue, reason: CauseReason): string {
  if (reason === 'FieldValueRequired' && issue.code === 'invalid_type') return 'Required value';
  return issue.message;
}

/** Converts zod issues into Kubernetes-style causes. A union failure is reported by its closest branch. */
export function zodIssuesToCauses(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): FieldCause[] {
  const causes: FieldCause[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      causes.push(...zodIssuesToCauses(closest, path));
      continue;
    }
    const reason = reasonOf(issue);
    causes.push({ field: fieldPath(path), message: messageOf(issue, reason), reason });
  }
  return causes;
}

/** Validates an object of a registered Istio/MCS kind. Unknown fields are kept in `value`. */
export function validateIstioObject(obj: unknown): IstioValidationResult {
  const apiVersion = at(obj, 'apiVersion');
  const kind = at(obj, 'kind');
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    const missing = typeof kind !== 'string' ? 'kind' : 'apiVersion';
    return { ok: false, causes: [{ field: missing, message: 'Required value', reason: 'FieldValueRequired' }] };
  }
  const info = istioKindByApiVersionKind(apiVersion, kind);
  if (!info) {
    const known = ISTIO_KIND_LIST.map((k) => `${k.apiVersion}/${k.kind}`).join(', ');
    return {
      ok: false,
      causes: [
        {
          field: 'kind',
          message: `unsupported kind "${kind}" of apiVersion "${apiVersion}": expected one of ${known}`,
          reason: 'FieldValueNotSupported',
        },
      ],
    };
  }
  const result = info.schema.safeParse(obj, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, causes: zodIssuesToCauses(result.error.issues) };
}
