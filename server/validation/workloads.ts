import 'server-only';
import type { K8sObject } from '@/lib/inventory/types';
import { namespaceInjection, sidecarInjected, SIDECAR_STATUS_ANNOTATION } from '@/lib/mesh-rules/injection';
import { hasProxy, isAmbientPod } from '@/lib/mesh-rules/proxy';

// Label selectors and mesh membership of pods as the checks see them (the injection and proxy rules
// are lib/mesh-rules/injection.ts and proxy.ts).

export type Labels = Record<string, string>;

/** A label selector as a map (matchLabels): every key must be present with the value. Empty matches all. */
export function selects(selector: Labels | undefined, labels: Labels | undefined): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function selectorString(selector: Labels | undefined): string {
  return Object.entries(selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

const TOPOLOGY_PREFIXES = ['topology.kubernetes.io/', 'topology.istio.io/', 'failure-domain.beta.kubernetes.io/'];

/** Labels Istio adds to a workload from its node or network (a subset may select on them); pods do not carry them. */
export function isTopologyLabel(key: string): boolean {
  return key === 'kubernetes.io/hostname' || TOPOLOGY_PREFIXES.some((p) => key.startsWith(p));
}

/** Whether a pod is part of the mesh: it runs a proxy (or was injected), is captured by ambient, or the injector gives it a sidecar. */
export function podInMesh(pod: K8sObject, ns: K8sObject | undefined): boolean {
  if (hasProxy(pod) || isAmbientPod(pod) || pod.metadata.annotations?.[SIDECAR_STATUS_ANNOTATION]) return true;
  const labels = ns?.metadata.labels;
  return namespaceInjection(labels) === 'ambient' || sidecarInjected(labels, pod.metadata);
}
