import 'server-only';
import type { MeshTargets } from '@/lib/telemetry';
import type { TelemetryConfig } from '@/server/config/schema';
import { queryInstant, type PromSample } from '@/server/prometheus/client';
import { escapePromLabelValue, promRegexAnyOf } from '@/server/prometheus/escape';
import type { TargetGroup } from '@/server/prometheus/targets';
import type { TelemetryFacts } from './judge';
import { readTargets, type ActiveTarget } from './targets-api';

// The facts of the clusters one Prometheus serves, cheaply: three instant queries in parallel
//   newest request sample   max by (cluster) (timestamp(istio_requests_total{cluster=~"…"}))
//   newest TCP sample       the same over istio_tcp_sent/received_bytes_total
//   mesh targets up/down    count_values by (cluster) ("up", up{job=~"<mesh pattern>", cluster=~"…"})
// then, only when some mesh target is down or `up` says nothing of a cluster, the targets API (the
// down targets' last errors); and, only for a cluster whose series are gone and whose last sample
// the caller does not know, one look-back over the last hour. A Prometheus of one cluster is not
// filtered by label (everything in it is that cluster's). Without a targets API (Mimir; 404/405/501)
// the `up` series still count the targets; without those either, only the series checks remain.

export interface ProbeInput {
  group: TargetGroup;
  /** Evaluation time. */
  at: Date;
  /** Ask the targets API (live evaluations only; not when it is known to be absent). */
  targetsApi: boolean;
  /** Whether to look back for the last sample of this cluster if its series are gone. */
  lookBack: (cluster: string) => boolean;
  lookBackSeconds: number;
  meshTargets: TelemetryConfig['meshTargets'];
}

export interface ProbeResult {
  facts: TelemetryFacts[];
  /** Set when the targets API answered that it does not exist (the caller stops asking for a while). */
  targetsApiAbsent?: string;
  /** Clusters whose look-back ran (lastSeen in their facts when a sample was found). */
  lookedBack: string[];
}

const query = (group: TargetGroup, promql: string, at: Date) => queryInstant(group.target, promql, { time: at });

const ISTIO_TCP = 'istio_tcp_sent_bytes_total|istio_tcp_received_bytes_total';
const MAX_ERRORS = 5;

/** The queries of one Prometheus (exported for tests and for reading). */
export function telemetryQueries(group: TargetGroup, mesh: TelemetryConfig['meshTargets'], lookBackFor: string[] = [], lookBackSeconds = 3600) {
  const label = filterLabel(group);
  const only = (clusters: readonly string[]) => (label ? `,${label}=~"${promRegexAnyOf(clusters)}"` : '');
  const by = label ? ` by (${label})` : '';
  const newest = (names: string) => `max${by} (timestamp({__name__=~"${names}"${only(group.clusters)}}))`;
  return {
    requests: `max${by} (timestamp(istio_requests_total{${only(group.clusters).slice(1)}}))`,
    tcp: newest(ISTIO_TCP),
    up: `count_values${by} ("up", up{${mesh.label}=~"${escapePromLabelValue(mesh.pattern)}"${only(group.clusters)}})`,
    lookBack: `max_over_time((max${by} (timestamp({__name__=~"istio_requests_total|${ISTIO_TCP}"${only(lookBackFor)}})))[${lookBackSeconds}s:60s])`,
  };
}

/** The label that tells the clusters of a shared Prometheus apart (undefined: the Prometheus of one cluster). */
function filterLabel(group: TargetGroup): string | undefined {
  return group.target.clusterLabel && (group.global || group.clusters.length > 1) ? group.target.clusterLabel : undefined;
}

function clusterOf(group: TargetGroup, labels: Record<string, string>): string | undefined {
  const label = filterLabel(group);
  return label ? labels[label] : group.clusters[0];
}

const message = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? (r.reason instanceof Error ? r.reason.message : String(r.reason)) : '');

