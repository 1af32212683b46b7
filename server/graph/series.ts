import 'server-only';
import { nodeId, type GraphType, type NodeKind, type Protocol } from '@/lib/graph/types';
import type { InventoryIndex } from './inventory';
import type { PromSample } from './types';

/** A label value Istio uses for "not known" (also absent or empty). */
export function known(v: string | undefined): v is string {
  return v !== undefined && v !== '' && v !== 'unknown';
}

/** The node a series end resolves to (created by the traffic appender when first seen). */
export interface NodeSpec {
  id: string;
  kind: NodeKind;
  cluster: string;
  namespace: string;
  name: string;
  app?: string;
  version?: string;
}

export const UNKNOWN_NODE: NodeSpec = { id: nodeId.unknown(), kind: 'unknown', cluster: 'unknown', namespace: 'unknown', name: 'unknown' };

type Labels = Record<string, string | undefined>;

/** The identity labels besides source_workload and destination_service (the table's two Map levels). */
interface Row<T> {
  sc: string | undefined;
  sns: string | undefined;
  scs: string | undefined;
  scr: string | undefined;
  dc: string | undefined;
  dsn: string | undefined;
  dsns: string | undefined;
  dwns: string | undefined;
  dw: string | undefined;
  dcs: string | undefined;
  dcr: string | undefined;
  value: T;
}

// Written out label by label: named property loads are several times faster than a loop of
// keyed loads over a label list, and this runs for every sample of every query.
function sameIdentity(r: Row<unknown>, m: Labels): boolean {
  return (
    r.dw === m.destination_workload &&
    r.sc === m.source_cluster &&
    r.dc === m.destination_cluster &&
    r.sns === m.source_workload_namespace &&
    r.dwns === m.destination_workload_namespace &&
    r.dsn === m.destination_service_name &&
    r.dsns === m.destination_service_namespace &&
    r.scs === m.source_canonical_service &&
    r.scr === m.source_canonical_revision &&
    r.dcs === m.destination_canonical_service &&
    r.dcr === m.destination_canonical_revision
  );
}

/**
 * A map keyed by a series' identity (who called whom: the source_* and destination_* labels, not
 * code, flags, security policy or reporter) without building a key string per sample: two Map
 * levels (source workload, destination service host), then a short list compared label by label.
 * Graph builds see ~10^5 samples; string keys cost more than the whole rest of the build.
 */
export class IdentityTable<T> {
  private readonly root = new Map<string | undefined, Map<string | undefined, Row<T>[]>>();

  private rows(m: Labels, create: boolean): Row<T>[] | undefined {
    let level = this.root.get(m.source_workload);
    if (!level) {
      if (!create) return undefined;
      this.root.set(m.source_workload, (level = new Map()));
    }
    let rows = level.get(m.destination_service);
    if (!rows && create) level.set(m.destination_service, (rows = []));
    return rows;
  }

  get(m: Labels): T | undefined {
    const rows = this.rows(m, false);
    if (rows) for (let i = 0; i < rows.length; i++) if (sameIdentity(rows[i]!, m)) return rows[i]!.value;
    return undefined;
  }

  getOrCreate(m: Labels, make: () => T): T {
    const rows = this.rows(m, true)!;
    for (let i = 0; i < rows.length; i++) if (sameIdentity(rows[i]!, m)) return rows[i]!.value;
    const value = make();
    rows.push({
      sc: m.source_cluster,
      sns: m.source_workload_namespace,
      scs: m.source_canonical_service,
      scr: m.source_canonical_revision,
      dc: m.destination_cluster,
      dsn: m.destination_service_name,
      dsns: m.destination_service_namespace,
      dwns: m.destination_workload_namespace,
      dw: m.destination_workload,
      dcs: m.destination_canonical_service,
      dcr: m.destination_canonical_revision,
      value,
    });
    return value;
  }
}

export function protocolOf(m: Record<string, string>): Protocol {
  const p = m.request_protocol;
  return p === 'grpc' ? 'grpc' : p === 'tcp' ? 'tcp' : 'http';
}

/**
 * Reporter deduplication. Istio reports a request twice when both ends have a proxy: once by the
 * client's proxy (reporter="source") and once by the server's (reporter="destination"). Summing
 * both would double every edge. The rule, per caller->callee identity (IdentityTable):
 *   - if the destination reported it, use ONLY the destination's series: it saw what was served,
 *     and only it knows the connection security policy (mTLS);
 *   - otherwise use the source's series: the destination has no proxy (external host, a workload
 *     without sidecar) or never got the request (upstream unreachable: UH/UF flags).
 * Limitation: when both reported, requests that failed before reaching the destination (503 UH
 * from the client proxy) are not counted. Reporters other than source/destination are ignored.
 */
export class ReporterChoice {
  private readonly destinationReported = new IdentityTable<true>();

  constructor(samples: readonly PromSample[]) {
    const yes = () => true as const;
    for (const s of samples) if (s.metric.reporter === 'destination') this.destinationReported.getOrCreate(s.metric, yes);
  }

  keep(m: Record<string, string>): boolean {
    if (m.reporter === 'destination') return true;
    return m.reporter === 'source' && this.destinationReported.get(m) === undefined;
  }
}

/** The nodes a series passes through: [source, service?, destination workload/app?] (2 or 3). */
export interface SeriesPath {
  readonly nodes: readonly NodeSpec[];
  /** Edge ids along the path per protocol, computed once. */
  edgeIds(protocol: Protocol): readonly string[];
  /** Scratch of the build that resolved it (paths live for one build): edge positions per protocol (edges.ts). */
  readonly edges: Partial<Record<Protocol, number[]>>;
}

