import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { DERIVED_SERVICE_ANNOTATION, MCS_SERVICE_NAME_LABEL, SOURCE_CLUSTER_LABEL } from '@/lib/mesh-rules/mcs';
import type { ClusterStore } from '../kube';
import { clusterSetVip } from '../mesh/ids';
import type { DemoClusterName, KubeObject, StoreChange } from '../types';
import { derivedNameOf, membershipOf } from './content';

// GKE's MCS controller, simulated over the gke flavour's stores (as the gke-mcs-importer and
// Google's control plane act on a real fleet, within a fraction of a second instead of minutes):
//  - every net.gke.io/v1 ServiceExport gets status conditions: Initialized, Exported (False when its
//    cluster has no Service of that name), Conflict (True when exporting clusters disagree on ports);
//  - in every cluster that has the namespace, a ServiceImport (net.gke.io/v1, ClusterSetIP, the
//    clusterset VIP, the exporters' ports, status.clusters = their fleet memberships, labelled
//    app.kubernetes.io/managed-by=gke-mcs-controller.gke.io) whose annotation
//    net.gke.io/derived-service names the derived Service gke-mcs-<hash>: a selector-less ClusterIP
//    Service on the VIP, and one EndpointSlice per exporting cluster with that cluster's ready
//    endpoints (labels kubernetes.io/service-name=<derived>, multicluster.kubernetes.io/source-cluster);
//  - kept in sync as exports, Services, EndpointSlices and namespaces change (kubectl included);
//  - when the last exporter goes, the imports stay with status.clusters empty and no endpoints for
//    `orphanGraceMs` (default 5 min; GKE also removes an unexported service's imports after a while),
//    then they and their derived Services are deleted.
// Writes go to the stores directly, as a controller with its own credentials; each write is made
// only when the object differs from what the controller wants, so its own events settle at once.

export const GKE_MCS_API = 'net.gke.io/v1';
export const MANAGED_BY = 'gke-mcs-controller.gke.io';
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const SLICE_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const SERVICE_NAME = 'kubernetes.io/service-name';
/** Kinds whose changes can change what the controller wants. */
const WATCHED = new Set(['ServiceExport', 'ServiceImport', 'Service', 'EndpointSlice', 'Namespace']);

export interface McsControllerOptions {
  stores: Partial<Record<DemoClusterName, ClusterStore>>;
  /** How long imports of a service nobody exports any more stay before they are deleted (default 5 min). */
  orphanGraceMs?: number;
  /** Delay between a change and the reconcile (default 50 ms). */
  debounceMs?: number;
  now?: () => number;
}

export interface McsController {
  start(): void;
  stop(): void;
  /** One reconcile pass now (start() runs one too). */
  reconcile(): void;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Whether `have` holds everything `want` says (objects by key; arrays and values exactly): server defaults do not count as a difference. */
function covers(have: unknown, want: unknown): boolean {
  if (want && typeof want === 'object' && !Array.isArray(want)) {
    if (!have || typeof have !== 'object' || Array.isArray(have)) return false;
    return Object.entries(want).every(([k, v]) => covers((have as Rec)[k], v));
  }
  return isDeepStrictEqual(have, want);
}

/** Creates `want`, or replaces the stored object when it does not cover `want`. */
function ensure(store: ClusterStore, want: KubeObject): void {
  const { namespace, name } = want.metadata;
  const have = store.get(want.apiVersion, want.kind, namespace, name);
  if (!have) {
    store.create(want);
    return;
  }
  const { metadata: wantMeta, ...wantBody } = want;
  const { labels, annotations, ownerReferences } = wantMeta;
  if (covers(have, wantBody) && covers(have.metadata, { labels, annotations }) && (!ownerReferences || covers(have.metadata.ownerReferences, ownerReferences))) return;
  const { resourceVersion: _rv, ...meta } = have.metadata;
  store.replace({ ...have, ...wantBody, metadata: { ...meta, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}), ...(ownerReferences ? { ownerReferences } : {}) } as KubeObject['metadata'] });
}

interface Port {
  name?: string;
  port: number;
  protocol: string;
}

const portsOf = (svc: KubeObject): Port[] =>
  arr(rec(svc.spec).ports).flatMap((p) => {
    const r = rec(p);
    return typeof r.port === 'number' ? [{ ...(typeof r.name === 'string' ? { name: r.name } : {}), port: r.port, protocol: typeof r.protocol === 'string' ? r.protocol : 'TCP' }] : [];
  });