/** Mesh targets per cluster from the targets API; clusters with no target at all are left out (the API says nothing of them). */
function fromTargetsApi(group: TargetGroup, targets: ActiveTarget[], isMesh: (t: ActiveTarget) => boolean): Map<string, MeshTargets> {
  const out = new Map<string, MeshTargets>();
  const anyTarget = new Set<string>();
  for (const t of targets) {
    const cluster = clusterOf(group, t.labels);
    if (!cluster || !group.clusters.includes(cluster)) continue;
    anyTarget.add(cluster);
    if (!isMesh(t)) continue;
    const m = out.get(cluster) ?? { source: 'targets-api' as const, up: 0, down: 0, errors: [] };
    if (t.health === 'up') m.up++;
    else {
      m.down++;
      m.errors.push({ target: t.labels.instance ?? t.scrapeUrl ?? '?', error: t.lastError || `health ${t.health}` });
    }
    out.set(cluster, m);
  }
  for (const c of anyTarget) if (!out.has(c)) out.set(c, { source: 'targets-api', up: 0, down: 0, errors: [] });
  for (const m of out.values()) {
    // Distinct errors first, then the rest, a few in all.
    const seen = new Set<string>();
    const distinct = m.errors.filter((e) => !seen.has(e.error) && seen.add(e.error));
    m.errors = [...distinct, ...m.errors.filter((e) => !distinct.includes(e))].slice(0, MAX_ERRORS);
  }
  return out;
}

export async function probeGroup(input: ProbeInput): Promise<ProbeResult> {
  const { group, at, meshTargets } = input;
  const q = telemetryQueries(group, meshTargets);
  const [req, tcp, up] = await Promise.allSettled([query(group, q.requests, at), query(group, q.tcp, at), query(group, q.up, at)]);
  if (req.status === 'rejected') {
    return { facts: group.clusters.map((cluster) => ({ cluster, prometheus: 'unreachable', error: message(req) })), lookedBack: [] };
  }
  const newest = (samples: PromSample[]) => {
    const m = new Map<string, number>();
    for (const s of samples) {
      const c = clusterOf(group, s.metric);
      if (c) m.set(c, Math.max(s.value, m.get(c) ?? -Infinity));
    }
    return m;
  };
  const requests = newest(req.value);
  const tcpNewest = tcp.status === 'fulfilled' ? newest(tcp.value) : new Map<string, number>();

  const upCounts = new Map<string, MeshTargets>();
  for (const s of up.status === 'fulfilled' ? up.value : []) {
    const c = clusterOf(group, s.metric);
    if (!c) continue;
    const m = upCounts.get(c) ?? { source: 'up-series' as const, up: 0, down: 0, errors: [] };
    if (s.metric.up === '1') m.up += s.value;
    else m.down += s.value;
    upCounts.set(c, m);
  }

  let api: Map<string, MeshTargets> | undefined;
  let apiNote = '';
  let targetsApiAbsent: string | undefined;
  if (input.targetsApi && group.clusters.some((c) => !upCounts.has(c) || (upCounts.get(c)?.down ?? 0) > 0)) {
    const pattern = new RegExp(`^(?:${meshTargets.pattern})$`);
    try {
      const answer = await readTargets(group.target);
      if (answer.available) api = fromTargetsApi(group, answer.targets, (t) => pattern.test(t.labels[meshTargets.label] ?? ''));
      else targetsApiAbsent = apiNote = answer.why;
    } catch (err) {
      apiNote = (err as Error).message;
    }
  }

  const gone = group.clusters.filter((c) => !requests.has(c) && !tcpNewest.has(c) && input.lookBack(c));
  const lastSeen = new Map<string, number>();
  const lookedBack: string[] = [];
  if (gone.length) {
    try {
      const back = telemetryQueries(group, meshTargets, gone, input.lookBackSeconds).lookBack;
      for (const [c, t] of newest(await query(group, back, at))) lastSeen.set(c, t);
      lookedBack.push(...gone);
    } catch {
      // The look-back only adds "for N min"; without it the verdict stands.
    }
  }

  const unknown = [
    up.status === 'rejected' ? `the \`up\` query failed: ${message(up)}` : `no \`up\` series match ${meshTargets.label}=~"${meshTargets.pattern}"`,
    apiNote || (input.targetsApi ? '' : 'the targets API was not asked'),
  ].filter(Boolean);
  const facts = group.clusters.map((cluster): TelemetryFacts => {
    const targets = api?.get(cluster) ?? upCounts.get(cluster);
    return {
      cluster,
      prometheus: 'reachable',
      newestRequest: requests.get(cluster),
      newestTcp: tcpNewest.get(cluster),
      lastSeen: lastSeen.get(cluster),
      ...(targets ? { targets } : { targetsNote: `mesh targets unknown, series checks only: ${unknown.join('; ')}` }),
    };
  });
  return { facts, lookedBack, ...(targetsApiAbsent ? { targetsApiAbsent } : {}) };
}
