import 'server-only';

// Kubernetes `Status` objects and the error type that carries one through the handlers.

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export function status(code: number, reason: string, message: string, details?: StatusDetails): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code < 400 ? 'Success' : 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** An error that maps to one Kubernetes Status response. */
export class KubeError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
    this.name = 'KubeError';
  }
  get code(): number {
    return this.status.code;
  }
}

/** `virtualservices.networking.istio.io` or `pods` (core). */
export function qualifiedResource(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const notFound = (plural: string, group: string, name: string): KubeError =>
  new KubeError(
    status(404, 'NotFound', `${qualifiedResource(plural, group)} "${name}" not found`, { name, group, kind: plural }),
  );

export const alreadyExists = (plural: string, group: string, name: string): KubeError =>
  new KubeError(
    status(409, 'AlreadyExists', `${qualifiedResource(plural, group)} "${name}" already exists`, {
      name,
      group,
      kind: plural,
    }),
  );

export const conflict = (plural: string, group: string, name: string, why: string): KubeError =>
  new KubeError(
    status(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(plural, group)} "${name}": ${why}`, {
      name,
      group,
      kind: plural,
    }),
  );

export const badRequest = (message: string): KubeError => new KubeError(status(400, 'BadRequest', message));

export const gone = (message: string): KubeError => new KubeError(status(410, 'Expired', message));

/**
 * 422 Invalid, worded like the API server:
 * `VirtualService.networking.istio.io "reviews" is invalid: spec.http[0].route: Invalid value: ...`.
 */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[]): KubeError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const worded = causes.map((c) => ({ ...c, message: causeText(c) }));
  const summary = worded.map((c) => `${c.field}: ${c.message}`).join(', ');
  const list = causes.length > 1 ? `[${summary}]` : summary;
  return new KubeError(
    status(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${list}`, { name, group, kind, causes: worded }),
  );
}

const REASON_TEXT: Record<string, string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueNotFound: 'Not found',
};

/** `Invalid value: weights must sum to 100`, unless the message already says what kind of error it is. */
function causeText(c: StatusCause): string {
  const prefix = REASON_TEXT[c.reason] ?? 'Invalid value';
  return c.message.startsWith(prefix) ? c.message : `${prefix}: ${c.message}`;
}

export function asKubeError(err: unknown): KubeError {
  if (err instanceof KubeError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new KubeError(status(500, 'InternalError', `Internal error occurred: ${message}`));
}