function makePath(nodes: NodeSpec[]): SeriesPath {
  const ids: Partial<Record<Protocol, string[]>> = {};
  return {
    nodes,
    edges: {},
    edgeIds(protocol) {
      let list = ids[protocol];
      if (!list) {
        list = [];
        for (let i = 0; i + 1 < nodes.length; i++) list.push(nodeId.edge(nodes[i]!.id, nodes[i + 1]!.id, protocol));
        ids[protocol] = list;
      }
      return list;
    },
  };
}

export function workloadSide(graphType: GraphType, cluster: string, ns: string, wl: string, app: string | undefined, version: string | undefined): NodeSpec {
  const v = known(version) ? version : undefined;
  const a = known(app) ? app : undefined;
  if (graphType === 'workload' || !a) {
    return { id: nodeId.workload(cluster, ns, wl), kind: 'workload', cluster, namespace: ns, name: wl, app: a, version: v };
  }
  const ver = graphType === 'versionedApp' ? v : undefined;
  return { id: nodeId.app(cluster, ns, a, ver), kind: 'app', cluster, namespace: ns, name: a, app: a, version: ver };
}

export function serviceSpec(cluster: string, ns: string, name: string): NodeSpec {
  return { id: nodeId.service(cluster, ns, name), kind: 'service', cluster, namespace: ns, name };
}

const CLUSTERSET_SUFFIX = '.svc.clusterset.local';
const CLUSTER_LOCAL_SUFFIX = '.svc.cluster.local';

/** `<name>.<ns>.svc.cluster(set).local` -> {name, ns}. */
export function parseServiceHost(host: string): { name: string; ns: string; clusterSet: boolean } | undefined {
  const clusterSet = host.endsWith(CLUSTERSET_SUFFIX);
  if (!clusterSet && !host.endsWith(CLUSTER_LOCAL_SUFFIX)) return undefined;
  const parts = host.slice(0, -(clusterSet ? CLUSTERSET_SUFFIX : CLUSTER_LOCAL_SUFFIX).length).split('.');
  const [name, ns] = parts;
  return parts.length === 2 && name && ns ? { name, ns, clusterSet } : undefined;
}

/**
 * Resolves series labels to node paths for one graph type, memoized by identity (every query of a
 * build shares the cache, so the latency/security appenders land on the traffic appender's edges).
 */
export class PathResolver {
  private readonly memo = new IdentityTable<SeriesPath | null>();

  constructor(
    private readonly graphType: GraphType,
    private readonly inventory: InventoryIndex,
  ) {}

  resolve(m: Record<string, string>): SeriesPath | undefined {
    const hit = this.memo.get(m);
    return hit === undefined ? this.miss(m) : (hit ?? undefined);
  }

  // Separate so that the hit path allocates no closure context.
  private miss(m: Record<string, string>): SeriesPath | undefined {
    return this.memo.getOrCreate(m, () => this.compute(m)) ?? undefined;
  }

  private source(m: Record<string, string>): NodeSpec {
    const wl = m.source_workload;
    const ns = m.source_workload_namespace;
    if (!known(wl) || !known(ns)) return UNKNOWN_NODE;
    const cluster = known(m.source_cluster) ? m.source_cluster : 'unknown';
    if (this.graphType === 'service') {
      // Kiali's service graph: a caller is drawn as the service named after its canonical service
      // (app label), which by convention is the Service fronting it.
      return serviceSpec(cluster, ns, known(m.source_canonical_service) ? m.source_canonical_service : wl);
    }
    return workloadSide(this.graphType, cluster, ns, wl, m.source_canonical_service, m.source_canonical_revision);
  }

  /** The service node, or ext:<host> for hosts outside the inventory; undefined when no host is known. */
  private service(m: Record<string, string>, sourceCluster: string): NodeSpec | undefined {
    const host = known(m.destination_service) ? m.destination_service : m.destination_service_name;
    if (!known(host)) return undefined;
    const parsed = parseServiceHost(host);
    const ns = parsed?.ns ?? m.destination_service_namespace;
    const name = parsed?.name ?? m.destination_service_name;
    if (!known(ns) || !known(name) || !this.inventory.hasService(ns, name)) {
      const se = this.inventory.serviceEntryFor(host);
      return { id: nodeId.external(host), kind: se ? 'serviceEntry' : 'external', cluster: '', namespace: se?.namespace ?? '', name: host };
    }
    // A cross-cluster call's service node lives in the destination cluster.
    let cluster = m.destination_cluster;
    if (!known(cluster)) {
      const where = this.inventory.serviceClusters.get(`${ns}/${name}`) ?? [];
      cluster = where.includes(sourceCluster) ? sourceCluster : (where[0] ?? sourceCluster);
    }
    return serviceSpec(cluster, ns, name);
  }

  private compute(m: Record<string, string>): SeriesPath | null {
    const src = this.source(m);
    const svc = this.service(m, src.cluster);
    if (this.graphType === 'service') return svc ? makePath([src, svc]) : null;
    let dst: NodeSpec | undefined;
    if (known(m.destination_workload) && known(m.destination_workload_namespace)) {
      const cluster = known(m.destination_cluster) ? m.destination_cluster : (svc?.cluster || src.cluster);
      dst = workloadSide(this.graphType, cluster, m.destination_workload_namespace, m.destination_workload, m.destination_canonical_service, m.destination_canonical_revision);
    }
    const path = [src, svc, dst].filter((n): n is NodeSpec => n !== undefined);
    return path.length >= 2 ? makePath(path) : null;
  }
}
