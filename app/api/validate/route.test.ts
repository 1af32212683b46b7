import { beforeEach, describe, expect, it, vi } from 'vitest';
import { validateResponseSchema } from '@/lib/validation/api';
import { snapshotOf } from '@/server/validation/testing/objects';
import { BASE, dr, vs } from '@/server/validation/testing/objects';

const live = {
  current: snapshotOf({
    'us-east': [...BASE, dr('bookinfo', 'reviews', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] }), vs('bookinfo', 'broken', { hosts: ['x'], http: [{ route: [{ destination: { host: 'nowhere' } }] }] })],
    'eu-west': [],
  }),
};
vi.mock('@/server/kube/informers', () => ({ inventorySnapshot: () => live.current }));
const { POST } = await import('./route');

const VS = (subset: string) => `# reviews routing
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: ${subset}
`;

const post = (body: unknown) =>
  POST(new Request('http://localhost/api/validate', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }));

describe('POST /api/validate', () => {
  beforeEach(() => vi.clearAllMocks());

  it('validates posted YAML alone, with the line of each finding', async () => {
    const res = await post({ yaml: VS('v2') });
    expect(res.status).toBe(200);
    const { findings } = validateResponseSchema.parse(await res.json());
    const subset = findings.find((f) => f.path?.endsWith('.subset'));
    expect(subset).toMatchObject({ code: 'IST0101', kind: 'VirtualService', namespace: 'bookinfo', objectName: 'reviews', line: 13 });
  });

  it('with withLive, resolves references against the live cluster and reports only on the posted objects', async () => {
    const ok = validateResponseSchema.parse(await (await post({ yaml: VS('v1'), cluster: 'us-east', withLive: true })).json());
    expect(ok.findings).toEqual([]);
    const bad = validateResponseSchema.parse(await (await post({ yaml: VS('v3'), cluster: 'us-east', withLive: true })).json());
    expect(bad.findings.map((f) => [f.code, f.cluster, f.objectName, f.path, f.line])).toEqual([
      ['IST0101', 'us-east', 'reviews', 'spec.http[0].route[0].destination.subset', 13],
    ]);
  });

  it('answers 400 naming the line of malformed YAML', async () => {
    const res = await post({ yaml: 'kind: VirtualService\nspec:\n  hosts: [a\n' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; field?: string } };
    expect(body.error.message).toMatch(/line \d+/);
    expect(body.error.field).toBe('yaml');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await post({ yaml: `# ${'x'.repeat(1024 * 1024)}` });
    expect(res.status).toBe(413);
  });

  it('needs a known cluster with withLive', async () => {
    expect((await post({ yaml: VS('v1'), withLive: true })).status).toBe(400);
    expect((await post({ yaml: VS('v1'), cluster: 'mars', withLive: true })).status).toBe(404);
    expect((await post({ yamls: 'x' })).status).toBe(400);
  });
});
