import { validateRequestSchema } from '@/lib/validation/api';
import { parseBody, readJsonBody } from '@/server/http/body';
import { handler, json } from '@/server/http/handler';
import { inventorySnapshot } from '@/server/kube/informers';
import { validatePosted } from '@/server/validation/posted';

export const dynamic = 'force-dynamic';

/** Findings for posted YAML (the engine of `npm run analyze`); with withLive, in the context of the live inventory. */
export const POST = handler('/api/validate', async (req) => {
  const input = parseBody(validateRequestSchema, await readJsonBody(req));
  return json({ findings: validatePosted(input, inventorySnapshot) });
});
