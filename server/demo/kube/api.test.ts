import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, vs, type TestCluster } from './testing';

// The REST protocol over plain http with fetch: auth, discovery, Status objects, list paging,
// tables and writes.

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster();
});
afterAll(async () => {
  await c.close();
});

const VS_PATH = '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices';

async function call(path: string, init: RequestInit & { token?: string | null } = {}) {
  const { token = 'demo-editor', ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (rest.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const res = await fetch(`${c.server.url}${path}`, { ...rest, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const post = (path: string, obj: unknown, extra: RequestInit & { token?: string } = {}) =>
  call(path, { method: 'POST', body: JSON.stringify(obj), ...extra });

describe('auth', () => {
  it('401 without a token or with an unknown one; the viewer may read but not write', async () => {
    expect((await call('/api/v1/namespaces', { token: null })).body).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
    expect((await call('/version', { token: 'nope' })).status).toBe(401);
    expect((await call('/apis', { token: 'demo-viewer' })).status).toBe(200);
    expect((await call(VS_PATH, { token: 'demo-viewer' })).status).toBe(200);
    const refused = await post(VS_PATH, vs('x', 'bookinfo'), { token: 'demo-viewer' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'virtualservices.networking.istio.io is forbidden: User "demo-viewer" cannot create resource "virtualservices" in API group "networking.istio.io" in the namespace "bookinfo"',
    );
  });
});

describe('discovery', () => {
  it('serves version, groups and resource lists with the real short names', async () => {
    expect((await call('/version')).body).toMatchObject({ major: '1', minor: '32', gitVersion: expect.stringMatching(/^v1\.32\.\d+-demo$/) });
    expect((await call('/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await call('/apis')).body;
    const istio = groups.groups.find((g: { name: string }) => g.name === 'networking.istio.io');
    expect(istio.preferredVersion).toEqual({ groupVersion: 'networking.istio.io/v1', version: 'v1' });
    const core = (await call('/api/v1')).body;
    const short = (name: string) => core.resources.find((r: { name: string }) => r.name === name);
    expect(short('namespaces')).toMatchObject({ namespaced: false, kind: 'Namespace', shortNames: ['ns'] });
    expect(short('services').shortNames).toEqual(['svc']);
    const net = (await call('/apis/networking.istio.io/v1')).body;
    expect(net.resources.map((r: { shortNames?: string[] }) => r.shortNames?.[0])).toEqual(['vs', 'dr', 'gw', 'se', undefined, 'we']);
  });

  it('answers unknown paths and /openapi/v2 with a 404 Status', async () => {
    for (const path of ['/nope', '/openapi/v2', '/apis/nope.io/v1/things', '/api/v1/namespaces/bookinfo/nothings']) {
      const r = await call(path);
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    }
    const index = (await call('/openapi/v3')).body;
    expect(Object.keys(index.paths)).toContain('apis/networking.istio.io/v1');
  });
});

describe('list and get', () => {
  it('pages with limit and continue, and reports the resourceVersion', async () => {
    for (const n of ['p1', 'p2', 'p3']) await post(VS_PATH, vs(n, 'bookinfo'));
    const first = (await call(`${VS_PATH}?limit=2`)).body;
    expect(first.kind).toBe('VirtualServiceList');
    expect(first.metadata.resourceVersion).toBe(c.store.resourceVersion);
    expect(first.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['p1', 'p2']);
    expect(first.metadata.remainingItemCount).toBe(2);
    const next = (await call(`${VS_PATH}?limit=2&continue=${first.metadata.continue}`)).body;
    expect(next.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['p3', 'reviews']);
    expect(next.metadata.continue).toBeUndefined();
    const selected = (await call(`/apis/networking.istio.io/v1/virtualservices?fieldSelector=metadata.name%3Dp2`)).body;
    expect(selected.items).toHaveLength(1);
  });

  it('answers a Table when asked, with the object when includeObject=Object', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const r = await call(`${VS_PATH}/reviews?includeObject=Object`, { headers: { Accept: accept } });
    expect(r.body.kind).toBe('Table');
    expect(r.body.columnDefinitions.map((d: { name: string }) => d.name)).toEqual(['Name', 'Gateways', 'Hosts', 'Age']);
    expect(r.body.rows[0].cells.slice(0, 3)).toEqual(['reviews', '', '["reviews"]']);
    expect(r.body.rows[0].object.kind).toBe('VirtualService');
    const meta = (await call(VS_PATH, { headers: { Accept: accept } })).body;
    expect(meta.rows[0].object.kind).toBe('PartialObjectMetadata');
  });
});

describe('writes', () => {
  it('create 409 AlreadyExists; replace 409 Conflict when stale, unconditional without resourceVersion', async () => {
    const created = await post(VS_PATH, vs('w1', 'bookinfo'));
    expect(created.status).toBe(201);
    expect((await post(VS_PATH, vs('w1', 'bookinfo'))).body).toMatchObject({ code: 409, reason: 'AlreadyExists' });
    const put = (obj: unknown) => call(`${VS_PATH}/w1`, { method: 'PUT', body: JSON.stringify(obj) });
    const updated = await put({ ...created.body, spec: { hosts: ['w1', 'x'] } });
    expect(updated.status).toBe(200);
    expect(updated.body.metadata.generation).toBe(2);
    const stale = await put({ ...created.body, spec: { hosts: ['w1'] } });
    expect(stale.body).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(stale.body.message).toContain('the object has been modified');
    expect((await put(vs('w1', 'bookinfo'))).status).toBe(200);
  });

  it('patches: merge, JSON patch, and server-side apply that creates', async () => {
    const patch = (name: string, type: string, body: string) =>
      call(`${VS_PATH}/${name}`, { method: 'PATCH', body, headers: { 'Content-Type': type } });
    await post(VS_PATH, vs('w2', 'bookinfo'));
    const merged = await patch('w2', 'application/merge-patch+json', '{"metadata":{"labels":{"a":"1"}}}');
    expect(merged.body.metadata.labels).toEqual({ a: '1' });
    const json = await patch('w2', 'application/json-patch+json', '[{"op":"replace","path":"/spec/hosts/0","value":"w2b"}]');
    expect(json.body.spec.hosts).toEqual(['w2b']);
    const applied = await patch('w3', 'application/apply-patch+yaml', 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: w3, namespace: bookinfo}\nspec: {hosts: [w3]}\n');
    expect(applied.status).toBe(201);
    expect((await patch('w9', 'application/merge-patch+json', '{}')).status).toBe(404);
    expect((await patch('w2', 'text/plain', '{}')).status).toBe(415);
  });

  it('dryRun=All answers without storing; 422 with causes for invalid objects; 404 for a missing namespace', async () => {
    const dry = await post(`${VS_PATH}?dryRun=All`, vs('dry', 'bookinfo'));
    expect(dry.status).toBe(201);
    expect((await call(`${VS_PATH}/dry`)).status).toBe(404);
    const bad = await post(VS_PATH, vs('bad', 'bookinfo', [50, 40]));
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ reason: 'Invalid', details: { name: 'bad', group: 'networking.istio.io', kind: 'VirtualService' } });
    expect(bad.body.message).toMatch(/^VirtualService\.networking\.istio\.io "bad" is invalid: spec\.http\[0\]\.route: Invalid value: /);
    expect(bad.body.details.causes[0]).toMatchObject({ field: 'spec.http[0].route', reason: 'FieldValueInvalid' });
    const badName = await post(VS_PATH, vs('Bad_Name', 'bookinfo'));
    expect(badName.body.details.causes[0].field).toBe('metadata.name');
    expect((await post('/apis/networking.istio.io/v1/namespaces/ghost/virtualservices', vs('x', 'ghost'))).body.message).toBe('namespaces "ghost" not found');
  });

  it('deletes objects and namespaces (with their content), dry-run first', async () => {
    await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp' } });
    await post('/apis/networking.istio.io/v1/namespaces/tmp/virtualservices', vs('in-tmp', 'tmp'));
    expect((await call('/api/v1/namespaces/tmp?dryRun=All', { method: 'DELETE' })).status).toBe(200);
    expect(c.store.get('v1', 'Namespace', undefined, 'tmp')).toBeDefined();
    const gone = await call('/api/v1/namespaces/tmp', { method: 'DELETE' });
    expect(gone.body).toMatchObject({ kind: 'Namespace', metadata: { name: 'tmp' } });
    expect(c.store.list('networking.istio.io/v1', 'VirtualService', 'tmp')).toEqual([]);
    expect((await call('/api/v1/namespaces/tmp', { method: 'DELETE' })).status).toBe(404);
  });
});
