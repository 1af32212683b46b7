import { operationRequestSchema } from '@/lib/istio-config/api';
import { guardMutation } from '@/server/auth/guard';
import { parseBody } from '@/server/http/body';
import { handler, json } from '@/server/http/handler';
import { runOperation } from '@/server/istio-config/operation';

export const dynamic = 'force-dynamic';

/**
 * The one write path of Istio config: create, replace or delete on one or several clusters, as a
 * review (dry-run, diff, findings) or an apply. 200 with one row per cluster (check each row's `ok`).
 */
export const POST = handler('/api/istio-config/apply', async (req) => {
  const { caller, body } = await guardMutation(req);
  return json(await runOperation(parseBody(operationRequestSchema, body), caller));
});
