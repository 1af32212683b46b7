// Results shared for a few seconds, one computation at a time per key: identical concurrent calls
// wait for the one running, later ones within `ttlMs` get its result. Kept on globalThis under
// `name` (Next loads a module once per route bundle; the cache must be one per process). A
// rejection is not cached. Used by the graph request (server/graph/request.ts) and the telemetry
// state (server/telemetry).

interface Store<T> {
  inflight: Map<string, Promise<T>>;
  done: Map<string, { at: number; value: T }>;
}

export interface SingleFlight<T> {
  get(key: string, compute: () => Promise<T>): Promise<T>;
  /** Forgets every result (tests). */
  clear(): void;
}

export function singleFlight<T>(name: string, ttlMs: number, maxEntries = 200): SingleFlight<T> {
  const sym = Symbol.for(name);
  type WithStore = typeof globalThis & { [sym]?: Store<T> };
  const store = (): Store<T> => {
    const g = globalThis as WithStore;
    g[sym] ??= { inflight: new Map(), done: new Map() };
    return g[sym];
  };
  return {
    get(key, compute) {
      const s = store();
      const hit = s.done.get(key);
      if (hit && Date.now() - hit.at < ttlMs) return Promise.resolve(hit.value);
      const running = s.inflight.get(key);
      if (running) return running;
      const p = compute()
        .then((value) => {
          s.done.set(key, { at: Date.now(), value });
          if (s.done.size > maxEntries) for (const [k, v] of s.done) if (Date.now() - v.at >= ttlMs) s.done.delete(k);
          return value;
        })
        .finally(() => s.inflight.delete(key));
      s.inflight.set(key, p);
      return p;
    },
    clear() {
      delete (globalThis as WithStore)[sym];
    },
  };
}
