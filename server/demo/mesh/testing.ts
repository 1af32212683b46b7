import 'server-only';
import { DEMO_CLUSTERS, SIM_ANNOTATIONS, type DemoCall, type DemoClusterName, type KubeObject } from '../types';
import { seedCluster, type SeedOptions } from './seed';

// Helpers for tests over seeded content (used by this folder's tests and by istiod's).

export type Seeds = Record<DemoClusterName, KubeObject[]>;

export function seedAll(opts?: SeedOptions): Seeds {
  return Object.fromEntries(DEMO_CLUSTERS.map((c) => [c, seedCluster(c, opts)])) as Seeds;
}

export function ofKind(objects: readonly KubeObject[], kind: string, namespace?: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace));
}

export function find(objects: readonly KubeObject[], kind: string, namespace: string, name: string): KubeObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
}

export function containerNames(pod: KubeObject): string[] {
  const spec = pod.spec as { containers?: { name: string }[] } | undefined;
  return (spec?.containers ?? []).map((c) => c.name);
}

export function callsOf(deployment: KubeObject): DemoCall[] {
  const raw = deployment.metadata.annotations?.[SIM_ANNOTATIONS.calls];
  return raw ? (JSON.parse(raw) as DemoCall[]) : [];
}

/** `{ apiVersion, kind }` pairs to `list()` a seed like the demo store does. */
export function listFrom(objects: readonly KubeObject[]) {
  return (apiVersion: string, kind: string, namespace?: string): KubeObject[] =>
    objects.filter((o) => o.apiVersion === apiVersion && o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace));
}
