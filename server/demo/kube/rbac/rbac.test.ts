import { describe, expect, it } from 'vitest';
import { createClusterStore } from '../store';
import { RbacAuthorizer } from './authorizer';
import { bootstrapPolicy, reconcileBootstrapPolicy } from './bootstrap';
import { ruleAllows, subjectMatches } from './rules';
import { RBAC_API_VERSION, type Attributes, type PolicyRule, type UserInfo } from './types';

// RBAC's rule semantics and the store-backed authorizer, without HTTP.

const alice: UserInfo = { name: 'alice', groups: ['bookinfo-editors', 'system:authenticated'] };
const res = (verb: string, resource: string, extra: Partial<Extract<Attributes, { resourceRequest: true }>> = {}): Attributes => ({
  user: alice,
  verb,
  resourceRequest: true,
  apiGroup: '',
  resource,
  ...extra,
});
const path = (verb: string, p: string): Attributes => ({ user: alice, verb, resourceRequest: false, path: p });

describe('RBAC rules', () => {
  it('match verbs, groups and resources with *, and subresources only when named', () => {
    const rule: PolicyRule = { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] };
    expect(ruleAllows(rule, res('get', 'deployments', { apiGroup: 'apps' }))).toBe(true);
    expect(ruleAllows(rule, res('delete', 'deployments', { apiGroup: 'apps' }))).toBe(false);
    expect(ruleAllows(rule, res('get', 'deployments', { apiGroup: '' }))).toBe(false);
    expect(ruleAllows(rule, res('get', 'deployments', { apiGroup: 'apps', subresource: 'scale' }))).toBe(false);
    expect(ruleAllows({ ...rule, resources: ['deployments/scale'] }, res('get', 'deployments', { apiGroup: 'apps', subresource: 'scale' }))).toBe(true);
    expect(ruleAllows({ ...rule, resources: ['*/scale'] }, res('get', 'replicasets', { apiGroup: 'apps', subresource: 'scale' }))).toBe(true);
    expect(ruleAllows({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, res('impersonate', 'users', { name: 'bob' }))).toBe(true);
  });

  it('limit resourceNames to requests for one of those names (never list or create)', () => {
    const rule: PolicyRule = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['cfg'], verbs: ['get', 'list', 'create'] };
    expect(ruleAllows(rule, res('get', 'configmaps', { name: 'cfg' }))).toBe(true);
    expect(ruleAllows(rule, res('get', 'configmaps', { name: 'other' }))).toBe(false);
    expect(ruleAllows(rule, res('list', 'configmaps'))).toBe(false);
    expect(ruleAllows(rule, res('create', 'configmaps'))).toBe(false);
  });

  it('match non-resource URLs exactly, by a trailing * prefix, or all', () => {
    const rule: PolicyRule = { nonResourceURLs: ['/apis', '/apis/*'], verbs: ['get'] };
    expect(ruleAllows(rule, path('get', '/apis'))).toBe(true);
    expect(ruleAllows(rule, path('get', '/apis/networking.istio.io/v1'))).toBe(true);
    expect(ruleAllows(rule, path('get', '/api'))).toBe(false);
    expect(ruleAllows(rule, path('post', '/apis'))).toBe(false);
    expect(ruleAllows({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, path('get', '/apis'))).toBe(false);
  });

  it('match User, Group and ServiceAccount subjects', () => {
    expect(subjectMatches({ kind: 'User', name: 'alice' }, alice)).toBe(true);
    expect(subjectMatches({ kind: 'Group', name: 'bookinfo-editors' }, alice)).toBe(true);
    expect(subjectMatches({ kind: 'Group', name: 'mesh-admins' }, alice)).toBe(false);
    const sa: UserInfo = { name: 'system:serviceaccount:bookinfo:meridian', groups: [] };
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'meridian' }, sa, 'bookinfo')).toBe(true);
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'meridian', namespace: 'default' }, sa, 'bookinfo')).toBe(false);
  });
});

function storeWith(...objects: object[]) {
  const store = createClusterStore('us-east');
  for (const name of ['bookinfo']) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  for (const o of objects) store.create(o as never);
  return store;
}

const binding = (kind: string, name: string, role: { kind: string; name: string }, namespace?: string) => ({
  apiVersion: RBAC_API_VERSION,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...role },
  subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'bookinfo-editors' }],
});

