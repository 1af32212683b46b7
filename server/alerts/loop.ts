import 'server-only';
import type { Alert, AlertSourceStatus, AlertsResponse, Silence } from '@/lib/alerts';
import { publish } from '@/server/events/bus';
import { clusterNames } from '@/server/kube/clients';
import { prometheusTargets } from '@/server/prometheus/targets';
import { gatherCheckInputs } from './check-inputs';
import { evaluateChecks, newCheckState, type CheckState } from './checks';
import { mergeAlerts, type PromAlertBatch } from './merge';
import { alertmanagerAlerts, alertmanagerUrl, listSilences, prometheusAlerts, type AmAlert } from './upstream';

// The alert loop, one per process (kept on globalThis: Next loads modules once per route bundle).
// Started lazily by the first /api/alerts (or /api/events) use. Every 15 s it runs the built-in
// checks and refreshes the merged list; requests read that list, refreshed on demand when older
// than a few seconds (single-flight). When the set of alerts or their states change, an
// {type:'alerts'} event goes out on the bus (and so to every browser on /api/events).

const CHECK_INTERVAL_MS = 15_000;
const MAX_AGE_MS = 3_000;

interface Loop {
  timer?: NodeJS.Timeout;
  checkState: CheckState;
  meridian: Alert[];
  meridianStatus: AlertSourceStatus;
  firstTick: Promise<void>;
  snapshot?: { at: number; value: AlertsResponse };
  inflight?: Promise<AlertsResponse>;
  signature?: string;
}

const KEY = Symbol.for('meridian.alerts.loop');
type WithLoop = typeof globalThis & { [KEY]?: Loop };

const MERIDIAN_SOURCE = 'Meridian mesh checks';

async function runChecks(loop: Loop): Promise<void> {
  try {
    const { inputs, errors } = await gatherCheckInputs();
    loop.meridian = evaluateChecks(inputs, loop.checkState);
    loop.meridianStatus = { name: MERIDIAN_SOURCE, kind: 'meridian', ok: errors.length === 0, ...(errors.length ? { error: errors.join('; ') } : {}) };
  } catch (err) {
    loop.meridianStatus = { name: MERIDIAN_SOURCE, kind: 'meridian', ok: false, error: `the checks failed: ${(err as Error).message}` };
  }
}

async function collect(loop: Loop): Promise<AlertsResponse> {
  const sources: AlertSourceStatus[] = [];
  const batches: PromAlertBatch[] = [];
  await Promise.all(
    prometheusTargets(clusterNames()).map(async ({ target, clusters, global }) => {
      const name = `Prometheus ${global ? '(all clusters)' : clusters.join(', ')}`;
      try {
        batches.push({ alerts: await prometheusAlerts(target.url), ...(global || clusters.length !== 1 ? {} : { cluster: clusters[0] }) });
        sources.push({ name, kind: 'prometheus', ok: true, clusters });
      } catch (err) {
        sources.push({ name, kind: 'prometheus', ok: false, error: (err as Error).message, clusters });
      }
    }),
  );
  let am: AmAlert[] | undefined;
  let silences: Silence[] = [];
  if (alertmanagerUrl()) {
    const url = alertmanagerUrl() as string;
    try {
      [am, silences] = await Promise.all([alertmanagerAlerts(url), listSilences()]);
      sources.push({ name: 'Alertmanager', kind: 'alertmanager', ok: true });
    } catch (err) {
      sources.push({ name: 'Alertmanager', kind: 'alertmanager', ok: false, error: (err as Error).message });
    }
  }
  sources.push(loop.meridianStatus);
  const alerts = mergeAlerts({ prometheus: batches, alertmanager: am, meridian: loop.meridian, silences });
  return { alerts, sources: sources.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)), updatedAt: new Date().toISOString() };
}

function refresh(loop: Loop): Promise<AlertsResponse> {
  loop.inflight ??= collect(loop)
    .then((value) => {
      loop.snapshot = { at: Date.now(), value };
      const signature = JSON.stringify([value.alerts.map((a) => `${a.id}:${a.state}`).sort(), value.sources.map((s) => `${s.name}:${s.ok}`)]);
      if (loop.signature !== undefined && signature !== loop.signature) publish({ type: 'alerts', count: value.alerts.filter((a) => a.state === 'firing').length });
      loop.signature = signature;
      return value;
    })
    .finally(() => {
      loop.inflight = undefined;
    });
  return loop.inflight;
}

async function tick(loop: Loop): Promise<void> {
  await runChecks(loop);
  await refresh(loop).catch((err: unknown) => console.error('[meridian] alert refresh failed:', err));
}

/** Starts the loop once per process. */
export function ensureAlertLoop(): Loop {
  const g = globalThis as WithLoop;
  if (g[KEY]) return g[KEY];
  const loop: Loop = { checkState: newCheckState(), meridian: [], meridianStatus: { name: MERIDIAN_SOURCE, kind: 'meridian', ok: true }, firstTick: Promise.resolve() };
  g[KEY] = loop;
  loop.firstTick = runChecks(loop);
  loop.timer = setInterval(() => void tick(loop), CHECK_INTERVAL_MS);
  loop.timer.unref?.();
  return loop;
}

/** Stops the loop (shutdown: server/shutdown.ts). */
export function stopAlertLoop(): void {
  const g = globalThis as WithLoop;
  if (g[KEY]?.timer) clearInterval(g[KEY].timer);
  g[KEY] = undefined;
}

/** The merged alerts of every source, at most a few seconds old. */
export async function currentAlerts(opts: { fresh?: boolean } = {}): Promise<AlertsResponse> {
  const loop = ensureAlertLoop();
  await loop.firstTick;
  if (!opts.fresh && loop.snapshot && Date.now() - loop.snapshot.at < MAX_AGE_MS) return loop.snapshot.value;
  return refresh(loop);
}
