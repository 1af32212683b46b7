import 'server-only';
import { DEMO_CLUSTERS, SIM_ANNOTATIONS, type ClusterStoreView, type DemoCall, type DemoClusterName, type KubeObject, type StoreChange } from '../types';

// Test helpers: a fake ClusterStoreView over arrays of objects, builders of the few kinds the
// simulation reads, and a tiny parser of Prometheus text to check what was emitted.

export class FakeStore implements ClusterStoreView {
  private objects: KubeObject[];
  private readonly listeners = new Set<(change: StoreChange) => void>();

  constructor(readonly cluster: DemoClusterName, objects: KubeObject[] = []) {
    this.objects = [...objects];
  }

  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    return this.objects.filter(
      (o) => o.apiVersion === apiVersion && o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace),
    );
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Adds or replaces (same apiVersion, kind, namespace, name) objects and tells the listeners. */
  put(...objects: KubeObject[]): void {
    for (const obj of objects) {
      const same = (o: KubeObject) =>
        o.apiVersion === obj.apiVersion && o.kind === obj.kind && o.metadata.namespace === obj.metadata.namespace && o.metadata.name === obj.metadata.name;
      const existed = this.objects.some(same);
      this.objects = [...this.objects.filter((o) => !same(o)), obj];
      for (const l of this.listeners) l({ type: existed ? 'MODIFIED' : 'ADDED', object: obj });
    }
  }
}

export function fakeViews(objects: Partial<Record<DemoClusterName, KubeObject[]>>): Record<DemoClusterName, FakeStore> {
  return Object.fromEntries(DEMO_CLUSTERS.map((c) => [c, new FakeStore(c, objects[c] ?? [])])) as Record<DemoClusterName, FakeStore>;
}

export interface WorkloadSpec {
  namespace: string;
  name: string;
  app?: string;
  version?: string;
  replicas?: number;
  injected?: boolean;
  serviceAccount?: string;
  calls?: DemoCall[];
  entryRps?: number;
  latencyMs?: number;
  errorRate?: number;
  annotations?: Record<string, string>;
}

/** A Deployment with its (ready) pods. */
export function workload(spec: WorkloadSpec): KubeObject[] {
  const app = spec.app ?? spec.name;
  const labels = { app, ...(spec.version ? { version: spec.version } : {}) };
  const annotations: Record<string, string> = { ...spec.annotations };
  if (spec.calls) annotations[SIM_ANNOTATIONS.calls] = JSON.stringify(spec.calls);
  if (spec.entryRps !== undefined) annotations[SIM_ANNOTATIONS.entryRps] = String(spec.entryRps);
  if (spec.latencyMs !== undefined) annotations[SIM_ANNOTATIONS.latencyMs] = String(spec.latencyMs);
  if (spec.errorRate !== undefined) annotations[SIM_ANNOTATIONS.errorRate] = String(spec.errorRate);
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace: spec.namespace, labels, annotations },
    spec: { replicas: spec.replicas ?? 1, selector: { matchLabels: labels }, template: { metadata: { labels } } },
  };
  const containers = [{ name: app }, ...(spec.injected === false ? [] : [{ name: 'istio-proxy' }])];
  const pods = Array.from({ length: spec.replicas ?? 1 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${spec.name}-${i}`, namespace: spec.namespace, labels },
    spec: { serviceAccountName: spec.serviceAccount ?? app, containers },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  }));
  return [deployment, ...pods];
}

export const service = (namespace: string, name: string, selector: Record<string, string> = { app: name }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector, ports: [{ port: 9080 }] },
});

export const serviceExport = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'multicluster.x-k8s.io/v1alpha1',
  kind: 'ServiceExport',
  metadata: { name, namespace },
});

export const istio = (kind: string, namespace: string, name: string, spec: unknown, creationTimestamp = '2024-01-01T00:00:00Z'): KubeObject => ({
  apiVersion: kind === 'PeerAuthentication' ? 'security.istio.io/v1' : 'networking.istio.io/v1',
  kind,
  metadata: { name, namespace, creationTimestamp },
  spec,
});

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition (enough for prom-client's output). */
export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparseable metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] ?? ''] = l[2] ?? '';
    samples.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return samples;
}

/** Sum of the samples of a metric whose labels include `match`. */
export function total(samples: Sample[], name: string, match: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