describe('the RBAC authorizer over a store', () => {
  it('grants a RoleBinding in its namespace only, and says which binding allowed', () => {
    const store = storeWith(binding('RoleBinding', 'editors', { kind: 'ClusterRole', name: 'edit' }, 'bookinfo'));
    reconcileBootstrapPolicy(store);
    const rbac = new RbacAuthorizer(store);
    const vs = (namespace?: string) => res('update', 'virtualservices', { apiGroup: 'networking.istio.io', ...(namespace ? { namespace } : {}) });
    expect(rbac.authorize(vs('bookinfo'))).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "editors/bookinfo" of ClusterRole "edit" to Group "bookinfo-editors"' });
    expect(rbac.authorize(vs('default'))).toEqual({ allowed: false, reason: '' });
    expect(rbac.authorize(vs())).toEqual({ allowed: false, reason: '' });
    // A named Role of the binding's namespace; a binding to a missing role grants nothing.
    store.create({ apiVersion: RBAC_API_VERSION, kind: 'Role', metadata: { name: 'cm', namespace: 'bookinfo' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['delete'] }] });
    store.create(binding('RoleBinding', 'cm', { kind: 'Role', name: 'cm' }, 'bookinfo'));
    store.create(binding('RoleBinding', 'ghost', { kind: 'Role', name: 'missing' }, 'bookinfo'));
    expect(rbac.authorize(res('delete', 'configmaps', { namespace: 'bookinfo', name: 'x' })).allowed).toBe(true);
    expect(rbac.authorize(res('delete', 'resourcequotas', { namespace: 'bookinfo', name: 'x' })).allowed).toBe(false);
  });

  it('gives non-resource URLs only through ClusterRoleBindings; discovery goes to every authenticated user', () => {
    const store = storeWith(binding('RoleBinding', 'admin', { kind: 'ClusterRole', name: 'cluster-admin' }, 'bookinfo'));
    reconcileBootstrapPolicy(store);
    const rbac = new RbacAuthorizer(store);
    expect(rbac.authorize(path('get', '/apis/apps/v1')).reason).toBe('RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"');
    expect(rbac.authorize(path('get', '/metrics')).allowed).toBe(false);
    expect(rbac.authorize(res('delete', 'pods', { namespace: 'bookinfo', name: 'p' })).allowed).toBe(true);
  });

  it('words a refusal like the API server', () => {
    const rbac = new RbacAuthorizer(storeWith());
    expect(() => rbac.check(res('delete', 'virtualservices', { apiGroup: 'networking.istio.io', namespace: 'bookinfo', name: 'reviews' }))).toThrowError(
      'virtualservices.networking.istio.io "reviews" is forbidden: User "alice" cannot delete resource "virtualservices" in API group "networking.istio.io" in the namespace "bookinfo"',
    );
    expect(() => rbac.check(res('get', 'deployments', { apiGroup: 'apps', subresource: 'scale', namespace: 'bookinfo', name: 'web' }))).toThrowError(
      'deployments.apps "web" is forbidden: User "alice" cannot get resource "deployments/scale" in API group "apps" in the namespace "bookinfo"',
    );
    expect(() => rbac.check(res('list', 'namespaces'))).toThrowError('namespaces is forbidden: User "alice" cannot list resource "namespaces" in API group "" at the cluster scope');
    expect(() => rbac.check(path('get', '/apis'))).toThrowError('forbidden: User "alice" cannot get path "/apis"');
  });
});

describe('the bootstrap policy', () => {
  it('creates what is missing, completes auto-updated roles and keeps what an admin added', () => {
    const store = createClusterStore('us-east');
    expect(reconcileBootstrapPolicy(store)).toBe(bootstrapPolicy().length);
    expect(reconcileBootstrapPolicy(store)).toBe(0);
    const view = store.get(RBAC_API_VERSION, 'ClusterRole', undefined, 'view')!;
    const added = { apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] };
    store.replace({ ...view, rules: [added] });
    store.delete(RBAC_API_VERSION, 'ClusterRoleBinding', undefined, 'demo:viewer');
    const edit = store.get(RBAC_API_VERSION, 'ClusterRole', undefined, 'edit')!;
    store.replace({ ...edit, metadata: { ...edit.metadata, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } }, rules: [added] });
    expect(reconcileBootstrapPolicy(store)).toBe(2);
    const rules = store.get(RBAC_API_VERSION, 'ClusterRole', undefined, 'view')!.rules as PolicyRule[];
    expect(rules[0]).toEqual(added);
    expect(rules.length).toBeGreaterThan(1);
    expect(store.get(RBAC_API_VERSION, 'ClusterRoleBinding', undefined, 'demo:viewer')).toBeDefined();
    expect(store.get(RBAC_API_VERSION, 'ClusterRole', undefined, 'edit')!.rules).toEqual([added]);
  });
});
