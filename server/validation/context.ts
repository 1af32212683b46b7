import 'server-only';
import { INVENTORY_KINDS, type InventorySnapshot, type K8sObject } from '@/lib/inventory/types';
import { lookupScopes, serviceVisibility, visibility, visibleIn } from '@/lib/mesh-rules/export-to';
import { fqdn, hostMatches, isWildcard, parseServiceFqdn } from '@/lib/mesh-rules/hosts';
import { MCS_EXPORT_KINDS, MCS_IMPORT_KINDS } from '@/lib/mesh-rules/mcs';
import { servicePorts as servicePortsOf } from '@/lib/mesh-rules/service';
import { arr, rec, strs } from '@/lib/mesh-rules/spec';
import type { Item } from './types';
import { podInMesh } from './workloads';

export interface AnalyzeOptions {
  /** Objects of kinds the inventory does not cache (ServiceAccount, ConfigMap, Node, ...), per cluster. */
  extra?: Record<string, K8sObject[]>;
  /** The mesh root namespace (mesh-wide policies). Default istio-system. */
  rootNamespace?: string;
  /**
   * Files-only analysis: assume Istio's default ingress gateway (istio=ingressgateway, ports 80, 443,
   * 15021, 15443, 31400) when the input holds none, as istioctl does.
   */
  assumeDefaultIngress?: boolean;
}

/** The ports of the default ingress gateway Service istioctl assumes for files-only analysis. */
export const DEFAULT_INGRESS = { labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' }, ports: [80, 443, 15021, 15443, 31400] };

const NAMESPACED = new Set(Object.entries(INVENTORY_KINDS).filter(([, k]) => k.namespaced).map(([kind]) => kind));
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'ClusterRole', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'CustomResourceDefinition']);

