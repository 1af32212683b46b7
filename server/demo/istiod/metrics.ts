import 'server-only';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ClusterStoreView, StoreChange } from '../types';
import { connectedProxies, ISTIOD_VERSION } from './proxies';

// istiod's own Prometheus metrics for one cluster, on a Registry of its own (never prom-client's
// global one). Gauges are read from the store at scrape time; counters and the convergence histogram
// advance on every committed store change (each change is a push to the connected proxies), so they
// stay monotonic across scrapes like a real istiod's.

/** A value, or a getter read at every scrape (so a scenario's state can be wired in once). */
type Live<T> = T | (() => T);

export interface IstiodMetricsOptions {
  /** When the mesh root certificate expires, as a Date or epoch milliseconds (default, or when the
   *  getter returns undefined: one year after this object was created). */
  certExpiresAt?: Live<Date | number | undefined>;
  istioVersion?: string;
  /** Remote clusters this istiod cannot reach (cut-off scenario): istiod_remote_cluster_sync_status timeout. */
  unreachable?: Live<readonly string[]>;
  now?: () => number;
}

function read<T>(v: Live<T>): T {
  return typeof v === 'function' ? (v as () => T)() : v;
}

export interface IstiodMetrics {
  readonly registry: Registry;
  /** Changes options at run time (e.g. the cert-expiry scenario sets `certExpiresAt`). */
  configure(patch: Partial<IstiodMetricsOptions>): void;
  /** Prometheus text exposition of the registry. */
  metrics(): Promise<string>;
  /** Stops following the store. */
  close(): void;
}

const YEAR_SECONDS = 365 * 24 * 3600;
// Istio's buckets for pilot_proxy_convergence_time.
const CONVERGENCE_BUCKETS = [0.1, 0.5, 1, 3, 5, 10, 20, 30];

