import 'server-only';
import type { K8sObject } from '@/lib/inventory/types';

// Pods and namespaces as the injection webhook and the checks see them.

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

export function hasProxy(pod: K8sObject): boolean {
  const containers = (pod.spec?.containers ?? []) as { name?: string }[];
  return containers.some((c) => c.name === 'istio-proxy');
}

export function isAmbientPod(pod: K8sObject): boolean {
  return pod.metadata.annotations?.['ambient.istio.io/redirection'] === 'enabled';
}

export function injectOptOut(meta: { labels?: Labels; annotations?: Labels } | undefined): boolean {
  const v = meta?.labels?.['sidecar.istio.io/inject'] ?? meta?.annotations?.['sidecar.istio.io/inject'];
  return v?.toLowerCase() === 'false';
}

export type InjectionMode = 'sidecar' | 'ambient' | 'disabled' | 'unlabeled';

/** How a namespace's pods join the mesh, from its labels (istio-injection, istio.io/rev, dataplane mode). */
export function namespaceMode(ns: K8sObject | undefined): InjectionMode {
  const labels = ns?.metadata.labels ?? {};
  const legacy = labels['istio-injection'];
  if (legacy === 'enabled' || (legacy === undefined && labels['istio.io/rev'] !== undefined)) return 'sidecar';
  if (labels['istio.io/dataplane-mode'] === 'ambient') return 'ambient';
  if (legacy !== undefined) return 'disabled';
  return 'unlabeled';
}

/** Whether a pod is part of the mesh: it runs a proxy, is captured by ambient, or its namespace injects it. */
export function podInMesh(pod: K8sObject, ns: K8sObject | undefined): boolean {
  if (hasProxy(pod) || isAmbientPod(pod) || pod.metadata.annotations?.['sidecar.istio.io/status']) return true;
  const mode = namespaceMode(ns);
  if (mode === 'ambient') return true;
  return mode === 'sidecar' && !injectOptOut(pod.metadata);
}
