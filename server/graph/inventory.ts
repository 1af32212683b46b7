import 'server-only';
import type { ClusterSnapshot, InventorySnapshot, K8sObject } from '@/lib/inventory/types';
import { HostIndex, serviceFqdn } from '@/lib/mesh-rules/hosts';
import { podMetaOf, sidecarInjected } from '@/lib/mesh-rules/injection';
import { derivedServices, mcsExports, mcsImports, type DerivedServices } from '@/lib/mesh-rules/mcs';
import { hasProxy } from '@/lib/mesh-rules/proxy';
import { readyEndpoints, SERVICE_NAME_LABEL } from '@/lib/mesh-rules/service';
import { arr, at, rec, str, strs, type StringMap } from '@/lib/mesh-rules/spec';

/**
 * The inventory indexed once per graph build: every lookup the appenders make is a Map get by
 * (cluster, namespace, name), never a scan. Keys are `<cluster>/<namespace>/<name>` (names cannot
 * contain '/').
 */

export const key3 = (cluster: string, ns: string, name: string) => `${cluster}/${ns}/${name}`;
export const key2 = (a: string, b: string) => `${a}/${b}`;

export interface WorkloadInfo {
  cluster: string;
  namespace: string;
  name: string;
  /** Canonical service (what telemetry calls the app). */
  app: string;
  /** Canonical revision. */
  version: string;
  /** Every pod has the proxy (lib/mesh-rules/proxy.ts: a sidecar, native or not), or, with no pods, the injector would give it one. */
  hasSidecar: boolean;
  /** Ready pods: the Deployment's status, else the count of its ready pods. */
  readyPods: number;
  /** A Deployment object exists for it (a bare pod or a StatefulSet pod has none cached). */
  hasDeployment: boolean;
}

export interface ServiceInfo {
  cluster: string;
  namespace: string;
  name: string;
  type: string;
  readyEndpoints: number;
}

export interface ServiceEntryRef {
  cluster: string;
  namespace: string;
  name: string;
}

export type MtlsMode = 'strict' | 'permissive' | 'off';

/** Istio's canonical service/revision from pod labels (same precedence as istio-agent). */
export function canonicalOf(labels: Record<string, string>, workload: string): { app: string; version: string } {
  return {
    app: labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels.app ?? workload,
    version: labels['service.istio.io/canonical-revision'] ?? labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest',
  };
}

function podReady(pod: K8sObject): boolean {
  const conds = arr(rec(pod.status).conditions);
  const ready = conds.find((c) => rec(c).type === 'Ready');
  return ready ? rec(ready).status === 'True' : rec(pod.status).phase === 'Running';
}

const MTLS: Record<string, MtlsMode> = { STRICT: 'strict', PERMISSIVE: 'permissive', DISABLE: 'off' };
const ROOT_NAMESPACE = 'istio-system';

export class InventoryIndex {
  readonly clusters = new Map<string, ClusterSnapshot>();
  readonly services = new Map<string, ServiceInfo>();
  /** `<ns>/<name>` -> clusters that have that Service. */
  readonly serviceClusters = new Map<string, string[]>();
  readonly workloads = new Map<string, WorkloadInfo>();
  /** `<cluster>/<ns>/<app>` -> its workloads. */
  readonly appWorkloads = new Map<string, WorkloadInfo[]>();
  /** ServiceExports and ServiceImports of both MCS groups (lib/mesh-rules/mcs.ts), `<cluster>/<ns>/<name>`. */
  readonly exports = new Set<string>();
  readonly imports = new Set<string>();
  /**
   * GKE's derived Services (gke-mcs-*), folded into their imports: they are not services of their own
   * here (no node, no entry in `services`); telemetry naming one lands on the clusterset service.
   */
  readonly derived: DerivedServices;
  /** `<cluster>/<ns>/<import>` -> ready endpoints of its derived Service in that cluster. */
  readonly importEndpoints = new Map<string, number>();
  /** `<ns>/<name>` -> clusters exporting it. */
  readonly exportingClusters = new Map<string, Set<string>>();
  /** `<cluster>/<ns>` -> the namespace's labels (its injection state, lib/mesh-rules/injection.ts). */
  readonly namespaceLabels = new Map<string, StringMap>();
  /** `<cluster>/<ns>` -> namespace-wide PeerAuthentication mode; `<cluster>/` -> mesh-wide. */
  readonly peerAuth = new Map<string, MtlsMode>();
  private readonly serviceEntries = new HostIndex<ServiceEntryRef>();

