import { z } from 'zod';
import { eventInScope } from '@/lib/events';
import { ensureAlertLoop } from '@/server/alerts';
import { eventStream } from '@/server/events/sse';
import { handler, parseQuery } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

const query = z.strictObject({
  clusters: z.string().max(4096).optional().transform((s) => (s ? new Set(s.split(',').filter(Boolean)) : undefined)),
});

export const GET = handler('/api/events', async (req) => {
  const { clusters } = parseQuery(req, query);
  // Alert changes are pushed on this stream: the built-in checks run while anyone listens.
  ensureAlertLoop();
  return eventStream(req.signal, (e) => eventInScope(e, clusters));
});
