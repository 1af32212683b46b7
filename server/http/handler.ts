import 'server-only';
import { type z } from 'zod';
import { consoleMetrics } from '@/server/observability/metrics';
import { fromZodError, toErrorResponse } from './errors';
import { trackRequest } from '@/server/observability/in-flight';

type Params = Record<string, string | string[] | undefined>;
interface RouteContext {
  params: Promise<Params>;
}

/**
 * Wraps an App Router handler: maps every thrown error through the one mapper, and records the
 * request duration by route template and status. `route` is the template (e.g. /api/clusters), never
 * the concrete URL, so label cardinality stays bounded. The request counts as in flight until its
 * handler answers (a shutdown lets such requests finish; a stream's body may outlive it).
 */
export function handler(route: string, fn: (req: Request, params: Params) => Promise<Response>) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const end = consoleMetrics().httpDuration.startTimer({ route, method: req.method });
    const done = trackRequest();
    let res: Response;
    try {
      res = await fn(req, (await ctx?.params) ?? {});
    } catch (err) {
      res = toErrorResponse(err);
    } finally {
      done();
    }
    end({ status: String(res.status) });
    return res;
  };
}

/** Parses the query string with a zod schema; a bad parameter is a 400 naming it. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const url = new URL(req.url);
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) raw[k] = v;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, 'query parameter');
  return parsed.data;
}

/** A JSON answer that the browser must not cache unless told. */
export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, { ...init, headers: { 'cache-control': 'no-store', ...init?.headers } });
}
