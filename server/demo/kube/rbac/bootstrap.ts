import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { ISTIO_KIND_LIST } from '@/lib/istio/kinds';
import { servesGroup } from '../resources';
import type { KubeObject } from '../../types';
import type { ClusterStore } from '../store';
import { ALL_AUTHENTICATED, RBAC_API_VERSION, RBAC_GROUP, type PolicyRule, type Subject } from './types';

// The bootstrap RBAC policy every demo cluster starts with, reconciled into the store when its API
// server is created, as kube-apiserver's rbac/bootstrap-roles hook does: missing objects are
// created, and objects annotated autoupdate=true get the bootstrap rules and subjects they lack
// (what an admin added is kept). The roles are the well-known ones (cluster-admin, admin, edit,
// view, system:discovery, system:basic-user) written for the kinds this server serves; Istio's
// and MCS's aggregated view/edit rules are folded into view/edit (no aggregation here).
// The static demo tokens are bound like any user: demo-editor to cluster-admin (so it may also
// impersonate and create SubjectAccessReviews), demo-viewer to cluster-reader (read everything).

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
/**
 * The API groups of Istio and MCS config this flavour serves, which `view` reads and `edit` writes
 * (from the one kind list, lib/istio/kinds.ts; the gke flavour's GKE groups instead of the upstream MCS one).
 */
export function meshConfigGroups(): string[] {
  return [...new Set(ISTIO_KIND_LIST.map((k) => k.group))].filter(servesGroup);
}

const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({ apiGroups, resources, verbs });

/** What `view` lets a user read: no secrets, as in Kubernetes. */
const viewRules = (): PolicyRule[] => [
  rule([''], ['pods', 'pods/status', 'services', 'services/status', 'endpoints', 'events', 'configmaps', 'serviceaccounts', 'namespaces', 'namespaces/status'], READ),
  rule(['apps'], ['deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status'], READ),
  rule(['discovery.k8s.io'], ['endpointslices'], READ),
  rule(['events.k8s.io'], ['events'], READ),
  rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
  rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
  rule(meshConfigGroups(), ['*'], READ),
];

const editRules = (): PolicyRule[] => [
  rule([''], ['pods', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts'], WRITE),
  rule([''], ['secrets'], READ),
  rule(['apps'], ['deployments', 'deployments/scale', 'replicasets', 'replicasets/scale'], WRITE),
  rule(['policy'], ['poddisruptionbudgets'], WRITE),
  rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
  rule(meshConfigGroups(), ['*'], WRITE),
  ...viewRules(),
];

const adminRules = (): PolicyRule[] => [
  rule([RBAC_GROUP], ['roles', 'rolebindings'], [...READ, ...WRITE]),
  rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
  ...editRules(),
];

const clusterRoles = (): Record<string, PolicyRule[]> => ({
  'cluster-admin': [rule(['*'], ['*'], ['*']), { nonResourceURLs: ['*'], verbs: ['*'] }],
  'cluster-reader': [rule(['*'], ['*'], READ), { nonResourceURLs: ['*'], verbs: ['get'] }],
  admin: adminRules(),
  edit: editRules(),
  view: viewRules(),
  'system:discovery': [
    { nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/openapi', '/openapi/*', '/version', '/version/'], verbs: ['get'] },
  ],
  'system:basic-user': [
    rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
    rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
  ],
});

const group = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });
const user = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name });

const CLUSTER_ROLE_BINDINGS: { name: string; role: string; subjects: Subject[] }[] = [
  { name: 'cluster-admin', role: 'cluster-admin', subjects: [group('system:masters')] },
  { name: 'system:discovery', role: 'system:discovery', subjects: [group(ALL_AUTHENTICATED)] },
  { name: 'system:basic-user', role: 'system:basic-user', subjects: [group(ALL_AUTHENTICATED)] },
  { name: 'demo:editor', role: 'cluster-admin', subjects: [user('demo-editor')] },
  { name: 'demo:viewer', role: 'cluster-reader', subjects: [user('demo-viewer')] },
];

const META = {
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
};

export function bootstrapPolicy(): KubeObject[] {
  return [
    ...Object.entries(clusterRoles()).map(([name, rules]) => ({ apiVersion: RBAC_API_VERSION, kind: 'ClusterRole', metadata: { name, ...META }, rules })),
    ...CLUSTER_ROLE_BINDINGS.map((b) => ({
      apiVersion: RBAC_API_VERSION,
      kind: 'ClusterRoleBinding',
      metadata: { name: b.name, ...META },
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: b.role },
      subjects: b.subjects,
    })),
  ];
}

/** `current`'s list with the wanted entries it lacks appended. */
function union<T>(current: unknown, wanted: T[]): T[] {
  const have = Array.isArray(current) ? (current as T[]) : [];
  return [...have, ...wanted.filter((w) => !have.some((h) => isDeepStrictEqual(h, w)))];
}

/** Creates missing bootstrap objects and completes auto-updated ones. Returns how many changed. */
export function reconcileBootstrapPolicy(store: ClusterStore): number {
  let changed = 0;
  for (const obj of bootstrapPolicy()) {
    const current = store.get(obj.apiVersion, obj.kind, undefined, obj.metadata.name);
    if (!current) {
      store.create(obj);
      changed++;
      continue;
    }
    if (current.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] !== 'true') continue;
    const field = obj.kind === 'ClusterRole' ? 'rules' : 'subjects';
    const merged = union(current[field], obj[field] as unknown[]);
    if (merged.length === (Array.isArray(current[field]) ? (current[field] as unknown[]).length : -1)) continue;
    store.replace({ ...current, [field]: merged });
    changed++;
  }
  return changed;
}
