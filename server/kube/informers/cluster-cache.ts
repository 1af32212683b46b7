import 'server-only';
import type { KubeConfig } from '@kubernetes/client-node';
import { INVENTORY_KIND_NAMES, emptyObjects, type CacheState, type ClusterSnapshot, type InventoryKind } from '@/lib/inventory/types';
import { publish } from '@/server/events/bus';
import { failureReason } from './http';
import { KindWatcher, type KindState, type KindWatcherOptions } from './kind-watcher';

// The caches of one cluster: a KindWatcher per inventory kind and the cluster's state.
//   syncing      until every kind's first list finished (or the kind is absent: CRD not installed)
//   synced       every kind listed and watching
//   error        a kind failed (unreachable, 401, ...); `error` says why; a restart is scheduled
//   reconnecting the failed kinds are being restarted (back to error if they fail again)
// The backoff is per cluster, not per kind: an unreachable cluster makes every kind fail at once,
// and one timer then restarts them all (1 s doubling to 30 s, +-20 % jitter, reset once synced).
// Kinds that never failed keep running meanwhile; a restarted kind resumes its watch from its last
// resourceVersion (a 410 there makes it relist). Absent kinds are listed again every few minutes.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export interface ClusterCacheOptions extends KindWatcherOptions {
  backoff?: BackoffOptions;
  /** How often kinds found absent are listed again, to notice a CRD installed later (default 5 min). */
  absentRecheckMs?: number;
  kinds?: readonly InventoryKind[];
}

export interface KindCacheState {
  state: KindState;
  objects: number;
  error?: string;
}

export interface ClusterCacheState {
  cluster: string;
  state: CacheState;
  error?: string;
  /** When the cluster entered its current state (ms since epoch). */
  since: number;
  /** How many times failed kinds were restarted after a backoff. */
  restarts: number;
  /** Kinds whose resource does not exist in this cluster (CRD not installed). */
  absentKinds: InventoryKind[];
  kinds: Partial<Record<InventoryKind, KindCacheState>>;
}

export interface KindStats {
  cluster: string;
  kind: InventoryKind;
  objects: number;
  events: number;
  restarts: number;
  relists: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30_000 };

export function backoffDelay(attempt: number, { baseMs, maxMs }: BackoffOptions, random = Math.random): number {
  const capped = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(capped * (0.8 + 0.4 * random()));
}

export class ClusterCache {
  private state: CacheState = 'syncing';
  private error?: string;
  private since = Date.now();
  private attempt = 0;
  private restarts = 0;
  private retry?: NodeJS.Timeout;
  private recheck?: NodeJS.Timeout;
  private stopped = false;
  private readonly kindErrors = new Map<InventoryKind, string>();
  private readonly watchers: KindWatcher[];

  constructor(
    readonly cluster: string,
    kc: KubeConfig,
    private readonly options: ClusterCacheOptions = {},
  ) {
    const hooks = {
      onChange: (kind: InventoryKind, action: 'added' | 'modified' | 'deleted', obj: { metadata: { name: string; namespace?: string } }) =>
        publish({ type: 'inventory', cluster, kind, name: obj.metadata.name, action, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) }),
      onSynced: (kind: InventoryKind) => this.settled(kind),
      onAbsent: (kind: InventoryKind) => this.settled(kind),
      onFailure: (kind: InventoryKind, err: unknown) => this.failed(kind, err),
    };
    this.watchers = (options.kinds ?? INVENTORY_KIND_NAMES).map((kind) => new KindWatcher(kind, kc, hooks, options));
  }

  start(): void {
    this.stopped = false;
    publish({ type: 'cluster', cluster: this.cluster, state: this.state });
    for (const w of this.watchers) w.start();
    this.recheck = setInterval(() => {
      for (const w of this.watchers) if (w.state === 'absent') w.start();
    }, this.options.absentRecheckMs ?? 5 * 60_000);
    this.recheck.unref?.();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.recheck);
    this.retry = undefined;
    for (const w of this.watchers) w.stop();
  }

  snapshot(): ClusterSnapshot {
    const objects = emptyObjects();
    for (const w of this.watchers) objects[w.kind] = w.list();
    return { cluster: this.cluster, state: this.state, ...(this.error ? { error: this.error } : {}), objects };
  }

  cacheState(): ClusterCacheState {
    const kinds: ClusterCacheState['kinds'] = {};
    for (const w of this.watchers) {
      const error = this.kindErrors.get(w.kind);
      kinds[w.kind] = { state: w.state, objects: w.list().length, ...(error ? { error } : {}) };
    }
    return {
      cluster: this.cluster,
      state: this.state,
      ...(this.error ? { error: this.error } : {}),
      since: this.since,
      restarts: this.restarts,
      absentKinds: this.watchers.filter((w) => w.state === 'absent').map((w) => w.kind),
      kinds,
    };
  }

  stats(): KindStats[] {
    return this.watchers.map((w) => ({
      cluster: this.cluster,
      kind: w.kind,
      objects: w.list().length,
      events: w.events,
      restarts: w.restarts,
      relists: w.relists,
    }));
  }

  private setState(state: CacheState, error?: string): void {
    if (this.stopped || (state === this.state && error === this.error)) return;
    if (state !== this.state) this.since = Date.now();
    this.state = state;
    this.error = error;
    publish({ type: 'cluster', cluster: this.cluster, state, ...(error ? { error } : {}) });
  }

  private settled(kind: InventoryKind): void {
    this.kindErrors.delete(kind);
    if (this.watchers.every((w) => w.state === 'synced' || w.state === 'absent')) {
      this.attempt = 0;
      this.setState('synced');
    }
  }

  private failed(kind: InventoryKind, err: unknown): void {
    const reason = failureReason(err);
    this.kindErrors.set(kind, reason);
    this.setState('error', reason);
    if (this.retry || this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.stopped) return;
      this.restarts += 1;
      // The reason stays visible while reconnecting.
      this.setState('reconnecting', this.error);
      for (const w of this.watchers) if (w.state === 'failed') w.start();
    }, delay);
    this.retry.unref?.();
  }
}
