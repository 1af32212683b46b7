import 'server-only';
import { ConfigError, getConfig } from '@/server/config';
import { startInventory } from '@/server/kube/informers';
import { log } from '@/server/observability/log';
import { registerInventoryMetrics } from '@/server/observability/inventory-metrics';
import { installShutdown } from '@/server/shutdown';

/** Server start: load the configuration (stop on errors), hand signals to the clean shutdown, start the inventory caches. */
export async function startServer(): Promise<void> {
  try {
    const cfg = getConfig();
    installShutdown();
    log.info('configuration loaded', { clusters: cfg.clusters.map((c) => c.name), source: cfg.source, readOnly: cfg.readOnly, auth: cfg.auth.strategy });
  } catch (e) {
    if (e instanceof ConfigError) {
      log.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  registerInventoryMetrics();
  startInventory();
}
