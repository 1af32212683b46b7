import { handler } from '@/server/http/handler';
import { consoleMetrics } from '@/server/observability/metrics';

export const dynamic = 'force-dynamic';

export const GET = handler('/metrics', async () => {
  const { registry } = consoleMetrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
});
