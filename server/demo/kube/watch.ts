import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../types';
import type { HistoryEvent } from './history';
import { apiVersionOf, type ResourceDef } from './resources';
import { compileSelectors, type Selector } from './selectors';
import { status } from './status';
import type { ClusterStore } from './store';
import { includeObjectOf, toTable } from './table';

// Watch streams: line-delimited JSON events over a chunked response.
//   resourceVersion unset or "0": a synthetic ADDED per current object, then live changes;
//   resourceVersion N: every change after N from the history, then live changes;
//   N older than the history: one ERROR event with a 410 Expired Status, then the stream ends.
// Selectors apply (an object that starts or stops matching arrives as ADDED or DELETED), BOOKMARKs
// are sent only when allowWatchBookmarks=true, timeoutSeconds ends the stream.

export interface WatchQuery {
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  allowWatchBookmarks?: string;
  timeoutSeconds?: string;
  includeObject?: string;
}

export interface WatchOptions {
  bookmarkIntervalMs: number;
  /** Streams end after this long when the client gives no timeoutSeconds (the API server uses 30-60 min). */
  defaultTimeoutMs: number;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** How a committed change looks to a watcher with this filter (or nothing at all). */
export function viewOf(change: HistoryEvent, inScope: (o: KubeObject) => boolean): { type: EventType; object: KubeObject } | undefined {
  const now = inScope(change.object);
  if (change.type !== 'MODIFIED' || !change.previous) return now ? { type: change.type, object: change.object } : undefined;
  const before = inScope(change.previous);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: change.object };
  return before ? { type: 'DELETED', object: change.object } : undefined;
}

export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { store: ClusterStore; def: ResourceDef; namespace?: string; query: WatchQuery; table: boolean; options: WatchOptions },
): void {
  const { store, def, namespace, query } = ctx;
  const apiVersion = apiVersionOf(def);
  const selector: Selector = compileSelectors(query.labelSelector, query.fieldSelector);
  const inScope = (o: KubeObject) =>
    o.apiVersion === apiVersion && o.kind === def.kind && (namespace === undefined || o.metadata.namespace === namespace) && selector(o);

  let headersSent = false;
  const include = includeObjectOf(query.includeObject);
  const send = (type: string, object: unknown) => {
    const body =
      ctx.table && (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')
        ? toTable(def, [object as KubeObject], { include, resourceVersion: store.resourceVersion, noHeaders: headersSent })
        : object;
    headersSent = true;
    res.write(`${JSON.stringify({ type, object: body })}\n`);
  };

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  const from = query.resourceVersion;
  const current = from === undefined || from === '' || from === '0';
  // A resourceVersion that is not one of ours is as unusable as an expired one: the client relists.
  const replay = current ? 'current' : /^\d+$/.test(from) ? store.changesSince(Number(from)) : 'expired';
  if (replay === 'expired') {
    const oldest = store.compactedRv;
    send('ERROR', status(410, 'Expired', `too old resource version: ${from} (${oldest})`));
    res.end();
    return;
  }

  // Subscribe before replaying: both run in this same tick, so no change falls between them.
  const unsubscribe = store.watchChanges((change) => {
    const view = viewOf(change, inScope);
    if (view) send(view.type, view.object);
  });
  if (replay === 'current') {
    for (const obj of store.list(apiVersion, def.kind, namespace).filter(selector)) send('ADDED', obj);
  } else {
    for (const change of replay) {
      const view = viewOf(change, inScope);
      if (view) send(view.type, view.object);
    }
  }

  const timers: NodeJS.Timeout[] = [];
  if (query.allowWatchBookmarks === 'true' || query.allowWatchBookmarks === '1') {
    timers.push(
      setInterval(() => {
        send('BOOKMARK', { kind: def.kind, apiVersion, metadata: { resourceVersion: store.resourceVersion } });
      }, ctx.options.bookmarkIntervalMs),
    );
  }
  const timeoutSeconds = Number(query.timeoutSeconds);
  const timeoutMs = Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : ctx.options.defaultTimeoutMs;
  timers.push(setTimeout(() => finish(), timeoutMs));

  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    if (!res.writableEnded) res.end();
  };
  req.on('close', finish);
  res.on('close', finish);
}