  constructor(snapshot: InventorySnapshot) {
    this.derived = derivedServices(snapshot.clusters);
    for (const c of snapshot.clusters) {
      this.clusters.set(c.cluster, c);
      this.indexCluster(c);
    }
  }

  private indexCluster(c: ClusterSnapshot): void {
    const cl = c.cluster;
    const o = c.objects;
    for (const ns of o.Namespace ?? []) this.namespaceLabels.set(key2(cl, ns.metadata.name), ns.metadata.labels ?? {});
    // Endpoints per service.
    const ready = new Map<string, number>();
    for (const es of o.EndpointSlice ?? []) {
      const svc = es.metadata.labels?.[SERVICE_NAME_LABEL];
      if (!svc || !es.metadata.namespace) continue;
      const n = readyEndpoints(es);
      const k = key3(cl, es.metadata.namespace, svc);
      ready.set(k, (ready.get(k) ?? 0) + n);
    }
    for (const s of o.Service ?? []) {
      const ns = s.metadata.namespace ?? 'default';
      const k = key3(cl, ns, s.metadata.name);
      const folded = this.derived.in(cl, ns, s.metadata.name);
      if (folded) {
        this.importEndpoints.set(key3(cl, ns, folded.service), ready.get(k) ?? 0);
        continue;
      }
      this.services.set(k, { cluster: cl, namespace: ns, name: s.metadata.name, type: str(rec(s.spec).type) || 'ClusterIP', readyEndpoints: ready.get(k) ?? 0 });
      const nk = key2(ns, s.metadata.name);
      const list = this.serviceClusters.get(nk);
      if (list) list.push(cl);
      else this.serviceClusters.set(nk, [cl]);
    }
    for (const e of mcsExports(o)) {
      const ns = e.metadata.namespace ?? 'default';
      this.exports.add(key3(cl, ns, e.metadata.name));
      const nk = key2(ns, e.metadata.name);
      const set = this.exportingClusters.get(nk) ?? new Set<string>();
      set.add(cl);
      this.exportingClusters.set(nk, set);
    }
    for (const i of mcsImports(o)) this.imports.add(key3(cl, i.metadata.namespace ?? 'default', i.metadata.name));
    for (const se of o.ServiceEntry ?? []) {
      const ref = { cluster: cl, namespace: se.metadata.namespace ?? 'default', name: se.metadata.name };
      for (const h of strs(rec(se.spec).hosts)) this.serviceEntries.add(h, ref);
    }
    for (const pa of o.PeerAuthentication ?? []) {
      const mode = MTLS[str(rec(rec(pa.spec).mtls).mode) ?? ''];
      if (!mode || rec(pa.spec).selector) continue;
      const ns = pa.metadata.namespace ?? 'default';
      this.peerAuth.set(ns === ROOT_NAMESPACE ? key2(cl, '') : key2(cl, ns), mode);
    }
    this.indexWorkloads(c);
  }

