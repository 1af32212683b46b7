import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, storeWithDemoGrants, type TestCluster } from '../testing';

// Impersonation, the review kinds and RBAC objects over HTTP (fetch), on a us-east store with the
// demo users' grants.

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ store: storeWithDemoGrants('us-east') });
});
afterAll(async () => {
  await c.close();
});

async function call(path: string, init: RequestInit & { token?: string; as?: Record<string, string> } = {}) {
  const { token = 'demo-editor', as = {}, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('Authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(as)) headers.set(k, v);
  if (rest.body) headers.set('Content-Type', 'application/json');
  const res = await fetch(`${c.server.url}${path}`, { ...rest, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const post = (path: string, body: unknown, extra: Parameters<typeof call>[1] = {}) => call(path, { method: 'POST', body: JSON.stringify(body), ...extra });

const VS = '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices';
const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const ssar = (resourceAttributes: object) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } });

describe('impersonation', () => {
  it('acts as the impersonated user and groups, who are also system:authenticated', async () => {
    // (fetch joins repeated headers into one line; kubectl's repeated --as-group is in kubectl.test.ts.)
    const who = await post('/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, {
      as: { 'Impersonate-User': 'dave', 'Impersonate-Group': 'bookinfo-editors', 'Impersonate-Uid': 'u-1', 'Impersonate-Extra-Team%2FName': 'mesh' },
    });
    expect(who.status).toBe(201);
    expect(who.body.status.userInfo).toEqual({ username: 'dave', uid: 'u-1', groups: ['bookinfo-editors', 'system:authenticated'], extra: { 'team/name': ['mesh'] } });
    // dave is nobody; his impersonated group bookinfo-editors may edit Istio config in bookinfo.
    expect((await call(VS, { as: { 'Impersonate-User': 'dave' } })).status).toBe(403);
    expect((await call(VS, { as: { 'Impersonate-User': 'dave', 'Impersonate-Group': 'bookinfo-editors' } })).status).toBe(200);
  });

  it('needs the impersonate verb: the viewer may not, and groups without a user are refused', async () => {
    const refused = await call(VS, { token: 'demo-viewer', as: { 'Impersonate-User': 'carol' } });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('users "carol" is forbidden: User "demo-viewer" cannot impersonate resource "users" in API group "" at the cluster scope');
    const group = await call(VS, { as: { 'Impersonate-User': 'alice', 'Impersonate-Group': 'x' }, token: 'demo-viewer' });
    expect(group.body.message).toContain('cannot impersonate resource "users"');
    const noUser = await call(VS, { as: { 'Impersonate-Group': 'mesh-admins' } });
    expect(noUser.status).toBe(400);
    expect(noUser.body.message).toMatch(/without impersonating a user/);
  });

  it('lets a binding with the impersonate verb impersonate exactly the names it lists', async () => {
    await post('/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'impersonate-bob' },
      rules: [{ apiGroups: [''], resources: ['users'], resourceNames: ['bob'], verbs: ['impersonate'] }],
    });
    await post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'alice-impersonates-bob' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'impersonate-bob' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    });
    const asAlice = { 'Impersonate-User': 'alice' };
    // The editor impersonates alice, who may not impersonate further: one impersonation per request.
    const pods = '/api/v1/namespaces/bookinfo/pods';
    expect((await call(pods, { as: asAlice })).status).toBe(200);
    const ssr = await post('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
      spec: { user: 'alice', resourceAttributes: { verb: 'impersonate', resource: 'users', name: 'bob' } },
    });
    expect(ssr.body.status).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "alice-impersonates-bob" of ClusterRole "impersonate-bob" to User "alice"' });
    const carol = await post('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
      spec: { user: 'alice', resourceAttributes: { verb: 'impersonate', resource: 'users', name: 'carol' } },
    });
    expect(carol.body.status).toEqual({ allowed: false });
  });
});

