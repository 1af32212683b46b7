'use client';

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { createEventHub, type EventHub, type LiveListener, type LiveSignal } from './event-hub';
import { invalidateFeature, scopeKey, type ClusterScope, type Feature } from './query-keys';

export type { LiveSignal } from './event-hub';

// One EventSource on /api/events per browser tab (components/shell/event-hub.ts), shared by every
// page: the alert badge of the navigation keeps it open, pages add their listeners to it.

let hub: EventHub | undefined;

function browserHub(): EventHub | undefined {
  if (typeof EventSource === 'undefined') return undefined;
  hub ??= createEventHub({ open: (url) => new EventSource(url) });
  return hub;
}

/** Calls `listener` with every event of the tab's stream while mounted (and `enabled`). */
function useEvents(listener: LiveListener, enabled = true): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    if (!enabled) return;
    return browserHub()?.subscribe((s) => latest.current(s));
  }, [enabled]);
}

/**
 * Invalidation that coalesces: the first request for a (scope, feature) starts a timer of `delayMs`,
 * later ones until it fires are absorbed. So a burst of events, or several mounted users of one
 * feature hearing the same event, make one refetch per window.
 */
export function createInvalidator(client: QueryClient, setTimer: (fn: () => void, ms: number) => unknown = setTimeout) {
  const pending = new Set<string>();
  return (feature: Feature, clusters: ClusterScope, delayMs: number) => {
    const key = `${clusters === undefined ? '*' : scopeKey(clusters)}|${feature}`;
    if (pending.has(key)) return;
    pending.add(key);
    setTimer(() => {
      pending.delete(key);
      void invalidateFeature(client, feature, clusters);
    }, delayMs);
  };
}

const invalidators = new WeakMap<QueryClient, ReturnType<typeof createInvalidator>>();

export interface LiveOptions {
  /** Coalescing window: at most one invalidation of a feature per window (0: same tick only). */
  delayMs?: number;
  /** Only this scope's queries of the features (default: every scope). */
  clusters?: ClusterScope;
  /** false: no invalidation (e.g. the graph with refresh off). */
  enabled?: boolean;
}

/** Keeps features live: `route` says which features an event (or a resync) makes stale. */
export function useLiveFeatures(route: (s: LiveSignal) => readonly Feature[], opts: LiveOptions = {}): void {
  const client = useQueryClient();
  let invalidate = invalidators.get(client);
  if (!invalidate) invalidators.set(client, (invalidate = createInvalidator(client)));
  const run = invalidate;
  useEvents((s) => {
    for (const f of route(s)) run(f, opts.clusters, opts.delayMs ?? 0);
  }, opts.enabled ?? true);
}
