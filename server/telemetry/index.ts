import 'server-only';
import { singleFlight } from '@/lib/single-flight';
import type { ClusterTelemetry } from '@/lib/telemetry';
import { getConfig } from '@/server/config';
import { telemetrySettings } from '@/server/config/schema';
import { clustersWithoutPrometheus, prometheusTargets } from '@/server/prometheus/targets';
import { judgeTelemetry, type TelemetryFacts } from './judge';
import { probeGroup } from './probe';

// The telemetry state of every configured cluster, computed once and shared: the graph, /api/clusters,
// /api/mesh and the alert check all ask here. Live results ("now") are cached for the graph's TTL
// (5 s, server/graph/request.ts) with single-flight; a replay (`at`) is evaluated at its time,
// without the targets API. The process remembers when it last saw each cluster's Istio series, so
// "no Istio telemetry for 3 min" costs a look-back query once per outage, not once per request.

const TTL_MS = 5_000;
const LOOK_BACK_S = 3_600;
/** A Prometheus that said it has no targets API is asked again after this long. */
const TARGETS_API_RETRY_MS = 300_000;
/** A remembered sample time is trusted for an outage's start when it was checked this recently. */
const SEEN_TRUST_S = 60;

const results = singleFlight<Map<string, ClusterTelemetry>>('meridian.telemetry.results', TTL_MS, 100);

interface Memory {
  /** Cluster -> newest sample seen (unix s) and when that was checked (unix s). */
  seen: Map<string, { sample: number; checkedAt: number }>;
  /** Cluster -> its last sample before the current outage (undefined: none in the look-back). */
  outage: Map<string, number | undefined>;
  /** Prometheus URL -> no targets API until (ms). */
  noTargetsApi: Map<string, number>;
}

const KEY = Symbol.for('meridian.telemetry');
type WithMemory = typeof globalThis & { [KEY]?: Memory };
function memory(): Memory {
  const g = globalThis as WithMemory;
  g[KEY] ??= { seen: new Map(), outage: new Map(), noTargetsApi: new Map() };
  return g[KEY];
}

/** Forgets cached results and remembered samples (tests). */
export function resetTelemetryMemory(): void {
  delete (globalThis as WithMemory)[KEY];
  results.clear();
}

async function compute(at: number | undefined): Promise<Map<string, ClusterTelemetry>> {
  const cfg = getConfig();
  const settings = telemetrySettings(cfg);
  const names = cfg.clusters.map((c) => c.name);
  const mem = memory();
  const live = at === undefined;
  const now = at ?? Date.now() / 1000;
  const facts: TelemetryFacts[] = clustersWithoutPrometheus(names).map((cluster) => ({ cluster, prometheus: 'not-configured' }));
  const recentlySeen = (c: string) => {
    const s = mem.seen.get(c);
    return s !== undefined && now - s.checkedAt <= SEEN_TRUST_S;
  };
  await Promise.all(
    prometheusTargets(names).map(async (group) => {
      const url = group.target.url;
      const r = await probeGroup({
        group,
        at: new Date(now * 1000),
        targetsApi: live && (mem.noTargetsApi.get(url) ?? 0) <= Date.now(),
        lookBack: (c) => !live || (!mem.outage.has(c) && !recentlySeen(c)),
        lookBackSeconds: LOOK_BACK_S,
        meshTargets: settings.meshTargets,
      });
      if (r.targetsApiAbsent) mem.noTargetsApi.set(url, Date.now() + TARGETS_API_RETRY_MS);
      if (live) remember(mem, r.facts, new Set(r.lookedBack), now);
      facts.push(...r.facts);
    }),
  );
  const out = new Map<string, ClusterTelemetry>();
  for (const f of facts.sort((a, b) => (a.cluster < b.cluster ? -1 : 1))) {
    out.set(f.cluster, judgeTelemetry(f, { now, staleAfterSeconds: settings.staleAfterSeconds, lookBackSeconds: LOOK_BACK_S }));
  }
  return out;
}

/** Updates what the process remembers and fills `lastSeen` of the facts of an ongoing outage. */
function remember(mem: Memory, facts: TelemetryFacts[], lookedBack: Set<string>, now: number): void {
  for (const f of facts) {
    if (f.prometheus !== 'reachable') continue;
    const newest = Math.max(f.newestRequest ?? -Infinity, f.newestTcp ?? -Infinity);
    if (Number.isFinite(newest)) {
      mem.seen.set(f.cluster, { sample: newest, checkedAt: now });
      mem.outage.delete(f.cluster);
      continue;
    }
    if (!mem.outage.has(f.cluster)) {
      const seen = mem.seen.get(f.cluster);
      if (lookedBack.has(f.cluster)) mem.outage.set(f.cluster, f.lastSeen);
      else if (seen && now - seen.checkedAt <= SEEN_TRUST_S) mem.outage.set(f.cluster, seen.sample);
    }
    const last = mem.outage.get(f.cluster);
    if (last !== undefined) f.lastSeen = last;
  }
}

/**
 * The telemetry of every configured cluster (by name). `at` (unix seconds) evaluates a past time;
 * without it, the live state, shared for a few seconds by every caller.
 */
export async function clusterTelemetry(opts: { at?: number } = {}): Promise<Map<string, ClusterTelemetry>> {
  return results.get(opts.at === undefined ? 'now' : String(opts.at), () => compute(opts.at));
}
