import { handler, json } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

export const GET = handler('/api/healthz', async () => json({ status: 'ok' }));
