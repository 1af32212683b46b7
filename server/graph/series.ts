import 'server-only';
import { nodeId, type GraphType, type NodeKind, type Protocol } from '@/lib/graph/types';
import { parseServiceFqdn } from '@/lib/mesh-rules/hosts';
import type { InventoryIndex } from './inventory';
import { Identities, type Identity } from './identity';
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

export function protocolOf(m: Record<string, string>): Protocol {
  const p = m.request_protocol;
  return p === 'grpc' ? 'grpc' : p === 'tcp' ? 'tcp' : 'http';
}

/**
 * Reporter deduplication. Istio reports a request twice when both ends have a proxy: once by the
 * client's proxy (reporter="source") and once by the server's (reporter="destination"). Summing
 * both would double every edge. The rule, per caller->callee identity (identity.ts):
 *   - if the destination reported it, use ONLY the destination's series: it saw what was served,
 *     and only it knows the connection security policy (mTLS);
 *   - otherwise use the source's series: the destination has no proxy (external host, a workload
 *     without sidecar) or never got the request (upstream unreachable: UH/UF flags).
 * Limitation: when both reported, requests that failed before reaching the destination (503 UH
 * from the client proxy) are not counted. Reporters other than source/destination are ignored.
 */
export class ReporterChoice {
  constructor(
    samples: readonly PromSample[],
    private readonly identities: Identities,
    private readonly kind: 'requests' | 'tcp',
  ) {
    for (const s of samples) if (s.metric.reporter === 'destination') identities.of(s.metric).destinationReported[kind] = true;
  }

  keep(m: Record<string, string>, id: Identity = this.identities.of(m)): boolean {
    if (m.reporter === 'destination') return true;
    return m.reporter === 'source' && !id.destinationReported[this.kind];
  }
}

/** The nodes a series passes through: [source, service?, destination workload/app?] (2 or 3). */
export interface SeriesPath {
  readonly nodes: readonly NodeSpec[];
  /** Edge ids along the path per protocol, computed once. */
  edgeIds(protocol: Protocol): readonly string[];
  /** Scratch of the build that resolved it (paths live for one build): edge positions per protocol (edges.ts). */
  readonly edges: Partial<Record<Protocol, number[]>>;
  /** Scratch: whether the traffic appender kept it (in the selected scope). */
  inScope?: boolean;
}

function makePath(nodes: NodeSpec[]): SeriesPath {
  const ids: Partial<Record<Protocol, string[]>> = {};
  return {
    nodes,
    edges: {},
    inScope: undefined,
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

/**
 * Resolves series labels to node paths for one graph type, memoized on the identity (every query of
 * a build shares it, so the latency/security appenders land on the traffic appender's edges).
 */
/**
 * Node specs by the raw labels they come from, so that the many series of one node share one spec
 * (and one id string): a key label, then up to four more compared in a short list.
 */
class SpecCache {
  private readonly byKey = new Map<string | undefined, { a?: string; b?: string; c?: string; d?: string; spec: NodeSpec | undefined }[]>();

  get(key: string | undefined, a: string | undefined, b: string | undefined, c: string | undefined, d: string | undefined, make: () => NodeSpec | undefined): NodeSpec | undefined {
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    for (const e of list) if (e.a === a && e.b === b && e.c === c && e.d === d) return e.spec;
    const spec = make();
    list.push({ a, b, c, d, spec });
    return spec;
  }
}

export class PathResolver {
  private readonly sources = new SpecCache();
  private readonly services = new SpecCache();
  private readonly destinations = new SpecCache();

  constructor(
    private readonly graphType: GraphType,
    private readonly inventory: InventoryIndex,
    readonly identities: Identities = new Identities(),
  ) {}

  resolve(m: Record<string, string>, id: Identity = this.identities.of(m)): SeriesPath | undefined {
    if (id.path === undefined) id.path = this.compute(m);
    return id.path ?? undefined;
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
    const parsed = parseServiceFqdn(host);
    const ns = parsed?.namespace ?? m.destination_service_namespace;
    const raw = parsed?.name ?? m.destination_service_name;
    // GKE's derived Service (gke-mcs-<hash>.<ns>.svc.cluster.local, what Envoy reports for a
    // clusterset call) is drawn as the clusterset service it derives from.
    const name = known(ns) && known(raw) ? this.inventory.serviceName(ns, raw, known(m.destination_cluster) ? m.destination_cluster : sourceCluster) : raw;
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
    const src = this.sources.get(m.source_workload, m.source_workload_namespace, m.source_cluster, m.source_canonical_service, m.source_canonical_revision, () => this.source(m))!;
    const svc = this.services.get(m.destination_service, m.destination_service_name, m.destination_service_namespace, m.destination_cluster, src.cluster, () => this.service(m, src.cluster));
    if (this.graphType === 'service') return svc ? makePath([src, svc]) : null;
    let dst: NodeSpec | undefined;
    if (known(m.destination_workload) && known(m.destination_workload_namespace)) {
      const cluster = known(m.destination_cluster) ? m.destination_cluster : (svc?.cluster || src.cluster);
      dst = this.destinations.get(m.destination_workload, m.destination_workload_namespace, cluster, m.destination_canonical_service, m.destination_canonical_revision, () =>
        workloadSide(this.graphType, cluster, m.destination_workload_namespace!, m.destination_workload!, m.destination_canonical_service, m.destination_canonical_revision),
      );
    }
    const path = [src, svc, dst].filter((n): n is NodeSpec => n !== undefined);
    return path.length >= 2 ? makePath(path) : null;
  }
}
