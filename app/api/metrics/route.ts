import { metricsQuerySchema } from '@/lib/metrics-query';
import { handler, json, parseQuery } from '@/server/http/handler';
import { chartSeries } from '@/server/prometheus/series';

export const dynamic = 'force-dynamic';

export const GET = handler('/api/metrics', async (req) => json(await chartSeries(parseQuery(req, metricsQuerySchema))));
