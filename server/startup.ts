import 'server-only';
import { ConfigError, getConfig } from '@/server/config';
import { startInventory } from '@/server/kube/informers';
import { registerInventoryMetrics } from '@/server/observability/inventory-metrics';

/** Server start: load the configuration (stop on errors), start the inventory caches. */
export async function startServer(): Promise<void> {
  try {
    const cfg = getConfig();
    console.log(`[meridian] ${cfg.clusters.length} cluster(s) from ${cfg.source}: ${cfg.clusters.map((c) => c.name).join(', ')}`);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`[meridian] ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  registerInventoryMetrics();
  startInventory();
}
