import { callerOf } from '@/server/auth/identity';
import { handler, json } from '@/server/http/handler';
import { readHistory } from '@/server/istio-config/history';
import { parseRef } from '@/server/istio-config/refs';

export const dynamic = 'force-dynamic';

export const GET = handler('/api/istio-config/[cluster]/[namespace]/[kind]/[name]/history', async (req, params) => {
  const ref = parseRef(params);
  return json({ ref, entries: await readHistory(ref, callerOf(req)) });
});
