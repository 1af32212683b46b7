import 'server-only';
import type { KubernetesObject } from '@kubernetes/client-node';
import { diffSummary, editableParts } from '@/lib/istio-config/diff-summary';
import { historyEntrySchema, type HistoryEntry, type ObjectRef } from '@/lib/istio-config/api';
import type { Caller } from '@/server/auth/guard';
import { fromKubeError } from '@/server/http/errors';
import { kindOf } from './refs';
import { createObject, listEvents } from '@/server/kube/caller-client';

/**
 * The edit history of an object, kept in Kubernetes itself (the console has no database): after
 * every successful apply or delete a core v1 Event is written in the object's namespace, with
 *   involvedObject  the object (apiVersion, kind, name, namespace, uid, resourceVersion)
 *   reason          MeridianApply | MeridianDelete | MeridianRevert; type Normal; source "meridian"
 *   message         "<user> <created|updated|deleted|reverted>: <diff summary>"
 *   annotations     meridian.dev/user, meridian.dev/action, meridian.dev/previous-spec (JSON of the
 *                   spec before the change: what "revert" loads into the editor)
 * Events expire with the cluster's event TTL (1 h by default on real clusters): the history is
 * recent history, not an audit log.
 */

export type HistoryAction = HistoryEntry['action'];

export const ANNOTATION = {
  user: 'meridian.dev/user',
  action: 'meridian.dev/action',
  previousSpec: 'meridian.dev/previous-spec',
} as const;

const REASON: Record<HistoryAction, string> = {
  create: 'MeridianApply',
  update: 'MeridianApply',
  delete: 'MeridianDelete',
  revert: 'MeridianRevert',
};
const VERB: Record<HistoryAction, string> = { create: 'created', update: 'updated', delete: 'deleted', revert: 'reverted' };
/** Annotations are capped at 256 KiB in total: a bigger previous spec is not kept. */
const MAX_PREVIOUS_SPEC = 200_000;

export interface HistoryRecord {
  cluster: string;
  caller: Caller;
  action: HistoryAction;
  /** The object before the change (absent for a create). */
  before?: KubernetesObject;
  /** The object after the change (for a delete: the object as it was). */
  after: KubernetesObject;
  now?: Date;
}

/** The Event that records one change. */
export function historyEvent(r: HistoryRecord): KubernetesObject & Record<string, unknown> {
  const meta = r.after.metadata ?? {};
  const name = meta.name ?? '';
  const now = r.now ?? new Date();
  const summary = r.action === 'delete' ? 'object deleted' : diffSummary(editableParts(r.before) ?? {}, editableParts(r.after));
  const annotations: Record<string, string> = { [ANNOTATION.user]: r.caller.user, [ANNOTATION.action]: r.action };
  const previous = (r.before as { spec?: unknown } | undefined)?.spec;
  if (previous !== undefined) {
    const json = JSON.stringify(previous);
    if (json.length <= MAX_PREVIOUS_SPEC) annotations[ANNOTATION.previousSpec] = json;
  }
  const time = now.toISOString();
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name.slice(0, 240)}.${now.getTime().toString(16)}`, namespace: meta.namespace, annotations },
    involvedObject: {
      apiVersion: r.after.apiVersion,
      kind: r.after.kind,
      name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
    },
    reason: REASON[r.action],
    message: `${r.caller.user} ${VERB[r.action]}: ${summary}`,
    type: 'Normal',
    source: { component: 'meridian' },
    reportingComponent: 'meridian',
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
  };
}

/**
 * Writes the history Event (with the caller's credentials). The change itself has already happened,
 * so a failure here is returned as a warning for the answer, never thrown.
 */
export async function recordHistory(r: HistoryRecord): Promise<string | undefined> {
  const now = r.now ?? new Date();
  for (let attempt = 0; ; attempt++) {
    // The name carries the time in ms: two changes of one object within a ms take the next ms.
    const event = historyEvent({ ...r, now: new Date(now.getTime() + attempt) });
    try {
      await createObject({ cluster: r.cluster, caller: r.caller, dryRun: false }, event);
      return undefined;
    } catch (err) {
      const e = fromKubeError(err, r.cluster);
      if (e.status === 409 && attempt < 3) continue;
      return `The change was made, but its history Event could not be written: ${e.message}`;
    }
  }
}

/** When an entry was written: the ms in its name (`<object>.<unix-ms-hex>`), else its time. */
function stamp(entry: HistoryEntry): number {
  const hex = entry.id.slice(entry.id.lastIndexOf('.') + 1);
  const ms = /^[0-9a-f]{8,}$/.test(hex) ? parseInt(hex, 16) : NaN;
  return Number.isFinite(ms) ? ms : Date.parse(entry.time) || 0;
}

type EventLike = {
  metadata?: { name?: string; annotations?: Record<string, string>; creationTimestamp?: string };
  involvedObject?: { apiVersion?: string; kind?: string; name?: string; resourceVersion?: string };
  reason?: string;
  message?: string;
  source?: { component?: string };
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
};

const ACTIONS = new Set<string>(['create', 'update', 'delete', 'revert']);

/** A Meridian history Event as a HistoryEntry (undefined for other Events). */
export function parseHistoryEvent(e: EventLike): HistoryEntry | undefined {
  const ann = e.metadata?.annotations ?? {};
  const action = ann[ANNOTATION.action];
  if (e.source?.component !== 'meridian' || !action || !ACTIONS.has(action)) return undefined;
  const user = ann[ANNOTATION.user] ?? 'unknown';
  const prefix = `${user} ${VERB[action as HistoryAction]}: `;
  const message = e.message ?? '';
  let previousSpec: unknown;
  try {
    const raw = ann[ANNOTATION.previousSpec];
    previousSpec = raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    previousSpec = undefined;
  }
  const entry = historyEntrySchema.safeParse({
    id: e.metadata?.name ?? '',
    action,
    user,
    time: e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '',
    summary: message.startsWith(prefix) ? message.slice(prefix.length) : message,
    resourceVersion: e.involvedObject?.resourceVersion,
    previousSpec,
  });
  return entry.success ? entry.data : undefined;
}

/** The object's history, newest first: a live list of its Events (one user-initiated read of one object). */
export async function readHistory(ref: ObjectRef, caller: Caller): Promise<HistoryEntry[]> {
  const info = kindOf(ref);
  let events: KubernetesObject[];
  try {
    events = await listEvents(ref.cluster, caller, ref.namespace, `involvedObject.name=${ref.name},involvedObject.kind=${ref.kind}`);
  } catch (err) {
    throw fromKubeError(err, ref.cluster);
  }
  const mine = (events as EventLike[]).filter(
    (e) => e.involvedObject?.name === ref.name && e.involvedObject.kind === ref.kind && (e.involvedObject.apiVersion ?? info.apiVersion).startsWith(`${info.group}/`),
  );
  const entries = mine.map(parseHistoryEvent).filter((x): x is HistoryEntry => x !== undefined);
  return entries.sort((a, b) => stamp(b) - stamp(a));
}
