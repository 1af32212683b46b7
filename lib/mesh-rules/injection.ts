// Whether Istio's injector gives a new pod a sidecar: the namespace's labels and the pod's own
// label, as the sidecar injector's webhooks select them. The one definition used by the graph
// (workloads without pods), validation (pod-missing-proxy, ns-not-injected, the mesh-membership of
// pods and Deployments) and anything that asks whether a namespace is in the mesh.
import { at, strMap, type StringMap } from './spec';

/** `enabled` or `disabled` on a namespace (the default revision's switch). */
export const INJECTION_LABEL = 'istio-injection';
/** The control-plane revision a namespace (or pod) is injected by. */
export const REVISION_LABEL = 'istio.io/rev';
/** `ambient` on a namespace (or pod): ztunnel captures its traffic, no sidecar. */
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
/** A pod's own choice (label; the annotation of the same name is its older form). */
export const INJECT_LABEL = 'sidecar.istio.io/inject';
/** What the injector writes on a pod it injected. */
export const SIDECAR_STATUS_ANNOTATION = 'sidecar.istio.io/status';

/**
 * Cloud Service Mesh's managed control plane revisions (GKE): `asm-managed` (regular channel),
 * `asm-managed-rapid`, `asm-managed-stable`. A namespace labelled `istio.io/rev=<one of them>` is
 * injected by Google's managed injector: no istiod Deployment runs in the cluster for it, a
 * ControlPlaneRevision of that name (mesh.cloud.google.com) stands for it.
 */
export const MANAGED_REVISIONS = ['asm-managed', 'asm-managed-rapid', 'asm-managed-stable'] as const;

/** Whether a revision name is a Cloud Service Mesh managed revision. */
export function isManagedRevision(revision: string | undefined): boolean {
  return revision !== undefined && (MANAGED_REVISIONS as readonly string[]).includes(revision);
}

/** The release channel a managed revision follows (asm-managed is `regular`). */
export function managedChannel(revision: string): 'regular' | 'rapid' | 'stable' | undefined {
  if (!isManagedRevision(revision)) return undefined;
  return revision === 'asm-managed-rapid' ? 'rapid' : revision === 'asm-managed-stable' ? 'stable' : 'regular';
}

/** The control-plane revision a namespace's labels ask for: istio.io/rev, else `default` for istio-injection=enabled. */
export function namespaceRevision(labels: Readonly<StringMap> | undefined): string | undefined {
  const l = labels ?? {};
  if (namespaceInjection(l) !== 'sidecar') return undefined;
  return l[REVISION_LABEL] ?? 'default';
}

/**
 * How a namespace's new pods join the mesh:
 *  - `sidecar`: `istio-injection=enabled`, or an `istio.io/rev` label without `istio-injection`;
 *  - `ambient`: `istio.io/dataplane-mode=ambient` (and no sidecar injection);
 *  - `disabled`: `istio-injection` set to anything but `enabled` (it wins over a revision label);
 *  - `unlabeled`: none of them (the default: no injection, unless a pod asks for it).
 */
export type NamespaceInjection = 'sidecar' | 'ambient' | 'disabled' | 'unlabeled';

export function namespaceInjection(labels: Readonly<StringMap> | undefined): NamespaceInjection {
  const l = labels ?? {};
  const legacy = l[INJECTION_LABEL];
  if (legacy === 'enabled' || (legacy === undefined && l[REVISION_LABEL] !== undefined)) return 'sidecar';
  if (l[DATAPLANE_MODE_LABEL] === 'ambient') return 'ambient';
  if (legacy !== undefined) return 'disabled';
  return 'unlabeled';
}

export interface PodMeta {
  labels?: Readonly<StringMap>;
  annotations?: Readonly<StringMap>;
}

/** The labels and annotations of an untyped metadata (a pod template's, say). */
export function podMetaOf(metadata: unknown): PodMeta {
  return { labels: strMap(at(metadata, 'labels')), annotations: strMap(at(metadata, 'annotations')) };
}

const YES = new Set(['y', 'yes', 'true', 'on']);

/**
 * A pod's own injection choice, as the injector reads it: the `sidecar.istio.io/inject` label, else
 * the annotation; y/yes/true/on is true, another non-empty value false, absent or empty undefined.
 */
export function podInjection(pod: PodMeta | undefined): boolean | undefined {
  const v = pod?.labels?.[INJECT_LABEL] ?? pod?.annotations?.[INJECT_LABEL];
  if (v === undefined || v === '') return undefined;
  return YES.has(v.toLowerCase());
}

/**
 * Whether a new pod (or a Deployment's pod template) gets a sidecar: a pod that says no never does;
 * an injecting namespace injects; `istio-injection` other than `enabled` wins over everything; in a
 * namespace with neither label the default webhook's object selector injects a pod labelled
 * `sidecar.istio.io/inject=true`. (A revision's object selector also takes pods labelled
 * `istio.io/rev`; that is left out because control-plane pods carry the label and are not injected.)
 */
export function sidecarInjected(namespaceLabels: Readonly<StringMap> | undefined, pod: PodMeta | undefined): boolean {
  if (podInjection(pod) === false) return false;
  const ns = namespaceLabels ?? {};
  const legacy = ns[INJECTION_LABEL];
  if (legacy !== undefined) return legacy === 'enabled';
  if (ns[REVISION_LABEL] !== undefined) return true;
  return pod?.labels?.[INJECT_LABEL] === 'true';
}

/** Whether a Deployment is an istiod (label app=istiod or istio=pilot). */
export function isIstiodDeployment(labels: Readonly<StringMap> | undefined): boolean {
  return labels?.app === 'istiod' || labels?.istio === 'pilot';
}

/**
 * The control-plane revisions a cluster provides: its istiod Deployments' istio.io/rev (`default`
 * when absent) and its managed revisions (ControlPlaneRevision names, Cloud Service Mesh).
 */
export function providedRevisions(deployments: readonly { metadata: { labels?: StringMap } }[], controlPlaneRevisions: readonly { metadata: { name: string } }[]): Set<string> {
  const out = new Set<string>();
  for (const d of deployments) if (isIstiodDeployment(d.metadata.labels)) out.add(d.metadata.labels?.[REVISION_LABEL] ?? 'default');
  for (const c of controlPlaneRevisions) out.add(c.metadata.name);
  return out;
}
