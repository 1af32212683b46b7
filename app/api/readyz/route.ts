import { readiness } from '@/server/clusters/readiness';
import { handler, json } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

export const GET = handler('/api/readyz', async () => {
  const r = readiness();
  return json(r, { status: r.ready ? 200 : 503 });
});
