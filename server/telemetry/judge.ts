import 'server-only';
import type { ClusterTelemetry, MeshTargets } from '@/lib/telemetry';

// What was observed of one cluster's telemetry -> its verdict and the words that explain it. Pure:
// server/telemetry/probe.ts gathers the facts, this decides. One place for the wording, so the
// graph banner, the Overview, the cluster cards and the alert say the same thing.

export interface TelemetryFacts {
  cluster: string;
  prometheus: ClusterTelemetry['prometheus'];
  /** Why Prometheus is unreachable. */
  error?: string;
  /** Unix seconds of the newest request / TCP sample at the evaluation time (undefined: no series). */
  newestRequest?: number;
  newestTcp?: number;
  /** Unix seconds of the last Istio sample seen before, when none is current. */
  lastSeen?: number;
  /** The mesh targets, when the targets API or `up` told. */
  targets?: MeshTargets;
  /** Why the targets are unknown, or how they were recognised (said when it helps). */
  targetsNote?: string;
}

export interface JudgeOptions {
  /** Evaluation time, unix seconds. */
  now: number;
  staleAfterSeconds: number;
  /** How far back `lastSeen` was looked for (for "not in the last hour"). */
  lookBackSeconds: number;
}

/** "8 s", "3 min", "2 h". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

function targetsText(t: MeshTargets): string {
  const total = t.up + t.down;
  if (total === 0) return '';
  if (t.down === 0) return `${total} mesh target${total === 1 ? ' is' : 's are'} up`;
  const first = t.errors[0];
  const why = first ? `: ${first.target}: ${first.error}` : t.source === 'up-series' ? ' (the `up` series tell no error: this Prometheus has no targets API)' : '';
  const more = t.errors.length > 1 ? ` (and ${t.errors.length - 1} more error${t.errors.length > 2 ? 's' : ''})` : '';
  return `${t.down} of ${total} mesh targets down${why}${more}`;
}

const sentence = (s: string) => (s ? `${s.charAt(0).toUpperCase()}${s.slice(1)}.` : '');

export function judgeTelemetry(f: TelemetryFacts, o: JudgeOptions): ClusterTelemetry {
  const base = { cluster: f.cluster, prometheus: f.prometheus, requestSeries: f.newestRequest !== undefined, tcpSeries: f.newestTcp !== undefined, ...(f.targets ? { targets: f.targets } : {}) };
  if (f.prometheus === 'not-configured') {
    return { ...base, verdict: 'missing', summary: 'no Prometheus configured', reason: `No Prometheus is configured for ${f.cluster} (meridian.yaml: clusters[].prometheus or prometheus): its traffic cannot be shown.` };
  }
  if (f.prometheus === 'unreachable') {
    return { ...base, verdict: 'unreachable', summary: 'Prometheus unreachable', reason: f.error ?? `The Prometheus of ${f.cluster} did not answer.` };
  }
  const targets = f.targets ? targetsText(f.targets) : '';
  const note = f.targets ? '' : (f.targetsNote ?? '');
  const newest = Math.max(f.newestRequest ?? -Infinity, f.newestTcp ?? -Infinity);
  if (!Number.isFinite(newest)) {
    const since = f.lastSeen !== undefined ? o.now - f.lastSeen : undefined;
    const summary = since !== undefined ? `no Istio telemetry for ${formatAge(since)}` : 'no Istio telemetry';
    const when =
      f.lastSeen !== undefined
        ? `; the last sample is from ${new Date(f.lastSeen * 1000).toISOString()}, ${formatAge(since ?? 0)} ago`
        : ` in the last ${formatAge(o.lookBackSeconds)}`;
    const why =
      f.targets && f.targets.down === 0 && f.targets.up > 0
        ? `its mesh targets are up but export no Istio series: no traffic has flowed yet, or the proxies' metrics are not Istio's standard ones`
        : f.targets && f.targets.up + f.targets.down === 0
          ? `Prometheus scrapes no mesh target of ${f.cluster}${f.targetsNote ? ` (${f.targetsNote})` : ''}`
          : targets || note;
    return {
      ...base,
      verdict: 'missing',
      summary,
      reason: `Prometheus has no Istio series (istio_requests_total, istio_tcp_*) from ${f.cluster}${when}. ${sentence(why)}`.trim(),
      ...(f.lastSeen !== undefined ? { lastSampleAt: new Date(f.lastSeen * 1000).toISOString() } : {}),
    };
  }
  const age = Math.max(0, o.now - newest);
  const withAge = { ...base, newestSampleAgeSeconds: Math.round(age * 10) / 10 };
  if (age > o.staleAfterSeconds) {
    return {
      ...withAge,
      verdict: 'stale',
      summary: `Istio telemetry stale (${formatAge(age)} old)`,
      reason: `The newest Istio sample of ${f.cluster} is ${formatAge(age)} old (stale after ${formatAge(o.staleAfterSeconds)}): Prometheus is not getting its proxies' metrics. ${sentence(targets || note)}`.trim(),
    };
  }
  if (f.targets && f.targets.down > 0) {
    return {
      ...withAge,
      verdict: 'partial',
      summary: `${f.targets.down} of ${f.targets.up + f.targets.down} mesh targets down`,
      reason: `Istio telemetry of ${f.cluster} is current, but part of its traffic is missing: ${targets}.`,
    };
  }
  return {
    ...withAge,
    verdict: 'ok',
    summary: 'Istio telemetry current',
    reason: `Istio series current (newest sample ${formatAge(age)} old)${targets ? `; ${targets}` : ''}. ${sentence(note)}`.trim(),
  };
}
