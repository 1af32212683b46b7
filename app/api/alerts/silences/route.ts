import { createSilenceSchema } from '@/lib/alerts';
import { createSilence, currentAlerts, listSilences } from '@/server/alerts';
import { guardMutation } from '@/server/auth/guard';
import { fromZodError } from '@/server/http/errors';
import { handler, json } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Active and pending silences of the Alertmanager. */
export const GET = handler('/api/alerts/silences', async () => json({ silences: await listSilences() }));

/** Creates a silence in the Alertmanager (same-origin, CSRF token, not in read-only mode). */
export const POST = handler('/api/alerts/silences', async (req) => {
  const { caller, body } = await guardMutation(req);
  const parsed = createSilenceSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, 'silence');
  const id = await createSilence({ ...parsed.data, createdBy: parsed.data.createdBy ?? caller.user });
  await currentAlerts({ fresh: true }); // publishes the change to every browser
  return json({ id }, { status: 201 });
});
