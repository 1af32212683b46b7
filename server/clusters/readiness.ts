import 'server-only';
import { getConfig } from '@/server/config';
import { clusterCacheStates } from '@/server/kube/informers';

export interface Readiness {
  ready: boolean;
  checks: { name: string; ok: boolean; message: string }[];
}

/**
 * Ready once the configuration is loaded and every cluster's cache has either synced or failed
 * with a reason (a dead cluster must not keep the console from serving the others).
 */
export function readiness(): Readiness {
  let clusters: number;
  let source: string;
  try {
    const cfg = getConfig();
    clusters = cfg.clusters.length;
    source = cfg.source;
  } catch (e) {
    return { ready: false, checks: [{ name: 'config', ok: false, message: (e as Error).message }] };
  }
  const checks = [{ name: 'config', ok: true, message: `${clusters} cluster(s) from ${source}` }];
  for (const s of clusterCacheStates()) {
    checks.push({
      name: `cache:${s.cluster}`,
      ok: s.state !== 'syncing',
      message: s.error ? `${s.state}: ${s.error}` : s.state,
    });
  }
  return { ready: checks.every((c) => c.ok), checks };
}
