import 'server-only';
import { GKE_MCS_GROUP, ISTIO_KIND_LIST, MCS_GROUP, MESH_CLOUD_GROUP, NETWORKING_GROUP, SECURITY_GROUP } from '@/lib/istio/kinds';
import type { DemoFlavor } from '../types';

// The resource registry of the demo API server: which kinds exist, under which group/version and
// plural, whether they are namespaced, and the discovery metadata kubectl uses (short names,
// categories, verbs). The names and short names are the real ones of Kubernetes; the Istio and MCS
// kinds are the registry's (lib/istio/kinds.ts), so every kind Meridian knows is served — by the
// flavour it belongs to: the upstream MCS group in the default flavour, GKE's groups (net.gke.io,
// mesh.cloud.google.com) in the gke flavour (a GKE cluster serves GKE's MCS API, not the upstream
// one). The demo process serves one flavour (serveFlavor, set once at start).

export interface ResourceDef {
  /** '' for the core group. */
  group: string;
  version: string;
  /** The plural resource name used in URLs, e.g. 'virtualservices'. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Served subresources: only `scale` (of Deployments and ReplicaSets, for kubectl scale). */
  scalable?: boolean;
  /** A review kind (SelfSubjectAccessReview...): created and answered at once, never stored. */
  review?: boolean;
  /**
   * The model its bodies are decoded and checked with (`schema/`): a class of client-node's
   * generated models for built-in kinds, a CRD model for custom resources other than Istio/MCS.
   */
  model?: string;
}

