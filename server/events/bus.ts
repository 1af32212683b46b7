import 'server-only';
import type { MeridianEvent } from '@/lib/events';

export type { MeridianEvent, InventoryEvent, ClusterEvent, AlertsEvent } from '@/lib/events';

/**
 * The in-process event bus: producers (inventory caches, alerts) publish, consumers (/api/events,
 * caches of derived data) subscribe. Kept on globalThis because Next bundles a module more than once
 * (one copy per route bundle), and every copy must share one set of listeners.
 *
 * Delivery is synchronous and in order; a throwing listener is logged and does not stop the others.
 * There is no coalescing or buffering here: a consumer that needs it (SSE) batches on its side.
 */
export type Listener = (event: MeridianEvent) => void;

interface Bus {
  listeners: Set<Listener>;
  published: number;
}

const KEY = Symbol.for('meridian.events.bus');
type WithBus = typeof globalThis & { [KEY]?: Bus };

function bus(): Bus {
  const g = globalThis as WithBus;
  g[KEY] ??= { listeners: new Set(), published: 0 };
  return g[KEY];
}

export function publish(event: MeridianEvent): void {
  const b = bus();
  b.published += 1;
  for (const listener of [...b.listeners]) {
    try {
      listener(event);
    } catch (err) {
      console.error(`[meridian] event listener failed on a "${event.type}" event:`, err);
    }
  }
}

/** Registers a listener; the returned function removes it (idempotent). */
export function subscribe(listener: Listener): () => void {
  const b = bus();
  // Wrap so that subscribing the same function twice gives two independent subscriptions.
  const entry: Listener = (e) => listener(e);
  b.listeners.add(entry);
  return () => {
    b.listeners.delete(entry);
  };
}

/** Number of subscribers and events published so far (for metrics and tests). */
export function busStats(): { subscribers: number; published: number } {
  const b = bus();
  return { subscribers: b.listeners.size, published: b.published };
}