function toItem(cluster: string, kind: string, obj: K8sObject): Item {
  const namespaced = NAMESPACED.has(kind) || !CLUSTER_SCOPED.has(kind);
  return { cluster, kind, name: obj.metadata.name, obj, ...(namespaced ? { namespace: obj.metadata.namespace ?? 'default' } : {}) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Where a host named by a route or a DestinationRule leads. */
export interface ResolvedHost {
  /** k8s Services (every cluster) of a cluster.local / clusterset.local host; empty for a ServiceEntry host. */
  services: Item[];
  serviceEntries: Item[];
  ports: number[];
}

/** The snapshot and the indexes every check shares, built once per analysis. */
export class Ctx {
  readonly clusters: string[];
  readonly rootNamespace: string;
  readonly assumeDefaultIngress: boolean;
  private readonly byKind = new Map<string, Item[]>();
  private readonly byClusterKind = new Map<string, Item[]>();
  private readonly namespaces = new Map<string, Item>();
  private readonly servicesByHost = new Map<string, Item[]>();
  private readonly podsByNs = new Map<string, Item[]>();
  private readonly podsByNsAnyCluster = new Map<string, Item[]>();
  private readonly exportsByName = new Map<string, Item[]>();

  constructor(snapshot: InventorySnapshot, opts: AnalyzeOptions = {}) {
    this.clusters = snapshot.clusters.map((c) => c.cluster);
    this.rootNamespace = opts.rootNamespace ?? 'istio-system';
    this.assumeDefaultIngress = opts.assumeDefaultIngress ?? false;
    for (const c of snapshot.clusters) {
      for (const [kind, objects] of Object.entries(c.objects)) for (const o of objects) this.add(toItem(c.cluster, kind, o));
      for (const o of opts.extra?.[c.cluster] ?? []) if (o.kind) this.add(toItem(c.cluster, o.kind, o));
    }
    for (const ns of this.items('Namespace')) this.namespaces.set(`${ns.cluster}/${ns.name}`, ns);
    for (const s of this.items('Service')) push(this.servicesByHost, fqdn(s.name, s.namespace ?? 'default'), s);
    for (const p of this.items('Pod')) {
      push(this.podsByNs, `${p.cluster}/${p.namespace}`, p);
      push(this.podsByNsAnyCluster, p.namespace ?? 'default', p);
    }
    for (const e of this.mcsExports()) push(this.exportsByName, `${e.namespace}/${e.name}`, e);
  }

  private add(item: Item): void {
    push(this.byKind, item.kind, item);
    push(this.byClusterKind, `${item.cluster}/${item.kind}`, item);
  }

  /** Objects of a kind in every cluster (or one). */
  items(kind: string, cluster?: string): Item[] {
    return (cluster === undefined ? this.byKind.get(kind) : this.byClusterKind.get(`${cluster}/${kind}`)) ?? [];
  }

  namespace(cluster: string, name: string): Item | undefined {
    return this.namespaces.get(`${cluster}/${name}`);
  }

  /** Whether a namespace of that name exists in any cluster (namespace sameness). */
  namespaceExists(name: string): boolean {
    return this.items('Namespace').some((n) => n.name === name);
  }

  /** Pods of a namespace in one cluster, or in every cluster when `cluster` is undefined. */
  pods(namespace: string, cluster?: string): Item[] {
    return (cluster === undefined ? this.podsByNsAnyCluster.get(namespace) : this.podsByNs.get(`${cluster}/${namespace}`)) ?? [];
  }

  inMesh(pod: Item): boolean {
    return podInMesh(pod.obj, this.namespace(pod.cluster, pod.namespace ?? 'default')?.obj);
  }

  /** Services of a cluster.local FQDN, in every cluster. */
  servicesOf(host: string): Item[] {
    return this.servicesByHost.get(host) ?? [];
  }

  /** ServiceExports of both MCS groups (multicluster.x-k8s.io and GKE's net.gke.io), of every cluster or one. */
  mcsExports(cluster?: string): Item[] {
    return MCS_EXPORT_KINDS.flatMap((k) => this.items(k, cluster));
  }

  /** ServiceImports of both MCS groups, of every cluster or one. */
  mcsImports(cluster?: string): Item[] {
    return MCS_IMPORT_KINDS.flatMap((k) => this.items(k, cluster));
  }

  /** ServiceExports (both groups) of a namespace/name in every cluster. */
  exportsOf(namespace: string, name: string): Item[] {
    return this.exportsByName.get(`${namespace}/${name}`) ?? [];
  }

  /**
   * Resolves a host named from namespace `fromNs` (a VirtualService with `exportTo`, a DestinationRule):
   * a Service of any cluster (multi-primary), a clusterset.local host of an exported Service, or a
   * ServiceEntry host, each only where visible. Undefined when nothing serves it.
   */
  resolveHost(host: string, fromNs: string, exportTo?: readonly string[]): ResolvedHost | undefined {
    const name = fqdn(host, fromNs);
    const scopes = lookupScopes(exportTo, fromNs);
    const seen = (vis: Set<string>) => vis.has('*') || scopes.some((s) => visibleIn(vis, s));
    const kube = parseServiceFqdn(name);
    if (kube?.scope === 'clusterset') {
      const exported = this.exportsOf(kube.namespace, kube.name).filter((e) =>
        this.items('Service', e.cluster).some((s) => s.namespace === kube.namespace && s.name === kube.name),
      );
      if (exported.length === 0) return undefined;
      const services = exported.flatMap((e) => this.items('Service', e.cluster).filter((s) => s.namespace === kube.namespace && s.name === kube.name));
      return { services, serviceEntries: [], ports: servicePorts(services) };
    }
    const services = this.servicesOf(name).filter((s) =>
      seen(serviceVisibility(s.obj.metadata.annotations, s.namespace ?? 'default')),
    );
    if (services.length > 0) return { services, serviceEntries: [], ports: servicePorts(services) };
    const entries = this.items('ServiceEntry').filter((se) => {
      const spec = rec(se.obj.spec);
      const vis = visibility(strs(spec.exportTo), se.namespace ?? 'default');
      return strs(spec.hosts).some((h) => {
        if (isWildcard(h)) return visibleIn(vis, fromNs) && hostMatches(h, name);
        return h === name && seen(vis);
      });
    });
    if (entries.length === 0) return undefined;
    const ports = entries.flatMap((se) => arr(rec(se.obj.spec).ports).map((p) => Number(rec(p).number)));
    return { services: [], serviceEntries: entries, ports: [...new Set(ports)] };
  }
}

function servicePorts(services: Item[]): number[] {
  return [...new Set(services.flatMap((s) => servicePortsOf(s.obj.spec).map((p) => Number(p.port))))];
}
