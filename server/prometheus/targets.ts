import 'server-only';
import { getConfig } from '@/server/config';
import type { PromTarget } from './client';

// Which Prometheus answers for which clusters. A cluster's own Prometheus (clusters[].prometheus)
// wins; the others share the global one (config.prometheus: Prometheus, Thanos Query or Mimir), whose
// series carry the cluster in `clusterLabel`. Clusters are grouped by target URL so that one batched
// set of queries runs per Prometheus, not per cluster.

export interface TargetGroup {
  target: PromTarget;
  /** The selected clusters this target serves, in the order they were asked for. */
  clusters: string[];
  /** A shared Prometheus: filter queries by `target.clusterLabel`. */
  global: boolean;
}

/**
 * Targets for the selected clusters (unknown names are ignored; validate them before). A cluster
 * with its own Prometheus gets a target without clusterLabel (everything in it is that cluster's),
 * unless several clusters name the same URL: then they share one target filtered by its label.
 */
export function prometheusTargets(clusters: string[]): TargetGroup[] {
  const cfg = getConfig();
  const groups = new Map<string, TargetGroup>();
  for (const name of clusters) {
    const own = cfg.clusters.find((c) => c.name === name)?.prometheus;
    const prom = own ?? cfg.prometheus;
    if (!prom) continue;
    const global = !own;
    const key = `${global ? 'global' : 'own'} ${prom.url}`;
    const group = groups.get(key);
    if (group) {
      if (!group.clusters.includes(name)) group.clusters.push(name);
      if (!global) group.target = { ...group.target, clusterLabel: prom.clusterLabel, name: group.clusters.join(',') };
      continue;
    }
    groups.set(key, {
      target: {
        url: prom.url,
        timeoutMs: prom.timeoutSeconds * 1000,
        ...(global ? { clusterLabel: prom.clusterLabel } : {}),
        name: global ? 'global' : name,
      },
      clusters: [name],
      global,
    });
  }
  return [...groups.values()];
}

/** The selected clusters that have no Prometheus at all (no own and no global one). */
export function clustersWithoutPrometheus(clusters: string[]): string[] {
  const cfg = getConfig();
  if (cfg.prometheus) return [];
  return clusters.filter((name) => !cfg.clusters.find((c) => c.name === name)?.prometheus);
}
