import 'server-only';
import { ConfigError, getConfig } from '@/server/config';

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
}
