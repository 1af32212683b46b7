// Multi-cluster services as the mesh reads them, whichever API group a cluster serves:
//  - multicluster.x-k8s.io (the upstream MCS API: ServiceExport / ServiceImport, ids `ServiceExport`,
//    `ServiceImport` in the kind registry);
//  - net.gke.io (GKE's MCS controller in a fleet: ids `ServiceExport.net.gke.io`,
//    `ServiceImport.net.gke.io`).
// GKE creates the ServiceImport in every fleet cluster that has the namespace and exposes it as a
// *derived* Service `gke-mcs-<hash>` (its ClusterIP is the import's IP, its EndpointSlices hold the
// exporting clusters' endpoints); the import names it in the annotation `net.gke.io/derived-service`.
// Everything Meridian shows folds a derived Service into its import: one clusterset service, the
// derived name a detail of it. The one definition used by the graph, the mesh page, the services
// list and validation.
import type { InventoryKind, K8sObject } from '../inventory/types';
import { SERVICE_NAME_LABEL, readyEndpoints } from './service';
import { arr, at, rec, str } from './spec';

export const MCS_EXPORT_KINDS = ['ServiceExport', 'ServiceExport.net.gke.io'] as const satisfies readonly InventoryKind[];
export const MCS_IMPORT_KINDS = ['ServiceImport', 'ServiceImport.net.gke.io'] as const satisfies readonly InventoryKind[];

/** The annotation by which GKE's ServiceImport names its derived Service. */
export const DERIVED_SERVICE_ANNOTATION = 'net.gke.io/derived-service';
/** The prefix of GKE's derived Service names. */
export const DERIVED_SERVICE_PREFIX = 'gke-mcs-';
/** The MCS API's EndpointSlice labels (KEP-1645): the exporting cluster, the clusterset service. */
export const SOURCE_CLUSTER_LABEL = 'multicluster.kubernetes.io/source-cluster';
export const MCS_SERVICE_NAME_LABEL = 'multicluster.kubernetes.io/service-name';

type Objects = Readonly<Partial<Record<InventoryKind, readonly K8sObject[]>>>;

/** The ServiceExports of one cluster's objects, both groups. */
export function mcsExports(objects: Objects): K8sObject[] {
  return MCS_EXPORT_KINDS.flatMap((k) => objects[k] ?? []);
}

/** The ServiceImports of one cluster's objects, both groups. */
export function mcsImports(objects: Objects): K8sObject[] {
  return MCS_IMPORT_KINDS.flatMap((k) => objects[k] ?? []);
}

export const UPSTREAM_MCS_GROUP = 'multicluster.x-k8s.io';
export const GKE_MCS_GROUP = 'net.gke.io';

const GROUP_OF_KIND: Record<string, string> = {
  ServiceExport: UPSTREAM_MCS_GROUP,
  ServiceImport: UPSTREAM_MCS_GROUP,
  'ServiceExport.net.gke.io': GKE_MCS_GROUP,
  'ServiceImport.net.gke.io': GKE_MCS_GROUP,
};

/** An MCS object with the API group it was read from (list items may lack their apiVersion). */
export interface McsEntry {
  obj: K8sObject;
  group: string;
}

function entries(objects: Objects, kinds: readonly InventoryKind[]): McsEntry[] {
  return kinds.flatMap((k) => (objects[k] ?? []).map((obj) => ({ obj, group: obj.apiVersion?.split('/')[0] || (GROUP_OF_KIND[k] ?? '') })));
}

/** The ServiceExports of one cluster's objects with their group. */
export function mcsExportEntries(objects: Objects): McsEntry[] {
  return entries(objects, MCS_EXPORT_KINDS);
}

/** The ServiceImports of one cluster's objects with their group. */
export function mcsImportEntries(objects: Objects): McsEntry[] {
  return entries(objects, MCS_IMPORT_KINDS);
}

/** The derived Service an import names (GKE), or undefined. */
export function derivedServiceOf(serviceImport: K8sObject): string | undefined {
  const name = serviceImport.metadata.annotations?.[DERIVED_SERVICE_ANNOTATION];
  return name ? name : undefined;
}

