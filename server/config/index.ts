import 'server-only';
import { unknownCluster } from '@/server/http/errors';
import { loadConfig } from './load';
import type { ClusterConfig, MeridianConfig } from './schema';

export { ConfigError } from './load';
export type { ClusterConfig, MeridianConfig } from './schema';

const KEY = Symbol.for('meridian.config');
type WithConfig = typeof globalThis & { [KEY]?: MeridianConfig };

/** The process's configuration, loaded once (instrumentation.ts loads it at start and stops on errors). */
export function getConfig(): MeridianConfig {
  const g = globalThis as WithConfig;
  g[KEY] ??= loadConfig();
  return g[KEY];
}

/** Replaces the configuration (tests). */
export function setConfig(cfg: MeridianConfig | undefined): void {
  (globalThis as WithConfig)[KEY] = cfg;
}

export function getCluster(name: string): ClusterConfig {
  const c = getConfig().clusters.find((x) => x.name === name);
  if (!c) throw unknownCluster(name);
  return c;
}
