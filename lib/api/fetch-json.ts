import { type z } from 'zod';
import { apiErrorBodySchema, type ApiErrorDetail } from './errors';

/** An API answer that was not 2xx, carrying the server's error detail for the UI to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: ApiErrorDetail,
  ) {
    super(detail.message);
    this.name = 'ApiError';
  }
}

/**
 * Fetches JSON from the console's own API and parses it with the route's output schema, so the
 * browser never trusts a shape it did not check.
 */
export async function fetchJson<S extends z.ZodType>(url: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch (e) {
    throw new ApiError(0, { code: 'unavailable', message: `The console server cannot be reached (${String(e)})` });
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = apiErrorBodySchema.safeParse(body);
    throw new ApiError(
      res.status,
      parsed.success ? parsed.data.error : { code: 'internal', message: `${res.status} ${res.statusText}` },
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(res.status, { code: 'internal', message: `Unexpected answer from ${url}: ${parsed.error.message}` });
  }
  return parsed.data;
}