  private indexWorkloads(c: ClusterSnapshot): void {
    const cl = c.cluster;
    const rsOwner = new Map<string, string>();
    for (const rs of c.objects.ReplicaSet ?? []) {
      const owner = rs.metadata.ownerReferences?.find((r) => r.kind === 'Deployment');
      if (owner) rsOwner.set(key2(rs.metadata.namespace ?? 'default', rs.metadata.name), owner.name);
    }
    const pods = new Map<string, K8sObject[]>();
    for (const p of c.objects.Pod ?? []) {
      const ns = p.metadata.namespace ?? 'default';
      const owner = p.metadata.ownerReferences?.find((r) => r.controller) ?? p.metadata.ownerReferences?.[0];
      let wl = p.metadata.name;
      if (owner?.kind === 'ReplicaSet') {
        const hash = p.metadata.labels?.['pod-template-hash'];
        wl = rsOwner.get(key2(ns, owner.name)) ?? (hash && owner.name.endsWith(`-${hash}`) ? owner.name.slice(0, -hash.length - 1) : owner.name);
      } else if (owner) wl = owner.name;
      const k = key3(cl, ns, wl);
      const list = pods.get(k);
      if (list) list.push(p);
      else pods.set(k, [p]);
    }
    for (const d of c.objects.Deployment ?? []) {
      const ns = d.metadata.namespace ?? 'default';
      const meta = podMetaOf(at(d.spec, 'template', 'metadata'));
      const k = key3(cl, ns, d.metadata.name);
      const own = pods.get(k) ?? [];
      pods.delete(k);
      const status = rec(d.status);
      const readyPods = typeof status.readyReplicas === 'number' ? status.readyReplicas : own.filter(podReady).length;
      const hasSidecar = own.length > 0 ? own.every(hasProxy) : sidecarInjected(this.namespaceLabels.get(key2(cl, ns)), meta);
      this.addWorkload(cl, ns, d.metadata.name, meta.labels ?? {}, hasSidecar, readyPods, true);
    }
    // Workloads known only by their pods (StatefulSets, DaemonSets, bare pods).
    for (const [k, own] of pods) {
      const first = own[0];
      if (!first) continue;
      const name = k.slice(k.lastIndexOf('/') + 1);
      this.addWorkload(cl, first.metadata.namespace ?? 'default', name, first.metadata.labels ?? {}, own.every(hasProxy), own.filter(podReady).length, false);
    }
  }

  private addWorkload(cluster: string, ns: string, name: string, labels: Record<string, string>, hasSidecar: boolean, readyPods: number, hasDeployment: boolean) {
    const { app, version } = canonicalOf(labels, name);
    const info: WorkloadInfo = { cluster, namespace: ns, name, app, version, hasSidecar, readyPods, hasDeployment };
    this.workloads.set(key3(cluster, ns, name), info);
    const ak = key3(cluster, ns, app);
    const list = this.appWorkloads.get(ak);
    if (list) list.push(info);
    else this.appWorkloads.set(ak, [info]);
  }

  /** Whether any cluster has a Service (or ServiceImport) <ns>/<name>; a derived Service's name is its import's. */
  hasService(ns: string, name: string): boolean {
    const n = this.derived.fold(ns, name);
    return this.serviceClusters.has(key2(ns, n)) || this.exportingClusters.has(key2(ns, n));
  }

  /** The clusterset service a (derived) Service name stands for, else the name itself. */
  serviceName(ns: string, name: string, cluster?: string): string {
    return this.derived.size === 0 ? name : this.derived.fold(ns, name, cluster);
  }

  /** The ServiceEntry declaring `host` (exact, then wildcards). */
  serviceEntryFor(host: string): ServiceEntryRef | undefined {
    return this.serviceEntries.find(host);
  }

  /** The clusterset host when the service is exported or imported anywhere. */
  clusterSetHost(ns: string, name: string): string | undefined {
    if (!this.exportingClusters.has(key2(ns, name)) && !this.importedAnywhere(ns, name)) return undefined;
    return serviceFqdn(name, ns, 'clusterset');
  }

  private importedAnywhere(ns: string, name: string): boolean {
    for (const cl of this.clusters.keys()) if (this.imports.has(key3(cl, ns, name))) return true;
    return false;
  }

  /** Effective namespace-wide mTLS mode (namespace PeerAuthentication, else mesh-wide in the root namespace). */
  mtlsMode(cluster: string, ns: string): MtlsMode | undefined {
    return this.peerAuth.get(key2(cluster, ns)) ?? this.peerAuth.get(key2(cluster, ''));
  }
}
