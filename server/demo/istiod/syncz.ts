import 'server-only';
import { createHash } from 'node:crypto';
import type { ClusterStoreView, KubeObject } from '../types';
import { connectedProxies, ISTIOD_VERSION, pushVersion } from './proxies';

// /debug/syncz: the xDS sync status of every proxy connected to this istiod, in the shape of Istio's
// `SyncStatus` (pilot/pkg/xds/debug.go; fields omitted when empty, like Go's omitempty).
// istioctl derives a status per xDS type: sent == "" -> NOT SENT; sent == acked -> SYNCED; else STALE.

export type XdsType = 'cluster' | 'listener' | 'route' | 'endpoint';
export const XDS_TYPES: readonly XdsType[] = ['cluster', 'listener', 'route', 'endpoint'];

export interface SyncStatus {
  cluster_id: string;
  proxy: string;
  proxy_type: 'sidecar' | 'router';
  proxy_version: string;
  istio_version: string;
  cluster_sent?: string;
  cluster_acked?: string;
  listener_sent?: string;
  listener_acked?: string;
  route_sent?: string;
  route_acked?: string;
  endpoint_sent?: string;
  endpoint_acked?: string;
}

export type XdsSyncState = 'SYNCED' | 'STALE' | 'NOT SENT';

/** Proxy selector: a proxy id (`<pod>.<ns>`), a pod name, `<ns>/*`, or a predicate. */
export type ProxyMatcher = readonly string[] | ((proxyId: string, pod: KubeObject) => boolean);

export interface SynczOptions {
  /** Proxies whose latest push is sent but not acknowledged (STALE). */
  stale?: ProxyMatcher;
  /** The xDS types left unacknowledged on stale proxies (default: all four). */
  staleTypes?: readonly XdsType[];
  /** Proxies that connected but were sent nothing yet (NOT SENT). */
  notSent?: ProxyMatcher;
  istioVersion?: string;
}

function matches(m: ProxyMatcher | undefined, id: string, pod: KubeObject): boolean {
  if (!m) return false;
  if (typeof m === 'function') return m(id, pod);
  const ns = pod.metadata.namespace ?? '';
  return m.some((s) => s === id || s === pod.metadata.name || s === `${ns}/*`);
}

/** Istio nonces are the push version plus a random part; here the random part is a stable hash. */
function nonce(version: number, proxyId: string, type: XdsType): string {
  const h = createHash('sha1').update(`${proxyId}/${type}/${version}`).digest('hex');
  return `${version}/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function syncz(view: ClusterStoreView, opts: SynczOptions = {}): SyncStatus[] {
  const version = pushVersion(view);
  const staleTypes = new Set(opts.staleTypes ?? XDS_TYPES);
  return connectedProxies(view).map((p) => {
    const status: SyncStatus = {
      cluster_id: view.cluster,
      proxy: p.id,
      proxy_type: p.type,
      proxy_version: p.version,
      istio_version: opts.istioVersion ?? ISTIOD_VERSION,
    };
    if (matches(opts.notSent, p.id, p.pod)) return status;
    const stale = matches(opts.stale, p.id, p.pod);
    for (const type of XDS_TYPES) {
      const sent = nonce(version, p.id, type);
      status[`${type}_sent`] = sent;
      status[`${type}_acked`] = stale && staleTypes.has(type) ? nonce(version - 1, p.id, type) : sent;
    }
    return status;
  });
}

/** istioctl's reading of one xDS type. */
export function xdsState(sent: string | undefined, acked: string | undefined): XdsSyncState {
  if (!sent) return 'NOT SENT';
  return sent === acked ? 'SYNCED' : 'STALE';
}

/** One state for a proxy: the worst over its xDS types (NOT SENT > STALE > SYNCED). */
export function proxySyncState(s: SyncStatus): XdsSyncState {
  const states = XDS_TYPES.map((t) => xdsState(s[`${t}_sent`], s[`${t}_acked`]));
  if (states.includes('NOT SENT')) return 'NOT SENT';
  return states.includes('STALE') ? 'STALE' : 'SYNCED';
}
