import 'server-only';
import { SEVERITY_ORDER, silenceMatches, type Alert, type Silence } from '@/lib/alerts';
import { alertId, labelKey, locate, severityOf } from './entity';
import type { AmAlert, PromAlert } from './upstream';

// One list out of every source. Prometheus gives firing and pending alerts of its rules; the
// Alertmanager has the firing ones again (plus alerts other tools sent it) and knows which are
// silenced. The same alert (same label set) appears once: Prometheus' entry, marked silenced when
// the Alertmanager says so. Meridian's checks come on top. Finally every active silence is matched
// against every alert here too, so a silence applies at once, and also to Meridian's own alerts
// (which never go through the Alertmanager).

export interface PromAlertBatch {
  alerts: PromAlert[];
  /** The cluster of a per-cluster Prometheus, for alerts without a cluster label. */
  cluster?: string;
}

function fromLabels(labels: Record<string, string>, extra: { source: Alert['source']; state: Alert['state']; since?: string; summary?: string; silencedBy?: string[] }, fallbackCluster?: string): Alert {
  const where = locate(labels, fallbackCluster);
  const alert: Alert = {
    id: alertId(labels),
    name: labels.alertname ?? 'unnamed',
    source: extra.source,
    severity: severityOf(labels.severity),
    state: extra.state,
    cluster: where.cluster,
    entity: where.entity,
    since: extra.since ?? new Date(0).toISOString(),
    summary: extra.summary || labels.alertname || 'alert',
    labels: { ...labels },
    link: where.link,
  };
  if (where.namespace) alert.namespace = where.namespace;
  if (extra.silencedBy?.length) alert.silencedBy = extra.silencedBy;
  return alert;
}

const summaryOf = (a: Record<string, string> | undefined) => a?.summary ?? a?.description ?? a?.message ?? '';

const STATE_ORDER: Record<Alert['state'], number> = { firing: 0, pending: 1, silenced: 2 };

export function mergeAlerts(input: { prometheus: PromAlertBatch[]; alertmanager?: AmAlert[]; meridian: Alert[]; silences: Silence[] }): Alert[] {
  const byKey = new Map<string, Alert>();
  for (const batch of input.prometheus) {
    for (const a of batch.alerts) {
      if (a.state !== 'firing' && a.state !== 'pending') continue;
      const key = labelKey(a.labels);
      if (byKey.has(key)) continue; // several Prometheus evaluating the same rule over a shared store
      byKey.set(key, fromLabels(a.labels, { source: 'prometheus', state: a.state, since: a.activeAt, summary: summaryOf(a.annotations) }, batch.cluster));
    }
  }
  for (const a of input.alertmanager ?? []) {
    const silencedBy = a.status.silencedBy ?? [];
    const silenced = a.status.state === 'suppressed' && silencedBy.length > 0;
    const key = labelKey(a.labels);
    const known = byKey.get(key);
    if (known) {
      if (silenced) byKey.set(key, { ...known, state: 'silenced', silencedBy });
      continue;
    }
    byKey.set(key, fromLabels(a.labels, { source: 'alertmanager', state: silenced ? 'silenced' : 'firing', since: a.startsAt, summary: summaryOf(a.annotations), silencedBy }));
  }
  for (const m of input.meridian) if (!byKey.has(labelKey(m.labels))) byKey.set(labelKey(m.labels), m);

  const active = input.silences.filter((s) => s.state === 'active');
  const out: Alert[] = [];
  for (const a of byKey.values()) {
    const matching = active.filter((s) => silenceMatches(s.matchers, a.labels)).map((s) => s.id);
    out.push(matching.length && a.state !== 'silenced' ? { ...a, state: 'silenced', silencedBy: matching } : a);
  }
  return out.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      b.since.localeCompare(a.since) ||
      a.id.localeCompare(b.id),
  );
}

/** Builds a Meridian check's alert from Istio-style labels. */
export function meridianAlert(labels: Record<string, string>, summary: string, since: number): Alert {
  return fromLabels(labels, { source: 'meridian', state: 'firing', since: new Date(since).toISOString(), summary });
}
