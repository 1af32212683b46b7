import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fromKubeError, toErrorResponse, unknownCluster } from './errors';

async function body(res: Response) {
  return (await res.json()) as { error: { code: string; message: string; field?: string; cluster?: string } };
}

describe('error mapper', () => {
  it('maps a zod error to 400 naming the field', async () => {
    const r = z.object({ duration: z.enum(['1m', '5m']) }).safeParse({ duration: 'x' });
    const res = toErrorResponse(r.error);
    expect(res.status).toBe(400);
    expect((await body(res)).error).toMatchObject({ code: 'bad_request', field: 'duration' });
  });

  it('maps an unknown cluster to 404 with the cluster', async () => {
    const res = toErrorResponse(unknownCluster('mars'));
    expect(res.status).toBe(404);
    expect((await body(res)).error).toMatchObject({ code: 'unknown_cluster', cluster: 'mars', message: 'Unknown cluster "mars"' });
  });

  it('passes an upstream Kubernetes status through with its code and causes', async () => {
    const apiException = {
      code: 422,
      body: JSON.stringify({
        kind: 'Status',
        message: 'VirtualService.networking.istio.io "reviews" is invalid',
        details: { causes: [{ field: 'spec.http[0].route', message: 'weights sum to 90', reason: 'FieldValueInvalid' }] },
      }),
    };
    const res = toErrorResponse(fromKubeError(apiException, 'us-east'));
    expect(res.status).toBe(422);
    const e = (await body(res)).error;
    expect(e).toMatchObject({ code: 'invalid', cluster: 'us-east', field: 'spec.http[0].route' });
    expect(toErrorResponse(fromKubeError({ code: 409, body: '{"message":"conflict"}' }, 'a')).status).toBe(409);
  });

  it('maps a connection failure to 503 unavailable for that cluster', async () => {
    const err = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    const res = toErrorResponse(fromKubeError(err, 'eu-west'));
    expect(res.status).toBe(503);
    expect((await body(res)).error.message).toMatch(/eu-west is unreachable: .*ECONNREFUSED/);
  });

  it('hides internal errors behind a 500', async () => {
    const spy = console.error;
    console.error = () => {};
    const res = toErrorResponse(new Error('secret detail'));
    console.error = spy;
    expect(res.status).toBe(500);
    expect((await body(res)).error.message).toBe('Internal error');
  });
});
