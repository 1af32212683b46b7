import 'server-only';
import { ConfigError, getConfig } from '@/server/config';
import { sessionSecretSource } from '@/server/config/session-secret';
import { startInventory } from '@/server/kube/informers';
import { log } from '@/server/observability/log';
import { registerInventoryMetrics } from '@/server/observability/inventory-metrics';
import { installShutdown } from '@/server/shutdown';

/**
 * Server start: load the configuration and the session secret (stop on errors), hand signals to the
 * clean shutdown, start the inventory caches.
 */
export async function startServer(): Promise<void> {
  try {
    const cfg = getConfig();
    const secret = sessionSecretSource();
    installShutdown();
    log.info('configuration loaded', { clusters: cfg.clusters.map((c) => c.name), source: cfg.source, readOnly: cfg.readOnly, auth: cfg.auth.strategy });
    if (secret === 'random') log.warn('no session secret configured: using a random one for this process (development only; set MERIDIAN_SESSION_SECRET)');
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
