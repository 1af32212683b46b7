import { handler, json, parseQuery } from '@/server/http/handler';
import { listConfig } from '@/server/istio-config/list';
import { checkKinds, listQuerySchema } from '@/server/istio-config/request';

export const dynamic = 'force-dynamic';

export const GET = handler('/api/istio-config', async (req) => {
  const q = parseQuery(req, listQuerySchema);
  return json(listConfig({ clusters: q.clusters, namespaces: q.namespaces, kinds: checkKinds(q.kinds), findingsOnly: q.findings === 'only' }));
});
