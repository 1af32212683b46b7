import 'server-only';
import type { z } from 'zod';
import { getCluster } from '@/server/config';
import { describeCause } from '@/server/http/errors';
import { clusterzSchema, mcszSchema, synczSchema, type ClusterDebugInfo, type MCSServiceInfo } from './schemas';
import { summarizeSyncz, type SyncSummary } from './syncz';

// istiod's debug endpoints and metrics of one cluster, from the configured istiod URL
// (clusters[].istiod.url; a base to which "/debug/syncz" etc. is appended, e.g.
// http://istiod.istio-system:15014 or the demo's http://127.0.0.1:17070/clusters/us-east/istiod).
// Nothing here throws for an istiod that is not configured, unreachable, slow or answering nonsense:
// the answer is a per-cluster error value, so one cluster's istiod never hides the others.

/** An error, or `absent`: the endpoint does not exist by design (a managed control plane has no istiod), not an outage. */
export type IstiodResult<T> = { cluster: string; ok: true; value: T } | { cluster: string; ok: false; error: string; absent?: true };

export interface IstiodOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

const TIMEOUT_MS = 3000;

/** The configured istiod base URL of a cluster, or undefined (unknown clusters throw unknown_cluster). */
function istiodUrl(cluster: string): string | undefined {
  return getCluster(cluster).istiod?.url.replace(/\/$/, '');
}

async function fetchText(cluster: string, path: string, opts: IstiodOptions): Promise<IstiodResult<string>> {
  const base = istiodUrl(cluster);
  if (!base) return { cluster, ok: false, error: `no istiod URL is configured for cluster ${cluster}` };
  const url = base + path;
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout });
    const text = await res.text();
    if (!res.ok) return { cluster, ok: false, error: `istiod ${url} answered HTTP ${res.status}: ${text.slice(0, 200).trim()}` };
    return { cluster, ok: true, value: text };
  } catch (err) {
    const why = timeout.aborted ? `no answer within ${timeoutMs} ms` : opts.signal?.aborted ? 'cancelled' : describeCause(err);
    return { cluster, ok: false, error: `istiod ${url} is unreachable: ${why}` };
  }
}

async function fetchJson<T>(cluster: string, path: string, schema: z.ZodType<T>, opts: IstiodOptions): Promise<IstiodResult<T>> {
  const r = await fetchText(cluster, path, opts);
  if (!r.ok) return r;
  let body: unknown;
  try {
    body = JSON.parse(r.value);
  } catch {
    return { cluster, ok: false, error: `istiod of cluster ${cluster}: ${path} is not JSON` };
  }
  // istiod answers `null` for an empty list (a nil Go slice).
  const parsed = schema.safeParse(body ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { cluster, ok: false, error: `istiod of cluster ${cluster}: unexpected ${path} answer at ${issue?.path.join('.') || '(root)'}: ${issue?.message}` };
  }
  return { cluster, ok: true, value: parsed.data };
}

/** /debug/syncz read as a summary (proxies, synced, stale, not sent, versions). */
export async function istiodSyncz(cluster: string, opts: IstiodOptions = {}): Promise<IstiodResult<SyncSummary>> {
  const r = await fetchJson(cluster, '/debug/syncz', synczSchema, opts);
  return r.ok ? { cluster, ok: true, value: summarizeSyncz(r.value) } : r;
}

/** /debug/mcsz: the MCS services istiod knows, with their export/import state. */
export function istiodMcsz(cluster: string, opts: IstiodOptions = {}): Promise<IstiodResult<MCSServiceInfo[]>> {
  return fetchJson(cluster, '/debug/mcsz', mcszSchema, opts);
}

/** /debug/clusterz: the clusters this istiod watches (its own and remote-secret ones) and their sync status. */
export function istiodClusterz(cluster: string, opts: IstiodOptions = {}): Promise<IstiodResult<ClusterDebugInfo[]>> {
  return fetchJson(cluster, '/debug/clusterz', clusterzSchema, opts);
}

/** istiod's own metrics, Prometheus text as served. */
export function istiodMetricsText(cluster: string, opts: IstiodOptions = {}): Promise<IstiodResult<string>> {
  return fetchText(cluster, '/metrics', opts);
}
