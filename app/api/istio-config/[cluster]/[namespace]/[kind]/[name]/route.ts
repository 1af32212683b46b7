import { applyRequestSchema, deleteRequestSchema } from '@/lib/istio-config/api';
import { guardMutation } from '@/server/auth/guard';
import { callerOf } from '@/server/auth/identity';
import { handler, json, parseQuery } from '@/server/http/handler';
import { applyObject, removeObject } from '@/server/istio-config/apply';
import { getConfigObject } from '@/server/istio-config/list';
import { parseRef } from '@/server/istio-config/refs';
import { parseBody } from '@/server/http/body';
import { actionOf, getQuerySchema, writeQuerySchema } from '@/server/istio-config/request';

export const dynamic = 'force-dynamic';

const ROUTE = '/api/istio-config/[cluster]/[namespace]/[kind]/[name]';

export const GET = handler(ROUTE, async (req, params) => {
  const ref = parseRef(params);
  const q = parseQuery(req, getQuerySchema);
  return json(await getConfigObject(ref, callerOf(req), q.fresh));
});

export const PUT = handler(ROUTE, async (req, params) => {
  const { caller, body } = await guardMutation(req);
  const ref = parseRef(params);
  const q = parseQuery(req, writeQuerySchema);
  const input = parseBody(applyRequestSchema, body);
  const result = await applyObject(ref, input, { caller, dryRun: q.dryRun, action: actionOf(req, input.action) });
  return json(result, { status: result.created && !result.dryRun ? 201 : 200 });
});

export const DELETE = handler(ROUTE, async (req, params) => {
  const { caller, body } = await guardMutation(req);
  const ref = parseRef(params);
  const q = parseQuery(req, writeQuerySchema);
  const input = parseBody(deleteRequestSchema, body);
  return json(await removeObject(ref, input, { caller, dryRun: q.dryRun }));
});