describe('access reviews', () => {
  it('answers SelfSubjectAccessReview for the caller, as the caller', async () => {
    const asBob = { as: { 'Impersonate-User': 'bob' } };
    expect((await post(SSAR, ssar({ namespace: 'bookinfo', verb: 'list', resource: 'pods' }), asBob)).body.status.allowed).toBe(true);
    const no = await post(SSAR, ssar({ namespace: 'default', verb: 'list', resource: 'pods' }), asBob);
    expect(no.status).toBe(201);
    expect(no.body).toMatchObject({ kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'default' } }, status: { allowed: false } });
    const paths = await post(SSAR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { nonResourceAttributes: { path: '/apis', verb: 'get' } } }, asBob);
    expect(paths.body.status.allowed).toBe(true);
    const both = await post(SSAR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {} });
    expect(both.status).toBe(422);
    expect(both.body.message).toMatch(/exactly one of nonResourceAttributes or resourceAttributes must be specified/);
  });

  it('needs permission for SubjectAccessReview, and scopes LocalSubjectAccessReview to its namespace', async () => {
    const sar = { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'bob', resourceAttributes: { namespace: 'bookinfo', verb: 'get', resource: 'pods' } } };
    expect((await post('/apis/authorization.k8s.io/v1/subjectaccessreviews', sar)).body.status.allowed).toBe(true);
    const denied = await post('/apis/authorization.k8s.io/v1/subjectaccessreviews', sar, { as: { 'Impersonate-User': 'bob' } });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('subjectaccessreviews.authorization.k8s.io is forbidden: User "bob" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope');
    const local = await post('/apis/authorization.k8s.io/v1/namespaces/mcs-demo/localsubjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', spec: { groups: ['mesh-viewers'], resourceAttributes: { verb: 'watch', resource: 'services' } },
    });
    expect(local.body).toMatchObject({ spec: { resourceAttributes: { namespace: 'mcs-demo' } }, status: { allowed: true } });
    expect((await post('/apis/authorization.k8s.io/v1/subjectaccessreviews', { ...sar, spec: { resourceAttributes: {} } })).status).toBe(422);
    expect((await call('/apis/authorization.k8s.io/v1/subjectaccessreviews')).status).toBe(405);
  });

  it('lists the rules of a namespace with SelfSubjectRulesReview', async () => {
    const rr = await post('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'bookinfo' } }, { as: { 'Impersonate-User': 'alice' } });
    expect(rr.body.status.incomplete).toBe(false);
    expect(rr.body.status.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'], apiGroups: ['networking.istio.io', 'security.istio.io', 'multicluster.x-k8s.io'], resources: ['*'] });
    expect(rr.body.status.nonResourceRules).toContainEqual(expect.objectContaining({ nonResourceURLs: expect.arrayContaining(['/apis']) }));
    const none = await post('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } }, { as: { 'Impersonate-User': 'alice' } });
    expect(none.body.status.resourceRules.map((r: { resources: string[] }) => r.resources).flat()).not.toContain('*');
  });

  it('reviews a token: the static ones, and nothing for a stranger', async () => {
    const tr = (token: string) => post('/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
    expect((await tr('demo-viewer')).body.status).toEqual({ authenticated: true, user: { username: 'demo-viewer', groups: ['system:authenticated'] } });
    expect((await tr('nope')).body.status).toEqual({ authenticated: false });
  });
});

describe('RBAC objects', () => {
  it('lets a Namespace be read through a RoleBinding inside it, but never listed', async () => {
    const asBob = { as: { 'Impersonate-User': 'bob' } };
    expect((await call('/api/v1/namespaces/bookinfo', asBob)).status).toBe(200);
    expect((await call('/api/v1/namespaces/default', asBob)).status).toBe(403);
    expect((await call('/api/v1/namespaces', asBob)).status).toBe(403);
  });

  it('validates names, rules, subjects and the roleRef like the API server', async () => {
    const rb = (roleName: string, subjectKind = 'User') => ({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'system:x', namespace: 'bookinfo' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
      subjects: [{ kind: subjectKind, apiGroup: 'rbac.authorization.k8s.io', name: 'bob' }],
    });
    const path = '/apis/rbac.authorization.k8s.io/v1/namespaces/bookinfo/rolebindings';
    expect((await post(path, rb('view'))).status).toBe(201);
    const changed = await call(`${path}/system:x`, { method: 'PUT', body: JSON.stringify(rb('edit')) });
    expect(changed.status).toBe(422);
    expect(changed.body.message).toMatch(/^RoleBinding\.rbac\.authorization\.k8s\.io "system:x" is invalid: roleRef: Invalid value: .*: cannot change roleRef$/);
    expect((await post(path, { ...rb('view', 'Robot'), metadata: { name: 'y', namespace: 'bookinfo' } })).body.message).toContain('subjects[0].kind: Unsupported value: "Robot"');
    const role = await post('/apis/rbac.authorization.k8s.io/v1/namespaces/bookinfo/roles', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'a/b', namespace: 'bookinfo' }, rules: [{ nonResourceURLs: ['/x'], verbs: [] }],
    });
    expect(role.status).toBe(422);
    expect(role.body.details.causes.map((x: { field: string }) => x.field)).toEqual(['metadata.name', 'rules[0].verbs', 'rules[0].nonResourceURLs']);
  });

  it('authorizes discovery: without system:discovery bound, a user may not read /apis', async () => {
    const asAlice = { as: { 'Impersonate-User': 'alice' } };
    expect((await call('/apis', asAlice)).status).toBe(200);
    expect((await call('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:discovery', { method: 'DELETE' })).status).toBe(200);
    const refused = await call('/apis', asAlice);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('forbidden: User "alice" cannot get path "/apis"');
    expect((await call('/apis')).status).toBe(200);
  });
});
