import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, CSRF_HEADER, MAX_BODY_BYTES } from '@/lib/api/session';
import { reviewResponseSchema } from '@/lib/istio-config/api';
import { issueCsrfToken } from '@/server/auth/csrf';
import { setConfig } from '@/server/config';
import { vs } from '@/server/demo/kube/testing';
import { POST } from './route';

// What fails the whole request (an HTTP error) versus one cluster (a row): no cluster is reached here.

const HOST = 'console.example:3000';

function post(body: unknown, opts: { csrf?: boolean } = {}) {
  const token = issueCsrfToken();
  const headers: Record<string, string> = { host: HOST, origin: `http://${HOST}`, 'content-type': 'application/json' };
  if (opts.csrf !== false) Object.assign(headers, { [CSRF_HEADER]: token, cookie: `${CSRF_COOKIE}=${token}` });
  return POST(new Request(`http://${HOST}/api/istio-config/apply`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}

const operation = (weights: number[]) => ({ op: 'apply', object: vs('reviews', 'bookinfo', weights) });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string; causes?: { field: string }[] } }).error;

beforeAll(() => setConfig({ clusters: [{ name: 'us-east' }], auth: { strategy: 'anonymous' }, readOnly: false, source: 'test' }));
afterAll(() => setConfig(undefined));

describe('POST /api/istio-config/apply', () => {
  it('refuses a request without the CSRF token with 403', async () => {
    const res = await post({ mode: 'review', operation: operation([100]), clusters: ['us-east'] }, { csrf: false });
    expect([res.status, (await errorOf(res)).message]).toEqual([403, 'missing or invalid CSRF token']);
  });

  it('names what is wrong with a malformed body (400) and refuses an oversized one (413)', async () => {
    const none = await post({ mode: 'review', operation: operation([100]), clusters: [] });
    expect([none.status, (await errorOf(none)).message]).toEqual([400, 'Invalid request body: clusters: choose at least one cluster']);
    const mode = await post({ mode: 'dry-run', operation: operation([100]), clusters: ['us-east'] });
    expect([mode.status, (await errorOf(mode)).field]).toEqual([400, 'mode']);
    const kind = await post({ mode: 'review', operation: { op: 'apply', object: { ...vs('x', 'bookinfo'), kind: 'Deployment' } }, clusters: ['us-east'] });
    expect([kind.status, (await errorOf(kind)).message]).toEqual([400, expect.stringMatching(/^Unknown kind "Deployment"/)]);
    const big = await post(JSON.stringify({ mode: 'review', operation: operation([100]), clusters: ['us-east'], pad: 'x'.repeat(MAX_BODY_BYTES) }));
    expect([big.status, (await errorOf(big)).code]).toEqual([413, 'payload_too_large']);
  });

  it('refuses an apply of an object its schema rejects with 422 and the cause at its field, before any cluster', async () => {
    const res = await post({ mode: 'apply', operation: operation([50, 40]), clusters: ['us-east', 'eu-west'] });
    const error = await errorOf(res);
    expect([res.status, error.code, error.causes?.[0]?.field]).toEqual([422, 'invalid', 'spec.http[0].route']);
  });

  it('answers a review with a row per cluster, an unknown cluster being its row', async () => {
    const res = await post({ mode: 'review', operation: operation([100]), clusters: ['nowhere'] });
    expect(res.status).toBe(200);
    const body = reviewResponseSchema.parse(await res.json());
    expect(body.rows).toEqual([expect.objectContaining({ cluster: 'nowhere', live: null, findings: [], dryRun: expect.objectContaining({ ok: false, status: 404, error: expect.objectContaining({ code: 'unknown_cluster' }) }) })]);
    expect(body.targets).toEqual(['us-east']);
  });
});