// The kinds Istio's Kubernetes registry counts in pilot_k8s_reg_events, and their `type` label.
const REG_KINDS = [
  { apiVersion: 'v1', kind: 'Service', type: 'Services' },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', type: 'EndpointSlice' },
  { apiVersion: 'v1', kind: 'Pod', type: 'Pods' },
  { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', type: 'ServiceExports' },
  { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', type: 'ServiceImports' },
];
const SYNC_STATES = ['synced', 'syncing', 'timeout', 'closed'] as const;
const EVENT_NAMES = { ADDED: 'add', MODIFIED: 'update', DELETED: 'delete' } as const;

export function istiodMetrics(view: ClusterStoreView, initial: IstiodMetricsOptions = {}): IstiodMetrics {
  const opts: IstiodMetricsOptions = { ...initial };
  const now = () => (opts.now ?? Date.now)();
  const defaultExpiry = Math.floor(now() / 1000) + YEAR_SECONDS;
  const expirySeconds = () => {
    const at = opts.certExpiresAt === undefined ? undefined : read(opts.certExpiresAt);
    return at === undefined ? defaultExpiry : Math.floor((typeof at === 'number' ? at : at.getTime()) / 1000);
  };
  const registry = new Registry();
  const registers = [registry];
  // Remote cluster ids: the data keys of the remote secrets, as Istio reads them.
  const remoteClusters = () =>
    view
      .list('v1', 'Secret')
      .filter((s) => s.metadata.labels?.['istio/multiCluster'] === 'true')
      .flatMap((s) => Object.keys((s.data as Record<string, string> | undefined) ?? {}))
      .filter((id) => id !== view.cluster)
      .sort();

  new Gauge({
    name: 'istio_build',
    help: 'Istio component build info',
    labelNames: ['component', 'tag'],
    registers,
    collect() {
      this.reset();
      this.set({ component: 'pilot', tag: opts.istioVersion ?? ISTIOD_VERSION }, 1);
    },
  });
  new Gauge({
    name: 'pilot_xds',
    help: 'Number of endpoints connected to this pilot using XDS.',
    labelNames: ['version'],
    registers,
    collect() {
      this.reset();
      const byVersion = new Map<string, number>();
      for (const p of connectedProxies(view)) byVersion.set(p.version, (byVersion.get(p.version) ?? 0) + 1);
      for (const [version, n] of byVersion) this.set({ version }, n);
    },
  });
  new Gauge({
    name: 'pilot_services',
    help: 'Total services known to pilot.',
    registers,
    collect() {
      this.set(view.list('v1', 'Service').length);
    },
  });
  new Gauge({
    name: 'pilot_virt_services',
    help: 'Total virtual services known to pilot.',
    registers,
    collect() {
      this.set(view.list('networking.istio.io/v1', 'VirtualService').length);
    },
  });
  new Gauge({
    name: 'istiod_managed_clusters',
    help: 'Number of clusters managed by istiod',
    labelNames: ['cluster_type'],
    registers,
    collect() {
      this.set({ cluster_type: 'local' }, 1);
      this.set({ cluster_type: 'remote' }, remoteClusters().length);
    },
  });
  new Gauge({
    name: 'istiod_remote_cluster_sync_status',
    help: 'Current synchronization state of remote clusters managed by istiod. A value of 1 indicates the cluster is in that state.',
    labelNames: ['cluster', 'cluster_type', 'status'],
    registers,
    collect() {
      this.reset();
      for (const remote of remoteClusters()) {
        const state = read(opts.unreachable ?? []).includes(remote) ? 'timeout' : 'synced';
        for (const status of SYNC_STATES) this.set({ cluster: remote, cluster_type: 'remote', status }, status === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'citadel_server_root_cert_expiry_timestamp',
    help: 'The unix timestamp, in seconds, when Citadel root cert will expire. A negative time indicates the cert is expired.',
    registers,
    collect() {
      this.set(expirySeconds());
    },
  });
  new Gauge({
    name: 'citadel_server_root_cert_expiry_seconds',
    help: 'The time remaining, in seconds, before the root cert will expire. A negative value indicates the cert is expired.',
    registers,
    collect() {
      this.set(expirySeconds() - Math.floor(now() / 1000));
    },
  });

  const pushes = new Counter({ name: 'pilot_xds_pushes', help: 'Pilot build and send errors for lds, rds, cds and eds.', labelNames: ['type'], registers });
  const convergence = new Histogram({
    name: 'pilot_proxy_convergence_time',
    help: 'Delay in seconds between config change and a proxy receiving all required configuration.',
    buckets: CONVERGENCE_BUCKETS,
    registers,
  });
  const regEvents = new Counter({ name: 'pilot_k8s_reg_events', help: 'Events from k8s registry.', labelNames: ['type', 'event'], registers });

  let pushCount = 0;
  let proxyCount: number | undefined; // cached between Pod changes: large synthetic meshes push often
  // A push reaches every connected proxy; convergence times are spread deterministically (20-400 ms).
  const push = (types: readonly string[]) => {
    const proxies = (proxyCount ??= connectedProxies(view).length);
    if (proxies === 0) return;
    for (const type of types) pushes.inc({ type }, proxies);
    for (let i = 0; i < proxies; i++) convergence.observe(0.02 + (((pushCount * 7919 + i * 104729) % 1000) / 1000) * 0.38);
    pushCount++;
  };

  for (const { apiVersion, kind, type } of REG_KINDS) {
    const n = view.list(apiVersion, kind).length;
    if (n > 0) regEvents.inc({ type, event: 'add' }, n);
  }
  push(['cds', 'eds', 'lds', 'rds']); // the initial full push to every proxy

  const unsubscribe = view.onChange((change: StoreChange) => {
    if (change.object.kind === 'Pod') proxyCount = undefined;
    const type = REG_KINDS.find((k) => k.kind === change.object.kind)?.type;
    if (type) regEvents.inc({ type, event: EVENT_NAMES[change.type] });
    // Endpoint changes are incremental (EDS) pushes; anything else is a full push.
    push(change.object.kind === 'EndpointSlice' || change.object.kind === 'Pod' ? ['eds'] : ['cds', 'eds', 'lds', 'rds']);
  });

  return {
    registry,
    configure(patch) {
      Object.assign(opts, patch);
    },
    metrics: () => registry.metrics(),
    close: unsubscribe,
  };
}
