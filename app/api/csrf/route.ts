import type { CsrfResponse } from '@/lib/api/session';
import { csrfTokenFor } from '@/server/auth/csrf';
import { isReadOnly } from '@/server/auth/guard';
import { callerName } from '@/server/auth/identity';
import { handler, json } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** The CSRF token for mutations (also set as cookie meridian-csrf), read-only mode and the caller's name. */
export const GET = handler('/api/csrf', async (req) => {
  const { token, setCookie } = csrfTokenFor(req);
  const body: CsrfResponse = { token, readOnly: isReadOnly(), user: callerName(req) };
  return json(body, setCookie ? { headers: { 'set-cookie': setCookie } } : undefined);
});
