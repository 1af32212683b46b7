import 'server-only';
import type { ClusterStore } from '../kube';
import { meshConfigGroups } from '../kube/rbac/bootstrap';
import type { DemoClusterName, KubeObject } from '../types';
import { DEMO_GROUPS, DEMO_USERS } from './users';

// What the demo users may do in each cluster, as RBAC objects seeded into the cluster's store
// (editable with kubectl like any others). Each binding names a group of the ID tokens and, as
// Users, that group's members (no prefixes): the group serves an ID token or `--as-group`, the
// user names serve `kubectl --as alice` and impersonation by user name alone, which carry no groups.
//   bookinfo-editors (alice): `view` in bookinfo everywhere, and `mesh-config-editor` (write Istio
//     and MCS config) in bookinfo on us-east and eu-west only: on ap-south she reads it.
//   mesh-viewers (bob): `view` in bookinfo and mcs-demo.
//   mesh-admins (carol): cluster-admin.
// `view` (rbac/bootstrap.ts) reads pods, services, endpoints, endpointslices, events, config maps,
// workloads and Istio/MCS config of the namespace, and the Namespace object itself (a RoleBinding
// in bookinfo lets `get namespaces/bookinfo`); it never lists namespaces: as on a real cluster, a
// namespace-scoped user cannot list them (`kubectl get ns` is Forbidden for alice and bob).

const RBAC = 'rbac.authorization.k8s.io';
const API_VERSION = `${RBAC}/v1`;
const LABELS = { 'app.kubernetes.io/part-of': 'meridian-demo' };

/** Clusters where bookinfo-editors may change Istio config in bookinfo. */
export const BOOKINFO_EDIT_CLUSTERS: readonly DemoClusterName[] = ['us-east', 'eu-west'];

const meshConfigEditor = (): KubeObject => ({
  apiVersion: API_VERSION,
  kind: 'ClusterRole',
  metadata: { name: 'mesh-config-editor', labels: LABELS },
  rules: [{ apiGroups: meshConfigGroups(), resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] }],
});

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, role: string, group: string, namespace?: string): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), labels: LABELS },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
    subjects: [
      { kind: 'Group', apiGroup: RBAC, name: group },
      ...DEMO_USERS.filter((u) => u.groups.includes(group)).map((u) => ({ kind: 'User', apiGroup: RBAC, name: u.name })),
    ],
  };
}

/** The demo users' RBAC objects of one cluster, for the namespaces it has. */
export function demoGrants(cluster: DemoClusterName, hasNamespace: (ns: string) => boolean): KubeObject[] {
  const out: KubeObject[] = [meshConfigEditor(), binding('ClusterRoleBinding', 'mesh-admins', 'cluster-admin', DEMO_GROUPS.meshAdmins)];
  if (hasNamespace('bookinfo')) {
    out.push(binding('RoleBinding', 'bookinfo-editors-view', 'view', DEMO_GROUPS.bookinfoEditors, 'bookinfo'));
    if (BOOKINFO_EDIT_CLUSTERS.includes(cluster)) {
      out.push(binding('RoleBinding', 'bookinfo-editors-mesh-config', 'mesh-config-editor', DEMO_GROUPS.bookinfoEditors, 'bookinfo'));
    }
  }
  for (const ns of ['bookinfo', 'mcs-demo']) {
    if (hasNamespace(ns)) out.push(binding('RoleBinding', 'mesh-viewers-view', 'view', DEMO_GROUPS.meshViewers, ns));
  }
  return out;
}

/**
 * Seeds the demo grants into a store that has no RBAC objects yet (a new cluster, or a state saved
 * before the demo had RBAC). A cluster that has RBAC keeps what it has: grants deleted with kubectl
 * stay deleted. Returns whether it seeded.
 */
export function seedDemoGrants(store: ClusterStore): boolean {
  if (store.list(API_VERSION, 'ClusterRole').length > 0) return false;
  const hasNamespace = (ns: string) => store.get('v1', 'Namespace', undefined, ns) !== undefined;
  for (const obj of demoGrants(store.cluster, hasNamespace)) store.create(obj);
  return true;
}
