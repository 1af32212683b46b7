import { z } from 'zod';
import { currentAlerts, expireSilence } from '@/server/alerts';
import { guardMutation } from '@/server/auth/guard';
import { badRequest } from '@/server/http/errors';
import { handler, json } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

const silenceId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

/** Expires a silence (same-origin, CSRF token, not in read-only mode). */
export const DELETE = handler('/api/alerts/silences/[id]', async (req, params) => {
  await guardMutation(req);
  const id = silenceId.safeParse(params.id);
  if (!id.success) throw badRequest('not a silence id', 'id');
  await expireSilence(id.data);
  await currentAlerts({ fresh: true });
  return json({ id: id.data, expired: true });
});
