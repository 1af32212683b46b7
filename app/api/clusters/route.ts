import { clustersStatus } from '@/server/clusters/status';
import { handler, json } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

export const GET = handler('/api/clusters', async () => json({ items: await clustersStatus() }));
