import { afterEach, describe, expect, it } from 'vitest';
import { setConfig, type MeridianConfig } from '@/server/config';
import { clustersWithoutPrometheus, prometheusTargets } from './targets';

const base = { auth: { strategy: 'anonymous' as const }, readOnly: false, source: 'test' };
const prom = (url: string, timeoutSeconds = 10) => ({ url, clusterLabel: 'cluster', timeoutSeconds });

afterEach(() => setConfig(undefined));

describe('prometheusTargets', () => {
  it('gives each cluster its own Prometheus, without a cluster filter', () => {
    const cfg: MeridianConfig = {
      ...base,
      clusters: [
        { name: 'a', prometheus: prom('http://pa:9090', 5) },
        { name: 'b', prometheus: prom('http://pb:9090') },
        { name: 'c' },
      ],
    };
    setConfig(cfg);
    expect(prometheusTargets(['b', 'a', 'c'])).toEqual([
      { target: { url: 'http://pb:9090', timeoutMs: 10_000, name: 'b' }, clusters: ['b'], global: false },
      { target: { url: 'http://pa:9090', timeoutMs: 5_000, name: 'a' }, clusters: ['a'], global: false },
    ]);
    expect(clustersWithoutPrometheus(['a', 'b', 'c'])).toEqual(['c']);
  });

  it('batches every cluster of a global Prometheus into one target filtered by its label', () => {
    setConfig({
      ...base,
      prometheus: { url: 'http://thanos:9090', clusterLabel: 'k8s_cluster', timeoutSeconds: 30 },
      clusters: [{ name: 'a' }, { name: 'b', prometheus: prom('http://pb:9090') }, { name: 'c' }],
    });
    expect(prometheusTargets(['a', 'b', 'c'])).toEqual([
      { target: { url: 'http://thanos:9090', timeoutMs: 30_000, clusterLabel: 'k8s_cluster', name: 'global' }, clusters: ['a', 'c'], global: true },
      { target: { url: 'http://pb:9090', timeoutMs: 10_000, name: 'b' }, clusters: ['b'], global: false },
    ]);
    expect(prometheusTargets(['c'])).toHaveLength(1);
    expect(clustersWithoutPrometheus(['a', 'b', 'c'])).toEqual([]);
  });

  it('merges clusters that name the same Prometheus and then filters by label', () => {
    setConfig({ ...base, clusters: [{ name: 'a', prometheus: prom('http://p:9090') }, { name: 'b', prometheus: prom('http://p:9090') }] });
    expect(prometheusTargets(['a', 'b'])).toEqual([
      { target: { url: 'http://p:9090', timeoutMs: 10_000, clusterLabel: 'cluster', name: 'a,b' }, clusters: ['a', 'b'], global: false },
    ]);
  });
});