/**
 * The clusters an import says export it (status.clusters): a cluster name (upstream) or a GKE fleet
 * membership `projects/<n>/locations/<l>/memberships/<name>`, read as its membership name (GKE's
 * default membership name is the cluster's name).
 */
export function importExporters(serviceImport: K8sObject): string[] {
  return arr(at(serviceImport.status, 'clusters'))
    .map((c) => str(rec(c).cluster) ?? '')
    .filter(Boolean)
    .map((c) => c.slice(c.lastIndexOf('/') + 1));
}

/** One derived Service folded into its import: where, which names. */
export interface DerivedService {
  cluster: string;
  namespace: string;
  /** The derived Service's name (gke-mcs-...). */
  derived: string;
  /** The clusterset service (the ServiceImport's name). */
  service: string;
}

const key3 = (cluster: string, namespace: string, name: string) => `${cluster}/${namespace}/${name}`;

/**
 * Derived Services of every cluster, by the imports that name them: derived name -> clusterset
 * service, per cluster and namespace. Lookups by (cluster, namespace, name) or, for telemetry that
 * names no cluster, by (namespace, name) in any cluster.
 */
export class DerivedServices {
  private readonly byKey = new Map<string, DerivedService>();
  private readonly byName = new Map<string, DerivedService>();
  private readonly byService = new Map<string, DerivedService>();

  add(cluster: string, imports: readonly K8sObject[]): void {
    for (const si of imports) {
      const derived = derivedServiceOf(si);
      if (!derived) continue;
      const namespace = si.metadata.namespace ?? 'default';
      const d: DerivedService = { cluster, namespace, derived, service: si.metadata.name };
      this.byKey.set(key3(cluster, namespace, derived), d);
      this.byName.set(`${namespace}/${derived}`, d);
      this.byService.set(key3(cluster, namespace, d.service), d);
    }
  }

  /** The derived Service `<cluster>/<ns>/<name>` folds into, if it is one. */
  in(cluster: string, namespace: string, name: string): DerivedService | undefined {
    return this.byKey.get(key3(cluster, namespace, name));
  }

  /** The derived Service carrying the clusterset service `<ns>/<service>` in a cluster (its import names it). */
  of(cluster: string, namespace: string, service: string): DerivedService | undefined {
    return this.byService.get(key3(cluster, namespace, service));
  }

  /** A derived Service of that namespace/name in any cluster. */
  any(namespace: string, name: string): DerivedService | undefined {
    return this.byName.get(`${namespace}/${name}`);
  }

  /** The service a name stands for: the import's name for a derived Service, else the name itself. */
  fold(namespace: string, name: string, cluster?: string): string {
    return (cluster !== undefined ? this.in(cluster, namespace, name) : undefined)?.service ?? this.any(namespace, name)?.service ?? name;
  }

  get size(): number {
    return this.byKey.size;
  }

  all(): DerivedService[] {
    return [...this.byKey.values()];
  }
}

/** The derived Services of a set of clusters' objects. */
export function derivedServices(clusters: readonly { cluster: string; objects: Objects }[]): DerivedServices {
  const out = new DerivedServices();
  for (const c of clusters) out.add(c.cluster, mcsImports(c.objects));
  return out;
}

/**
 * The ready endpoints of a derived Service, per exporting cluster (its EndpointSlices' source-cluster
 * label; a slice without one counts under ''). GKE syncs the exporting clusters' endpoints into the
 * importing cluster: they are the import's endpoints there.
 */
export function derivedEndpoints(slices: readonly K8sObject[], namespace: string, derived: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of slices) {
    if ((s.metadata.namespace ?? 'default') !== namespace || s.metadata.labels?.[SERVICE_NAME_LABEL] !== derived) continue;
    const from = s.metadata.labels?.[SOURCE_CLUSTER_LABEL] ?? '';
    out[from] = (out[from] ?? 0) + readyEndpoints(s);
  }
  return out;
}
