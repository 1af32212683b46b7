import { z } from 'zod';
import { handler, json, parseQuery } from '@/server/http/handler';
import { listNamespaces } from '@/server/kube/namespaces';

export const dynamic = 'force-dynamic';

const query = z.strictObject({
  clusters: z.string().max(4096).optional().transform((s) => (s ? s.split(',').filter(Boolean) : [])),
});

export const GET = handler('/api/namespaces', async (req) => {
  const q = parseQuery(req, query);
  return json(await listNamespaces(q.clusters));
});
