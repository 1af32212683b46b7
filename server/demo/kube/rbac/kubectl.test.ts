import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, startTestCluster, storeWithDemoGrants, type TestCluster } from '../testing';

// The real kubectl 1.32 against two demo clusters with the demo users' grants: alice edits Istio
// config in bookinfo on us-east but only reads it on ap-south; bob reads bookinfo and mcs-demo;
// carol may do everything. kubectl's --as sends Impersonate-User as the editor token.

let usEast: TestCluster;
let apSouth: TestCluster;
beforeAll(async () => {
  usEast = await startTestCluster({ store: storeWithDemoGrants('us-east') });
  apSouth = await startTestCluster({ store: storeWithDemoGrants('ap-south') });
});
afterAll(async () => {
  await usEast.close();
  await apSouth.close();
});

const east = (...args: string[]) => kubectl(usEast.kubeconfig, args);
const south = (...args: string[]) => kubectl(apSouth.kubeconfig, args);
const canI = async (k: typeof east, ...args: string[]) => {
  const r = await k('auth', 'can-i', ...args);
  expect(r.stderr).toBe('');
  return r.stdout.trim();
};

describe('kubectl auth can-i with the demo users', () => {
  it('alice may update VirtualServices in bookinfo on us-east, not on ap-south; bob never; carol everywhere', async () => {
    const vs = ['update', 'virtualservices', '-n', 'bookinfo'];
    expect(await canI(east, ...vs, '--as', 'alice')).toBe('yes');
    expect(await canI(south, ...vs, '--as', 'alice')).toBe('no');
    expect(await canI(east, ...vs, '--as', 'bob')).toBe('no');
    expect(await canI(south, ...vs, '--as', 'bob')).toBe('no');
    expect(await canI(east, ...vs, '--as', 'carol')).toBe('yes');
    expect(await canI(south, ...vs, '--as', 'carol')).toBe('yes');
    const no = await east('auth', 'can-i', 'update', 'vs', '-n', 'bookinfo', '--as', 'bob');
    expect(no.code).toBe(1);
  });

  it('bob may list pods in bookinfo and mcs-demo, not in default, and cannot list namespaces', async () => {
    expect(await canI(east, 'list', 'pods', '-n', 'bookinfo', '--as', 'bob')).toBe('yes');
    expect(await canI(east, 'list', 'pods', '-n', 'mcs-demo', '--as', 'bob')).toBe('yes');
    expect(await canI(east, 'list', 'pods', '-n', 'default', '--as', 'bob')).toBe('no');
    // Cluster-scoped: -A, or kubectl warns that namespaces are not namespace scoped.
    expect(await canI(east, 'list', 'namespaces', '-A', '--as', 'bob')).toBe('no');
    expect((await east('--as', 'bob', 'get', 'namespace', 'bookinfo', '-o', 'name')).stdout).toBe('namespace/bookinfo\n');
    expect((await east('--as', 'bob', 'get', 'namespaces')).stderr).toContain('namespaces is forbidden: User "bob" cannot list resource "namespaces" in API group "" at the cluster scope');
    const list = await east('auth', 'can-i', '--list', '-n', 'bookinfo', '--as', 'bob');
    expect(list.stdout).toMatch(/\npods\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
    expect(list.stdout).toMatch(/\n\*\.networking\.istio\.io\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
    expect(list.stdout).not.toMatch(/update/);
  });

  it('the static tokens keep their rights: the editor anything, the viewer only reading and no impersonation', async () => {
    expect(await canI(east, 'create', 'virtualservices', '-n', 'bookinfo')).toBe('yes');
    expect(await canI(east, 'impersonate', 'users', '-A')).toBe('yes');
    expect(await canI(east, 'create', 'subjectaccessreviews', '-A')).toBe('yes');
    expect(await canI(east, '--context', 'viewer', 'create', 'virtualservices', '-n', 'bookinfo')).toBe('no');
    expect(await canI(east, '--context', 'viewer', 'list', 'secrets', '-A')).toBe('yes');
    const refused = await east('--context', 'viewer', 'get', 'vs', '-n', 'bookinfo', '--as', 'alice');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('users "alice" is forbidden: User "demo-viewer" cannot impersonate resource "users" in API group "" at the cluster scope');
  });

  it('kubectl auth whoami names the impersonated user and every repeated --as-group', async () => {
    const r = await east('auth', 'whoami', '--as', 'dave', '--as-group', 'qa', '--as-group', 'bookinfo-editors');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Username\s+dave\n/);
    expect(r.stdout).toMatch(/Groups\s+\[qa bookinfo-editors system:authenticated\]\n/);
    expect(await canI(east, 'update', 'vs', '-n', 'bookinfo', '--as', 'dave', '--as-group', 'bookinfo-editors')).toBe('yes');
  });
});

describe('kubectl as alice', () => {
  it('reads VirtualServices in bookinfo on both clusters and may not delete one on ap-south', async () => {
    for (const k of [east, south]) {
      const r = await k('--as', 'alice', 'get', 'vs', '-n', 'bookinfo');
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/\nreviews\s+\["reviews"\]/);
    }
    const refused = await south('--as', 'alice', 'delete', 'vs', 'reviews', '-n', 'bookinfo');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim()).toBe(
      'Error from server (Forbidden): virtualservices.networking.istio.io "reviews" is forbidden: User "alice" cannot delete resource "virtualservices" in API group "networking.istio.io" in the namespace "bookinfo"',
    );
    expect(apSouth.store.get('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'reviews')).toBeDefined();
    const other = await east('--as', 'alice', 'get', 'pods', '-n', 'default');
    expect(other.stderr).toContain('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"');
  });
});

describe('RBAC objects with kubectl', () => {
  it('gets cluster roles and bindings with the API server columns', async () => {
    const roles = await east('get', 'clusterroles');
    expect(roles.stdout).toMatch(/^NAME\s+CREATED AT\n/);
    expect(roles.stdout).toMatch(/\ncluster-admin\s+\d{4}-\d\d-\d\dT/);
    expect(roles.stdout).toMatch(/\nmesh-config-editor\s+/);
    const bindings = await east('get', 'rolebindings', '-n', 'bookinfo', '-o', 'wide');
    expect(bindings.stdout).toMatch(/^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\n/);
    expect(bindings.stdout).toMatch(/\nbookinfo-editors-mesh-config\s+ClusterRole\/mesh-config-editor\s+\S+\s+alice\s+bookinfo-editors/);
  });

  it('applies a Role and RoleBinding from a manifest; the grant counts at once and goes with delete', async () => {
    const file = join(usEast.dir, 'role.yaml');
    await writeFile(file, `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: vs-editor, namespace: bookinfo}
rules:
- apiGroups: [networking.istio.io]
  resources: [virtualservices]
  verbs: [get, update, patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: bob-vs-editor, namespace: bookinfo}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: vs-editor}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: bob}
`);
    const applied = await east('apply', '-f', file);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toBe('role.rbac.authorization.k8s.io/vs-editor created\nrolebinding.rbac.authorization.k8s.io/bob-vs-editor created\n');
    expect(await canI(east, 'update', 'vs', '-n', 'bookinfo', '--as', 'bob')).toBe('yes');
    expect(await canI(east, 'delete', 'vs', '-n', 'bookinfo', '--as', 'bob')).toBe('no');
    expect((await east('apply', '-f', file)).stdout).toContain('role.rbac.authorization.k8s.io/vs-editor unchanged');
    expect((await east('delete', '-f', file)).code).toBe(0);
    expect(await canI(east, 'update', 'vs', '-n', 'bookinfo', '--as', 'bob')).toBe('no');
  });

  it('kubectl create rolebinding (a protobuf body) changes can-i answers live', async () => {
    expect(await canI(east, 'list', 'pods', '-n', 'default', '--as', 'bob')).toBe('no');
    const created = await east('create', 'rolebinding', 'bob-view', '--clusterrole=view', '--user=bob', '-n', 'default');
    expect(created.stdout.trim()).toBe('rolebinding.rbac.authorization.k8s.io/bob-view created');
    expect(await canI(east, 'list', 'pods', '-n', 'default', '--as', 'bob')).toBe('yes');
    expect((await east('delete', 'rolebinding', 'bob-view', '-n', 'default')).code).toBe(0);
    expect(await canI(east, 'list', 'pods', '-n', 'default', '--as', 'bob')).toBe('no');
    const role = await east('create', 'clusterrole', 'pod-reader', '--verb=get,list', '--resource=pods');
    expect(role.stdout.trim()).toBe('clusterrole.rbac.authorization.k8s.io/pod-reader created');
    expect(usEast.store.get('rbac.authorization.k8s.io/v1', 'ClusterRole', undefined, 'pod-reader')?.rules).toEqual([{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]);
  });
});
