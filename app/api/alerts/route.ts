import { z } from 'zod';
import { alertSourceSchema, filterAlerts } from '@/lib/alerts';
import { dnsNameList } from '@/lib/names';
import { currentAlerts } from '@/server/alerts';
import { handler, json, parseQuery } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

const query = z.strictObject({
  clusters: dnsNameList.optional().default([]),
  namespaces: dnsNameList.optional().default([]),
  sources: z
    .string()
    .max(100)
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(alertSourceSchema)),
  /** Skip the few-seconds cache (after a change the caller made). */
  fresh: z.enum(['1', 'true']).optional(),
});

/** Alerts of every source merged (each source's status too: an unreachable one is not "no alerts"). */
export const GET = handler('/api/alerts', async (req) => {
  const q = parseQuery(req, query);
  const all = await currentAlerts({ fresh: Boolean(q.fresh) });
  return json({ ...all, alerts: filterAlerts(all.alerts, q) });
});
