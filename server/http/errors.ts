import 'server-only';
import { ZodError } from 'zod';
import type { ErrorCode, FieldCause } from '@/lib/api/errors';
import { fieldPath } from '@/lib/mesh-rules/field-path';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_cluster: 404,
  conflict: 409,
  payload_too_large: 413,
  upstream: 502,
  unavailable: 503,
  internal: 500,
};

interface ErrorExtra {
  cluster?: string;
  field?: string;
  causes?: FieldCause[];
  /** Overrides the status of the code (an upstream Kubernetes status passed through). */
  status?: number;
}

/** The one error type of the server. Handlers throw it; `toErrorResponse` maps it to HTTP. */
export class MeridianError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: ErrorExtra = {},
  ) {
    super(message);
    this.name = 'MeridianError';
    this.status = extra.status ?? STATUS[code];
  }
}

export const badRequest = (message: string, field?: string) => new MeridianError('bad_request', message, { field });
export const unknownCluster = (cluster: string) =>
  new MeridianError('unknown_cluster', `Unknown cluster "${cluster}"`, { cluster, field: 'cluster' });
export const notFound = (message: string, cluster?: string) => new MeridianError('not_found', message, { cluster });

export function fromZodError(err: ZodError, where = 'request'): MeridianError {
  const causes = err.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  const first = causes[0];
  const message = first ? `Invalid ${where}: ${first.field || '(root)'}: ${first.message}` : `Invalid ${where}`;
  return new MeridianError('bad_request', message, { field: first?.field, causes });
}

const KUBE_REASON_CODE: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'invalid',
};

interface KubeStatusBody {
  message?: string;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

/** An error of @kubernetes/client-node (ApiException with .code and .body) or of fetch, for one cluster. */
export function fromKubeError(err: unknown, cluster: string): MeridianError {
  if (err instanceof MeridianError) return err;
  const e = err as { code?: unknown; body?: unknown; message?: string };
  if (typeof e.code === 'number' && e.code >= 400) {
    const body = parseStatusBody(e.body);
    const code = KUBE_REASON_CODE[e.code] ?? 'upstream';
    const causes = body?.details?.causes?.map((c) => ({ field: c.field ?? '', message: c.message ?? '', reason: c.reason }));
    return new MeridianError(code, body?.message ?? `Cluster ${cluster} answered ${e.code}`, {
      cluster,
      status: e.code,
      causes,
      field: causes?.[0]?.field,
    });
  }
  return new MeridianError('unavailable', `Cluster ${cluster} is unreachable: ${describeCause(err)}`, { cluster });
}

function parseStatusBody(body: unknown): KubeStatusBody | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatusBody;
    } catch {
      return { message: body };
    }
  }
  return body && typeof body === 'object' ? (body as KubeStatusBody) : undefined;
}

/** The innermost message of an error chain (fetch wraps ECONNREFUSED in `cause`). */
export function describeCause(err: unknown): string {
  let cur: unknown = err;
  let msg = String(err);
  for (let depth = 0; cur && depth < 5; depth++) {
    const c = cur as { message?: string; code?: string; cause?: unknown };
    if (c.message) msg = c.code && !c.message.includes(c.code) ? `${c.code}: ${c.message}` : c.message;
    cur = c.cause;
  }
  return msg;
}

/** Maps any thrown value to the API's JSON error answer. Unknown errors are 500 and logged. */
export function toErrorResponse(err: unknown): Response {
  const e =
    err instanceof MeridianError
      ? err
      : err instanceof ZodError
        ? fromZodError(err)
        : new MeridianError('internal', 'Internal error');
  if (!(err instanceof MeridianError) && !(err instanceof ZodError)) console.error('[meridian] unhandled error', err);
  const { cluster, field, causes } = e.extra;
  return Response.json({ error: { code: e.code, message: e.message, cluster, field, causes } }, { status: e.status });
}
