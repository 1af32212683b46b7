import 'server-only';
import { Gauge } from 'prom-client';
import { inventoryStats } from '@/server/kube/informers';
import { consoleMetrics } from './metrics';

const KEY = Symbol.for('meridian.inventoryMetrics');
type WithFlag = typeof globalThis & { [KEY]?: boolean };

/**
 * Informer figures on /metrics, read from the caches at scrape time: watch events seen, restarts
 * (reconnects after failures) and relists (410 Gone), per cluster and kind; objects cached.
 */
export function registerInventoryMetrics(): void {
  const g = globalThis as WithFlag;
  if (g[KEY]) return;
  g[KEY] = true;
  const registers = [consoleMetrics().registry];
  const labelNames = ['cluster', 'kind'] as const;
  const gauge = (name: string, help: string, pick: (s: ReturnType<typeof inventoryStats>[number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        for (const s of inventoryStats()) this.set({ cluster: s.cluster, kind: s.kind }, pick(s));
      },
    });
  gauge('meridian_informer_events_total', 'Watch events received by the inventory caches', (s) => s.events);
  gauge('meridian_informer_restarts_total', 'Restarts of an informer after a failure', (s) => s.restarts);
  gauge('meridian_informer_relists_total', 'Relists of an informer (410 Gone or reconnect)', (s) => s.relists);
  gauge('meridian_informer_objects', 'Objects held by the inventory caches', (s) => s.objects);
}
