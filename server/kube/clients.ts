import 'server-only';
import { KubeConfig, type ApiType } from '@kubernetes/client-node';
import { getCluster, getConfig } from '@/server/config';

const KEY = Symbol.for('meridian.kubeconfigs');
type WithKc = typeof globalThis & { [KEY]?: Map<string, KubeConfig> };

/**
 * The KubeConfig that reaches one cluster: its kubeconfig file (or KUBECONFIG) with the cluster's
 * context selected. Credentials stay in this process; nothing here is ever sent to the browser.
 */
export function kubeConfigFor(cluster: string): KubeConfig {
  const g = globalThis as WithKc;
  g[KEY] ??= new Map();
  const cached = g[KEY].get(cluster);
  if (cached) return cached;
  const cfg = getCluster(cluster);
  const kc = new KubeConfig();
  if (cfg.kubeconfig) kc.loadFromFile(cfg.kubeconfig);
  else kc.loadFromDefault();
  kc.setCurrentContext(cfg.context ?? cfg.name);
  g[KEY].set(cluster, kc);
  return kc;
}

export function apiClient<T extends ApiType>(cluster: string, api: new (...args: never[]) => T): T {
  return kubeConfigFor(cluster).makeApiClient(api as never) as T;
}

export function clusterNames(): string[] {
  return getConfig().clusters.map((c) => c.name);
}

/** Rejects after `ms` with a timeout error naming what was waited for. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