const portKey = (ports: Port[]) => ports.map((p) => `${p.port}/${p.protocol}`).sort().join(',');

interface Exporter {
  cluster: DemoClusterName;
  ports: Port[];
  slices: KubeObject[];
}

export function createMcsController(options: McsControllerOptions): McsController {
  const graceMs = options.orphanGraceMs ?? 5 * 60_000;
  const debounceMs = options.debounceMs ?? 50;
  const now = options.now ?? Date.now;
  const stores = Object.values(options.stores).filter((s): s is ClusterStore => s !== undefined);
  /** `<cluster>|<ns>/<name>` -> when its import lost its last exporter. */
  const orphanedSince = new Map<string, number>();
  let pending: ReturnType<typeof setTimeout> | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void)[] = [];

  const condition = (old: unknown[], type: string, status: string, reason: string, message: string) => {
    const prev = old.map(rec).find((c) => c.type === type);
    const lastTransitionTime = prev && prev.status === status && typeof prev.lastTransitionTime === 'string' ? prev.lastTransitionTime : new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { type, status, reason, message, lastTransitionTime };
  };

  /** The exporters of every exported namespace/name, and each export's status. */
  function exports(): Map<string, Exporter[]> {
    const out = new Map<string, Exporter[]>();
    for (const store of stores) {
      for (const e of store.list(GKE_MCS_API, 'ServiceExport')) {
        const ns = e.metadata.namespace ?? 'default';
        const name = e.metadata.name;
        const svc = store.get('v1', 'Service', ns, name);
        const ok = svc !== undefined && rec(svc.spec).type !== 'ExternalName';
        if (ok) {
          const slices = store.list('discovery.k8s.io/v1', 'EndpointSlice', ns).filter((s) => s.metadata.labels?.[SERVICE_NAME] === name);
          out.set(`${ns}/${name}`, [...(out.get(`${ns}/${name}`) ?? []), { cluster: store.cluster, ports: portsOf(svc), slices }]);
        }
      }
    }
    for (const store of stores) {
      for (const e of store.list(GKE_MCS_API, 'ServiceExport')) {
        const key = `${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
        const others = out.get(key) ?? [];
        const mine = others.find((x) => x.cluster === store.cluster);
        const conflict = mine !== undefined && others.some((x) => portKey(x.ports) !== portKey(mine.ports));
        const old = arr(rec(e.status).conditions);
        const conditions = [
          condition(old, 'Initialized', 'True', 'Initialized', 'Export initialized'),
          mine
            ? condition(old, 'Exported', 'True', 'Exported', `Service ${key} is exported to the fleet`)
            : condition(old, 'Exported', 'False', 'ServiceNotFound', `no Service ${key} in this cluster: nothing to export`),
          conflict
            ? condition(old, 'Conflict', 'True', 'PortConflict', `exporting clusters disagree on the ports of ${key}: ${others.map((x) => `${x.cluster}: ${portKey(x.ports)}`).join('; ')}`)
            : condition(old, 'Conflict', 'False', 'NoConflicts', 'No conflicts'),
        ];
        ensure(store, { ...e, status: { conditions } });
      }
    }
    return out;
  }

  function derivedSlices(ns: string, name: string, derived: string, from: Exporter[]): KubeObject[] {
    return from.map((x) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${derived}-${x.cluster}`,
        namespace: ns,
        labels: { [SERVICE_NAME]: derived, [SLICE_MANAGED_BY]: MANAGED_BY, [SOURCE_CLUSTER_LABEL]: x.cluster, [MCS_SERVICE_NAME_LABEL]: name },
      },
      addressType: 'IPv4',
      // The exporting cluster's endpoints: its pods are not this cluster's, so no targetRef.
      endpoints: x.slices.flatMap((s) => arr(s.endpoints)).map((raw) => {
        const ep = rec(raw);
        return { addresses: arr(ep.addresses), conditions: rec(ep.conditions), ...(typeof ep.zone === 'string' ? { zone: ep.zone } : {}) };
      }),
      ports: arr(x.slices[0]?.ports),
    }));
  }

  function reconcileImports(store: ClusterStore, ns: string, name: string, from: Exporter[], nextGrace: (at: number) => void): void {
    if (!store.get('v1', 'Namespace', undefined, ns)) return; // GKE imports only into clusters that have the namespace
    const key = `${store.cluster}|${ns}/${name}`;
    const existing = store.get(GKE_MCS_API, 'ServiceImport', ns, name);
    const derived = derivedNameOf(ns, name);
    let ports: Port[];
    if (from.length === 0) {
      if (!existing) return;
      const since = orphanedSince.get(key) ?? now();
      orphanedSince.set(key, since);
      if (now() - since >= graceMs) {
        for (const s of store.list('discovery.k8s.io/v1', 'EndpointSlice', ns)) if (s.metadata.labels?.[SERVICE_NAME] === derived) store.delete(s.apiVersion, s.kind, ns, s.metadata.name);
        if (store.get('v1', 'Service', ns, derived)) store.delete('v1', 'Service', ns, derived);
        store.delete(GKE_MCS_API, 'ServiceImport', ns, name);
        orphanedSince.delete(key);
        return;
      }
      nextGrace(since + graceMs);
      ports = portsOf(existing);
    } else {
      orphanedSince.delete(key);
      const seen = new Map<string, Port>();
      for (const x of from) for (const p of x.ports) if (!seen.has(`${p.port}/${p.protocol}`)) seen.set(`${p.port}/${p.protocol}`, p);
      ports = [...seen.values()];
    }
    const vip = clusterSetVip(ns, name);
    ensure(store, {
      apiVersion: GKE_MCS_API,
      kind: 'ServiceImport',
      metadata: {
        name,
        namespace: ns,
        labels: { [MANAGED_BY_LABEL]: MANAGED_BY, 'net.gke.io/backend-service-name': `gkemcs-${ns}-${name}`.slice(0, 63) },
        annotations: { [DERIVED_SERVICE_ANNOTATION]: derived },
      },
      spec: { type: 'ClusterSetIP', ips: [vip], ports, sessionAffinity: 'None' },
      status: { clusters: from.map((x) => ({ cluster: membershipOf(x.cluster) })) },
    });
    const serviceImport = store.get(GKE_MCS_API, 'ServiceImport', ns, name);
    ensure(store, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: derived,
        namespace: ns,
        labels: { [MANAGED_BY_LABEL]: MANAGED_BY, [MCS_SERVICE_NAME_LABEL]: name },
        ...(serviceImport ? { ownerReferences: [{ apiVersion: GKE_MCS_API, kind: 'ServiceImport', name, uid: serviceImport.metadata.uid ?? '', controller: true }] } : {}),
      },
      spec: { type: 'ClusterIP', clusterIP: vip, clusterIPs: [vip], ports: ports.map((p) => ({ ...p, targetPort: p.port })) },
    });
    const want = derivedSlices(ns, name, derived, from);
    for (const s of want) ensure(store, s);
    for (const s of store.list('discovery.k8s.io/v1', 'EndpointSlice', ns)) {
      if (s.metadata.labels?.[SERVICE_NAME] === derived && s.metadata.labels?.[SLICE_MANAGED_BY] === MANAGED_BY && !want.some((w) => w.metadata.name === s.metadata.name)) {
        store.delete(s.apiVersion, s.kind, ns, s.metadata.name);
      }
    }
  }

  function reconcile(): void {
    const exported = exports();
    const keys = new Set(exported.keys());
    for (const store of stores) {
      for (const i of store.list(GKE_MCS_API, 'ServiceImport')) {
        if (i.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY) keys.add(`${i.metadata.namespace ?? 'default'}/${i.metadata.name}`);
      }
    }
    let earliest = Infinity;
    for (const key of [...keys].sort()) {
      const [ns = '', name = ''] = key.split('/');
      for (const store of stores) reconcileImports(store, ns, name, exported.get(key) ?? [], (at) => (earliest = Math.min(earliest, at)));
    }
    clearTimeout(graceTimer);
    if (earliest !== Infinity && unsubscribe.length > 0) {
      graceTimer = setTimeout(schedule, Math.max(0, earliest - now()) + 10);
      graceTimer.unref?.();
    }
  }

  function schedule(): void {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      try {
        reconcile();
      } catch (err) {
        console.warn(`[demo] gke MCS controller: ${(err as Error).message}`);
      }
    }, debounceMs);
    pending.unref?.();
  }

  const onChange = (change: StoreChange) => {
    if (WATCHED.has(change.object.kind)) schedule();
  };

  return {
    start() {
      if (unsubscribe.length) return;
      unsubscribe = stores.map((s) => s.onChange(onChange));
      reconcile();
    },
    stop() {
      clearTimeout(pending);
      clearTimeout(graceTimer);
      pending = graceTimer = undefined;
      for (const off of unsubscribe) off();
      unsubscribe = [];
    },
    reconcile,
  };
}
