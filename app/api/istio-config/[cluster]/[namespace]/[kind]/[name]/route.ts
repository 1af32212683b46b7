import { callerOf } from '@/server/auth/identity';
import { handler, json, parseQuery } from '@/server/http/handler';
import { getConfigObject } from '@/server/istio-config/list';
import { parseRef } from '@/server/istio-config/refs';
import { getQuerySchema } from '@/server/istio-config/request';

export const dynamic = 'force-dynamic';

// One object (writes go through POST /api/istio-config/apply).
export const GET = handler('/api/istio-config/[cluster]/[namespace]/[kind]/[name]', async (req, params) => {
  const ref = parseRef(params);
  const q = parseQuery(req, getQuerySchema);
  return json(await getConfigObject(ref, callerOf(req), q.fresh));
});
