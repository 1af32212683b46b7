import { graphQuerySchema } from '@/lib/graph/query';
import { handler, json, parseQuery } from '@/server/http/handler';
import { listServices } from '@/server/services/list';

export const dynamic = 'force-dynamic';

const query = graphQuerySchema.pick({ clusters: true, namespaces: true, duration: true });

export const GET = handler('/api/services', async (req) => json(await listServices(parseQuery(req, query))));
