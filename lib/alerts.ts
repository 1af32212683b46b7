import { z } from 'zod';

// Alerts as the console shows them (GET /api/alerts): Prometheus alerts of every cluster, the
// Alertmanager's view of them (silences), and Meridian's own mesh checks, merged into one list.

export const alertSourceSchema = z.enum(['prometheus', 'alertmanager', 'meridian']);
export type AlertSource = z.infer<typeof alertSourceSchema>;

export const alertSeveritySchema = z.enum(['critical', 'warning', 'info']);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;
export const SEVERITY_ORDER: readonly AlertSeverity[] = ['critical', 'warning', 'info'];

const alertStateSchema = z.enum(['firing', 'pending', 'silenced']);
export type AlertState = z.infer<typeof alertStateSchema>;

const alertEntityKindSchema = z.enum(['edge', 'service', 'workload', 'cluster', 'proxy', 'certificate']);

/** What the alert is about: a graph node/edge id (lib/graph/types.ts nodeId), a cluster pair `cluster:<a>->cluster:<b>`, a cluster or proxy name. */
export const alertEntitySchema = z.object({ kind: alertEntityKindSchema, id: z.string() });
export type AlertEntity = z.infer<typeof alertEntitySchema>;

export const alertSchema = z.object({
  /** Stable across refreshes: a hash of the name and labels. */
  id: z.string(),
  name: z.string(),
  source: alertSourceSchema,
  severity: alertSeveritySchema,
  state: alertStateSchema,
  cluster: z.string(),
  namespace: z.string().optional(),
  entity: alertEntitySchema,
  /** ISO time the condition started (Prometheus activeAt, Alertmanager startsAt, first seen by Meridian). */
  since: z.string(),
  summary: z.string(),
  /** The alert's identifying labels (alertname included): what a silence matches. */
  labels: z.record(z.string(), z.string()),
  /** Console path that shows the entity: /graph?...&selected=<id> or /mesh?... */
  link: z.string(),
  /** Ids of the Alertmanager silences that match it. */
  silencedBy: z.array(z.string()).optional(),
});
export type Alert = z.infer<typeof alertSchema>;

/** One place alerts come from, and whether it answered: an unreachable source is not "no alerts". */
export const alertSourceStatusSchema = z.object({
  name: z.string(),
  kind: alertSourceSchema,
  ok: z.boolean(),
  error: z.string().optional(),
  /** The clusters whose alerts it holds (Prometheus). */
  clusters: z.array(z.string()).optional(),
});
export type AlertSourceStatus = z.infer<typeof alertSourceStatusSchema>;

export const alertsResponseSchema = z.object({
  alerts: z.array(alertSchema),
  sources: z.array(alertSourceStatusSchema),
  /** ISO time of the merge. */
  updatedAt: z.string(),
});
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;

const silenceMatcherSchema = z.object({
  name: z.string().min(1).max(200),
  value: z.string().max(1000),
  isRegex: z.boolean().default(false),
  isEqual: z.boolean().default(true),
});
export type SilenceMatcher = z.infer<typeof silenceMatcherSchema>;

export const silenceSchema = z.object({
  id: z.string(),
  matchers: z.array(silenceMatcherSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  state: z.enum(['active', 'pending', 'expired']),
});
export type Silence = z.infer<typeof silenceSchema>;

export const silencesResponseSchema = z.object({ silences: z.array(silenceSchema) });

/** Silence durations the dialog offers (minutes). */
export const SILENCE_DURATIONS = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '1 day' },
] as const;

export const createSilenceSchema = z.strictObject({
  matchers: z.array(silenceMatcherSchema).min(1, 'a silence needs at least one matcher').max(50),
  durationMinutes: z.number().int().min(1).max(7 * 24 * 60),
  comment: z.string().trim().min(1, 'say why the alert is silenced').max(1000),
  /** Who silences; default: the caller's identity. */
  createdBy: z.string().trim().min(1).max(200).optional(),
});
export type CreateSilence = z.infer<typeof createSilenceSchema>;

export const createSilenceResponseSchema = z.object({ id: z.string() });

export interface AlertFilter {
  clusters?: readonly string[];
  namespaces?: readonly string[];
  sources?: readonly string[];
}

/** The alerts in the filter's clusters, namespaces and sources (an empty list selects all). */
export function filterAlerts<T extends Pick<Alert, 'cluster' | 'namespace' | 'source'>>(alerts: readonly T[], f: AlertFilter): T[] {
  return alerts.filter(
    (a) =>
      (!f.clusters?.length || f.clusters.includes(a.cluster)) &&
      (!f.namespaces?.length || (a.namespace !== undefined && f.namespaces.includes(a.namespace))) &&
      (!f.sources?.length || f.sources.includes(a.source)),
  );
}

/** Whether an alert's labels match every matcher of a silence (Alertmanager's semantics; regexes anchored). */
export function silenceMatches(matchers: readonly SilenceMatcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => {
    const v = labels[m.name] ?? '';
    let hit: boolean;
    if (m.isRegex) {
      try {
        hit = new RegExp(`^(?:${m.value})$`).test(v);
      } catch {
        return false;
      }
    } else hit = v === m.value;
    return m.isEqual === false ? !hit : hit;
  });
}

/** Matchers that select exactly this alert: one equality per label. */
export function matchersFor(alert: Pick<Alert, 'labels'>): SilenceMatcher[] {
  return Object.entries(alert.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}