/** Groups of built-in kinds: their bodies are decoded with client-node's models of the same name. */
const BUILTIN_GROUPS = new Set(['', 'apps', 'discovery.k8s.io', 'events.k8s.io', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io']);

/** `V1Deployment`; the two Events are `CoreV1Event` and `EventsV1Event` there; CRDs in `schema/crds.ts`. */
function modelOf(group: string, version: string, kind: string, review: boolean): string | undefined {
  if (review) return undefined;
  if (group === 'monitoring.coreos.com') return `MonitoringV1${kind}`;
  if (!BUILTIN_GROUPS.has(group)) return undefined;
  const v = version.charAt(0).toUpperCase() + version.slice(1);
  if (kind === 'Event') return `${group === '' ? 'Core' : 'Events'}${v}${kind}`;
  return `${v}${kind}`;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Kinds with a /scale subresource (autoscaling/v1 Scale). */
const SCALABLE = new Set(['apps/Deployment', 'apps/ReplicaSet']);

type Row = [plural: string, kind: string, namespaced: boolean, shortNames: string[], categories?: string[]];

function defs(group: string, version: string, rows: Row[], verbs = ALL_VERBS): ResourceDef[] {
  const review = verbs.length === 1 && verbs[0] === 'create';
  return rows.map(([plural, kind, namespaced, shortNames, categories]): ResourceDef => {
    const model = modelOf(group, version, kind, review);
    return {
      group,
      version,
      plural,
      singular: kind.toLowerCase(),
      kind,
      namespaced,
      shortNames,
      categories: categories ?? [],
      verbs,
      ...(SCALABLE.has(`${group}/${kind}`) ? { scalable: true } : {}),
      ...(review ? { review: true } : {}),
      ...(model ? { model } : {}),
    };
  });
}

/** kubectl categories of the Istio CRDs (`kubectl get istio-io`). */
const CATEGORIES: Record<string, string[]> = {
  [NETWORKING_GROUP]: ['istio-io', 'networking-istio-io'],
  [SECURITY_GROUP]: ['istio-io', 'security-istio-io'],
  [MCS_GROUP]: [],
  [GKE_MCS_GROUP]: [],
  [MESH_CLOUD_GROUP]: [],
};

/** The groups one flavour serves and the other does not; every other group is served by both. */
const FLAVOR_GROUPS: Readonly<Record<string, DemoFlavor>> = { [MCS_GROUP]: 'default', [GKE_MCS_GROUP]: 'gke', [MESH_CLOUD_GROUP]: 'gke' };

const ALL_RESOURCES: readonly ResourceDef[] = [
  ...defs('', 'v1', [
    ['namespaces', 'Namespace', false, ['ns']],
    ['pods', 'Pod', true, ['po'], ['all']],
    ['services', 'Service', true, ['svc'], ['all']],
    ['endpoints', 'Endpoints', true, ['ep']],
    ['events', 'Event', true, ['ev']],
    ['configmaps', 'ConfigMap', true, ['cm']],
    ['secrets', 'Secret', true, []],
    ['serviceaccounts', 'ServiceAccount', true, ['sa']],
    ['nodes', 'Node', false, ['no']],
  ]),
  ...defs('apps', 'v1', [
    ['deployments', 'Deployment', true, ['deploy'], ['all']],
    ['replicasets', 'ReplicaSet', true, ['rs'], ['all']],
  ]),
  ...defs('discovery.k8s.io', 'v1', [['endpointslices', 'EndpointSlice', true, []]]),
  ...defs('policy', 'v1', [['poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb']]]),
  ...defs('networking.k8s.io', 'v1', [
    ['ingressclasses', 'IngressClass', false, []],
    ['ingresses', 'Ingress', true, ['ing']],
    ['networkpolicies', 'NetworkPolicy', true, ['netpol']],
  ]),
  ...defs('events.k8s.io', 'v1', [['events', 'Event', true, ['ev']]]),
  ...ISTIO_KIND_LIST.flatMap((k) => defs(k.group, k.version, [[k.plural, k.kind, k.namespaced, [...k.shortNames], CATEGORIES[k.group]]])),
  // The Prometheus Operator's CRD (schema/crds.ts), so that an install's ServiceMonitor applies.
  ...defs('monitoring.coreos.com', 'v1', [['servicemonitors', 'ServiceMonitor', true, ['smon'], ['prometheus-operator']]]),
  ...defs('rbac.authorization.k8s.io', 'v1', [
    ['clusterrolebindings', 'ClusterRoleBinding', false, []],
    ['clusterroles', 'ClusterRole', false, []],
    ['rolebindings', 'RoleBinding', true, []],
    ['roles', 'Role', true, []],
  ]),
  ...defs('authentication.k8s.io', 'v1', [
    ['selfsubjectreviews', 'SelfSubjectReview', false, []],
    ['tokenreviews', 'TokenReview', false, []],
  ], ['create']),
  ...defs('authorization.k8s.io', 'v1', [
    ['localsubjectaccessreviews', 'LocalSubjectAccessReview', true, []],
    ['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, []],
    ['selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, []],
    ['subjectaccessreviews', 'SubjectAccessReview', false, []],
  ], ['create']),
];

let flavor: DemoFlavor = 'default';
const served = new Map<DemoFlavor, readonly ResourceDef[]>();

/** Which flavour's resources this process serves (main.ts, once, before any store or server is made). */
export function serveFlavor(f: DemoFlavor): void {
  flavor = f;
}

export function servedFlavor(): DemoFlavor {
  return flavor;
}

/** Whether an API group is served by the current flavour. */
export function servesGroup(group: string): boolean {
  return (FLAVOR_GROUPS[group] ?? flavor) === flavor;
}

/** The resources the API servers serve in this process's flavour. */
export function servedResources(): readonly ResourceDef[] {
  let list = served.get(flavor);
  if (!list) served.set(flavor, (list = ALL_RESOURCES.filter((r) => servesGroup(r.group))));
  return list;
}

export function apiVersionOf(def: ResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export function findResource(group: string, version: string, plural: string): ResourceDef | undefined {
  return servedResources().find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function findKind(apiVersion: string, kind: string): ResourceDef | undefined {
  return servedResources().find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
}

/** The groups in the order they were registered, each with its versions. */
export function groupVersions(): { group: string; versions: string[] }[] {
  const out: { group: string; versions: string[] }[] = [];
  for (const r of servedResources()) {
    let g = out.find((x) => x.group === r.group);
    if (!g) out.push((g = { group: r.group, versions: [] }));
    if (!g.versions.includes(r.version)) g.versions.push(r.version);
  }
  return out;
}

/** Whether the Istio/MCS validation applies to this kind. */
export function isMeshKind(def: ResourceDef): boolean {
  return def.group.endsWith('istio.io') || [MCS_GROUP, GKE_MCS_GROUP, MESH_CLOUD_GROUP].includes(def.group);
}
