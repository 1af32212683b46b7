import 'server-only';
import type { SyncStatus } from './schemas';

// Reading /debug/syncz the way istioctl proxy-status does, per xDS type: sent "" -> NOT SENT;
// sent == acked -> SYNCED; otherwise STALE. Per proxy: stale when any sent type is not acked,
// not sent when nothing at all was sent, synced otherwise. (A gateway without routes legitimately
// has no route push; that alone does not make it "not sent".)

export type XdsState = 'SYNCED' | 'STALE' | 'NOT SENT';
export type ProxySyncState = 'synced' | 'stale' | 'notSent';

const FLAT_TYPES = ['cluster', 'listener', 'route', 'endpoint'] as const;

export interface SyncSummary {
  proxies: number;
  synced: number;
  stale: number;
  notSent: number;
  /** Proxies by their Istio version (istio_version, or proxy_version when absent; "unknown" else). */
  versions: Record<string, number>;
  /** The proxies that are stale or not sent, for drill-down (proxy id `<pod>.<namespace>`). */
  unsynced: { proxy: string; state: Exclude<ProxySyncState, 'synced'> }[];
}

function xdsState(sent: string | undefined, acked: string | undefined): XdsState {
  if (!sent) return 'NOT SENT';
  return sent === acked ? 'SYNCED' : 'STALE';
}

/** The (sent, acked) pairs of a proxy: the flat fields, or the `resources` map of newer versions. */
function pairs(s: SyncStatus): [string | undefined, string | undefined][] {
  const flat = FLAT_TYPES.map((t) => [s[`${t}_sent`], s[`${t}_acked`]] as [string | undefined, string | undefined]);
  if (flat.some(([sent]) => sent) || !s.resources) return flat;
  return Object.values(s.resources).map((r) => [r.sent, r.acked]);
}

function proxySyncState(s: SyncStatus): ProxySyncState {
  const states = pairs(s).map(([sent, acked]) => xdsState(sent, acked));
  if (states.includes('STALE')) return 'stale';
  return states.includes('SYNCED') ? 'synced' : 'notSent';
}

export function summarizeSyncz(statuses: readonly SyncStatus[]): SyncSummary {
  const out: SyncSummary = { proxies: statuses.length, synced: 0, stale: 0, notSent: 0, versions: {}, unsynced: [] };
  for (const s of statuses) {
    const state = proxySyncState(s);
    out[state] += 1;
    if (state !== 'synced') out.unsynced.push({ proxy: s.proxy, state });
    const version = s.istio_version || s.proxy_version || 'unknown';
    out.versions[version] = (out.versions[version] ?? 0) + 1;
  }
  return out;
}
