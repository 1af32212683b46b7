import { multiApplyRequestSchema } from '@/lib/istio-config/api';
import { guardMutation } from '@/server/auth/guard';
import { handler, json } from '@/server/http/handler';
import { applyToClusters } from '@/server/istio-config/multi-apply';
import { parseBody } from '@/server/http/body';
import { actionOf } from '@/server/istio-config/request';

export const dynamic = 'force-dynamic';

/** One object to several clusters: always 200 with one row per cluster (check each row's `ok`). */
export const POST = handler('/api/istio-config/apply', async (req) => {
  const { caller, body } = await guardMutation(req);
  const input = parseBody(multiApplyRequestSchema, body);
  return json(await applyToClusters(input, { caller, action: actionOf(req, input.action) }));
});
