import 'server-only';
import { emptyObjects, type ClusterSnapshot, type InventorySnapshot } from '@/lib/inventory/types';
import { getConfig } from '@/server/config';
import { kubeConfigFor } from '@/server/kube/clients';
import { failureReason } from './http';
import { ClusterCache, type ClusterCacheOptions, type ClusterCacheState, type KindStats } from './cluster-cache';

export type { ClusterCacheOptions, ClusterCacheState, KindCacheState, KindStats, BackoffOptions } from './cluster-cache';

// The inventory: informer caches (list+watch) of every configured cluster, one per process (kept
// on globalThis: Next loads this module once per route bundle). Requests read the caches only;
// nothing here lists from an API server on a request path. Changes go out on the event bus
// (server/events/bus.ts): 'inventory' events per object, 'cluster' events per state change.

interface Inventory {
  caches: Map<string, ClusterCache>;
  /** Clusters whose kubeconfig could not even be loaded: a snapshot entry in 'error'. */
  broken: Map<string, string>;
}

const KEY = Symbol.for('meridian.inventory');
type WithInventory = typeof globalThis & { [KEY]?: Inventory };

const current = (): Inventory | undefined => (globalThis as WithInventory)[KEY];

/** Starts the caches of getConfig().clusters (once; later calls return the running inventory). */
export function startInventory(options: ClusterCacheOptions = {}): void {
  const g = globalThis as WithInventory;
  if (g[KEY]) return;
  const inv: Inventory = { caches: new Map(), broken: new Map() };
  g[KEY] = inv;
  for (const { name } of getConfig().clusters) {
    try {
      const cache = new ClusterCache(name, kubeConfigFor(name), options);
      inv.caches.set(name, cache);
      cache.start();
    } catch (err) {
      inv.broken.set(name, `cannot load the kubeconfig of cluster ${name}: ${failureReason(err)}`);
    }
  }
}

/** Stops every cache and forgets them (tests, shutdown); startInventory() starts afresh. */
export function stopInventory(): void {
  const g = globalThis as WithInventory;
  const inv = g[KEY];
  g[KEY] = undefined;
  for (const cache of inv?.caches.values() ?? []) cache.stop();
}

/** Every configured cluster's cached objects and state, from memory (no API calls). Arrays are shared: read-only. */
export function inventorySnapshot(): InventorySnapshot {
  const inv = current();
  if (!inv) return { clusters: [] };
  const clusters: ClusterSnapshot[] = [];
  for (const { name } of getConfig().clusters) {
    const cache = inv.caches.get(name);
    if (cache) clusters.push(cache.snapshot());
    else {
      const error = inv.broken.get(name) ?? 'inventory not started for this cluster';
      clusters.push({ cluster: name, state: 'error', error, objects: emptyObjects() });
    }
  }
  return { clusters };
}

export function clusterCacheStates(): ClusterCacheState[] {
  const inv = current();
  if (!inv) return [];
  const states = [...inv.caches.values()].map((c) => c.cacheState());
  for (const [cluster, error] of inv.broken) {
    states.push({ cluster, state: 'error', error, since: 0, restarts: 0, absentKinds: [], kinds: {} });
  }
  return states;
}

/** Per cluster and kind: objects cached, change events, restarts after failures, relists after 410. */
export function inventoryStats(): KindStats[] {
  return [...(current()?.caches.values() ?? [])].flatMap((c) => c.stats());
}

/**
 * Resolves once no cluster is 'syncing' any more (each is synced, or has failed at least once and
 * carries its error), or when timeoutMs has passed; with the states at that moment. For readiness:
 * "caches synced or failed". A caller that needs synced checks the states.
 */
export async function waitForSync(timeoutMs: number): Promise<ClusterCacheState[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = clusterCacheStates();
    if (!states.some((s) => s.state === 'syncing') || Date.now() >= deadline) return states;
    await new Promise((r) => setTimeout(r, Math.min(50, Math.max(1, deadline - Date.now()))));
  }
}
