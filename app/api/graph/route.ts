import { graphQuerySchema } from '@/lib/graph/query';
import { graphFor } from '@/server/graph/request';
import { handler, parseQuery } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

export const GET = handler('/api/graph', async (req) => {
  const q = parseQuery(req, graphQuerySchema);
  const { graph, etag, timings } = await graphFor(q);
  const headers = {
    etag,
    'cache-control': 'no-cache',
    'server-timing': `prometheus;dur=${timings.prometheusMs.toFixed(1)}, build;dur=${timings.buildMs.toFixed(1)}`,
  };
  if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return Response.json(graph, { headers });
});
