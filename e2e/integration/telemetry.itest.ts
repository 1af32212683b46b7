import { afterAll, describe, expect, it } from 'vitest';
import { clustersResponseSchema } from '@/lib/clusters';
import { graphSchema } from '@/lib/graph/types';
import { meshResponseSchema } from '@/lib/mesh';
import type { ClusterTelemetry } from '@/lib/telemetry';
import { eventually, promQuery, scenario, stack } from '../support/stack';

// Issue "tell the truth about telemetry": each cluster's telemetry state as /api/graph, /api/clusters
// and /api/mesh carry it, against the demo's real Prometheus (its `up` series and targets API),
// healthy and during the telemetry-outage scenario. Prints how long detection and recovery took.

const CLUSTERS = ['ap-south', 'eu-west', 'us-east'];

async function getJson<T>(path: string, parse: (v: unknown) => T): Promise<T> {
  const res = await fetch(`${stack().consoleUrl}${path}`);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return parse(await res.json());
}

async function graphStates(): Promise<Record<string, ClusterTelemetry | undefined>> {
  const g = await getJson('/api/graph?duration=1m&graphType=workload', (v) => graphSchema.parse(v));
  return Object.fromEntries(g.clusters.map((c) => [c.cluster, c.telemetryState]));
}

const verdicts = (s: Record<string, ClusterTelemetry | undefined>) => CLUSTERS.map((c) => s[c]?.verdict);

describe('telemetry state on the demo stack', () => {
  afterAll(async () => {
    await scenario('telemetry-outage', 'stop').catch(() => {});
  });

  it('every cluster: Prometheus reachable, Istio series current, its mesh target up', async () => {
    const states = await eventually('every cluster ok', async () => {
      const s = await graphStates();
      return verdicts(s).every((v) => v === 'ok') ? s : undefined;
    });
    for (const c of CLUSTERS) {
      expect(states[c]).toMatchObject({ verdict: 'ok', prometheus: 'reachable', requestSeries: true, targets: { source: 'up-series', up: 1, down: 0 } });
      expect(states[c]?.newestSampleAgeSeconds).toBeLessThanOrEqual(60);
    }
  });

  it('telemetry-outage on eu-west: missing, its mesh target down with the scrape error, eu-west only, on every route; clears after', async () => {
    const interval = stack().scrape.intervalS;
    const started = Date.now();
    await scenario('telemetry-outage', 'start', { cluster: 'eu-west' });
    try {
      const states = await eventually(
        'eu-west missing in /api/graph',
        async () => {
          const s = await graphStates();
          return s['eu-west']?.verdict === 'missing' && s['eu-west'].targets?.down === 1 ? s : undefined;
        },
        60_000,
        250,
      );
      console.log(`[telemetry] eu-west "missing" in /api/graph ${Date.now() - started} ms after the outage started (scrape interval ${interval} s, caches 5 s)`);
      const west = states['eu-west']!;
      expect(west).toMatchObject({ prometheus: 'reachable', requestSeries: false, tcpSeries: false, targets: { source: 'targets-api', up: 0, down: 1 } });
      expect(west.summary).toMatch(/^no Istio telemetry for \d+ s$/);
      expect(west.targets?.errors[0]?.error).toMatch(/context deadline exceeded/);
      expect(west.reason).toContain('1 of 1 mesh targets down');
      expect([states['us-east']?.verdict, states['ap-south']?.verdict]).toEqual(['ok', 'ok']);

      // The same state on /api/clusters and /api/mesh (one computation, shared).
      const clusters = await getJson('/api/clusters', (v) => clustersResponseSchema.parse(v));
      expect(clusters.items.map((c) => [c.name, c.telemetry?.verdict]).sort()).toEqual([['ap-south', 'ok'], ['eu-west', 'missing'], ['us-east', 'ok']]);
      const mesh = await getJson('/api/mesh?clusters=eu-west,us-east', (v) => meshResponseSchema.parse(v));
      expect(mesh.clusters.find((c) => c.name === 'eu-west')?.telemetry?.verdict).toBe('missing');

      // What Prometheus itself says.
      expect((await promQuery('up{job="mesh-eu-west"}'))[0]?.value).toBe(0);
    } finally {
      await scenario('telemetry-outage', 'stop');
    }
    const stopped = Date.now();
    await eventually(
      'every cluster ok again',
      async () => (verdicts(await graphStates()).every((v) => v === 'ok') ? true : undefined),
      60_000,
      250,
    );
    console.log(`[telemetry] every cluster "ok" in /api/graph ${Date.now() - stopped} ms after the outage stopped`);
  });
});
