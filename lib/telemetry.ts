import { z } from 'zod';

// The state of a cluster's telemetry: can the console see its traffic? Computed once per few seconds
// by server/telemetry (a few instant queries per Prometheus, the targets API when some mesh target
// is down) and shared by the graph (per cluster, and why an empty graph is empty), /api/clusters (the
// Overview's Prometheus column), /api/mesh (the cluster cards) and the built-in alert check.

export const telemetryVerdictSchema = z.enum(['ok', 'stale', 'partial', 'missing', 'unreachable']);
export type TelemetryVerdict = z.infer<typeof telemetryVerdictSchema>;

export const meshTargetsSchema = z.object({
  /** Where the figures come from: Prometheus' targets API (with the last errors) or the `up` series (counts only). */
  source: z.enum(['targets-api', 'up-series']),
  up: z.number().int().nonnegative(),
  down: z.number().int().nonnegative(),
  /** The last scrape errors of down targets (a few, distinct errors first). */
  errors: z.array(z.object({ target: z.string(), error: z.string() })),
});
export type MeshTargets = z.infer<typeof meshTargetsSchema>;

export const clusterTelemetrySchema = z.object({
  cluster: z.string(),
  /**
   * ok: Istio series current. stale: the newest sample is older than a few scrape intervals.
   * partial: current, but some mesh targets are down. missing: no Istio series now (or no Prometheus
   * configured). unreachable: the cluster's Prometheus did not answer.
   */
  verdict: telemetryVerdictSchema,
  /** Short, for a label: "no Istio telemetry for 3 min", "1 of 4 mesh targets down", "Istio telemetry current". */
  summary: z.string(),
  /** The whole explanation, shown as is. */
  reason: z.string(),
  prometheus: z.enum(['reachable', 'unreachable', 'not-configured']),
  /** istio_requests_total series of the cluster exist at the evaluation time. */
  requestSeries: z.boolean(),
  /** istio_tcp_sent/received_bytes_total series exist. */
  tcpSeries: z.boolean(),
  /** Age of the newest Istio sample, seconds (when there is one). */
  newestSampleAgeSeconds: z.number().nonnegative().optional(),
  /** When no series is current: ISO time of the last Istio sample seen (within the look-back hour). */
  lastSampleAt: z.string().optional(),
  /** The cluster's mesh targets; absent when neither the targets API nor `up` could tell (series checks only). */
  targets: meshTargetsSchema.optional(),
});
export type ClusterTelemetry = z.infer<typeof clusterTelemetrySchema>;

/** A verdict that deserves a banner, a mark or an alert (a cluster without any Prometheus is a configuration, not an incident). */
export function telemetryProblem(t: ClusterTelemetry | undefined): t is ClusterTelemetry {
  return t !== undefined && t.verdict !== 'ok' && t.prometheus !== 'not-configured';
}

/** The console cannot see the cluster's traffic at all (its canvas box is marked): missing, stale or unreachable. */
export function withoutTelemetry(t: ClusterTelemetry | undefined): boolean {
  return telemetryProblem(t) && t.verdict !== 'partial';
}

export type TelemetryColor = 'green' | 'orange' | 'red' | 'grey';

/** The colour of a verdict's label (one rule for the Overview, the cluster cards and the graph). */
export function telemetryColor(t: ClusterTelemetry): TelemetryColor {
  if (t.prometheus === 'not-configured') return 'grey';
  if (t.verdict === 'ok') return 'green';
  return t.verdict === 'missing' || t.verdict === 'unreachable' ? 'red' : 'orange';
}
