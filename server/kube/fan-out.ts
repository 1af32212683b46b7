import 'server-only';
import type { MultiCluster } from '@/lib/api/multi-cluster';
import { fromKubeError } from '@/server/http/errors';

/** Runs `read` for every cluster in parallel and gathers items and per-cluster errors together. */
export async function fanOut<T>(clusters: string[], read: (cluster: string) => Promise<T[]>): Promise<MultiCluster<T>> {
  const results = await Promise.allSettled(clusters.map(read));
  const out: MultiCluster<T> = { items: [], errorsByCluster: {} };
  results.forEach((r, i) => {
    const cluster = clusters[i] as string;
    if (r.status === 'fulfilled') out.items.push(...r.value);
    else out.errorsByCluster[cluster] = fromKubeError(r.reason, cluster).message;
  });
  return out;
}
