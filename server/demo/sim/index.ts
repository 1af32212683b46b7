import 'server-only';
import type { ScenarioState } from '../scenarios';
import type { ClusterStoreView, DemoClusterName, StoreChange } from '../types';
import { warnOnce, type Warn } from './annotations';
import { Engine } from './engine';
import type { Flow } from './flow';
import { ClusterMetrics } from './metrics';
import { buildPlan } from './plan';
import { snapshotOf, type SimSnapshot } from './snapshot';
import { buildTopology } from './topology';

// The traffic simulation of the demo mesh: reads the clusters' stores, plans the flows (recomputed
// ~200 ms after any store or scenario change), ticks them into Istio's standard metrics, one
// prom-client Registry per cluster.

export interface SimulationOptions {
  views: Partial<Record<DemoClusterName, ClusterStoreView>>;
  scenarios: ScenarioState;
  /** Tick period (default 1000 ms). */
  tickMs?: number;
  /** Random source (default Math.random); pass seededRandom(n) for reproducible runs. */
  random?: () => number;
  /** Delay between a change and the re-plan (default 200 ms). */
  debounceMs?: number;
  /** Where warnings (bad annotations, planning failures) go (default console.warn); each is said once. */
  warn?: Warn;
}

export interface Simulation {
  start(): void;
  stop(): void;
  /** Prometheus text exposition of one cluster's proxies. */
  metrics(cluster: DemoClusterName): Promise<string>;
  contentType: string;
  /** Expected per-edge traffic of the current plan. */
  snapshot(): SimSnapshot;
  /** Runs one tick now (tests and tools); dtSeconds defaults to the tick period. */
  tick(dtSeconds?: number): void;
  /** Re-plans now instead of after the debounce (tests and tools). */
  refresh(): void;
}

/** The kinds the plan is computed from: changes of other kinds (Events, ConfigMaps...) do not re-plan. */
const PLANNED_KINDS = new Set([
  'Deployment',
  'Pod',
  'Service',
  'EndpointSlice',
  'ServiceExport',
  'ServiceImport',
  'VirtualService',
  'DestinationRule',
  'PeerAuthentication',
  'ServiceEntry',
]);

export function createSimulation(options: SimulationOptions): Simulation {
  const tickMs = options.tickMs ?? 1000;
  const debounceMs = options.debounceMs ?? 200;
  const random = options.random ?? Math.random;
  const warn = warnOnce(options.warn ?? ((message) => console.warn(message)));
  const clusters = Object.keys(options.views) as DemoClusterName[];
  const metrics = Object.fromEntries(clusters.map((c) => [c, new ClusterMetrics()])) as Record<DemoClusterName, ClusterMetrics>;
  const engine = new Engine(metrics, random);

  let flows: Flow[] = [];
  let plannedAt = 0;
  let snapshot: SimSnapshot | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let lastTick = 0;
  let unsubscribe: (() => void)[] = [];

  const refresh = () => {
    if (pending) clearTimeout(pending);
    pending = undefined;
    try {
      const topology = buildTopology(options.views, warn);
      flows = buildPlan({ topology, scenarios: options.scenarios }, flows);
      plannedAt = Date.now();
      snapshot = undefined;
      engine.setPlan(flows);
    } catch (err) {
      warn(`demo sim: planning failed, keeping the previous traffic: ${(err as Error).stack ?? String(err)}`);
    }
  };
  const schedule = () => {
    if (!pending) {
      pending = setTimeout(refresh, debounceMs);
      pending.unref?.();
    }
  };
  const onStoreChange = (change: StoreChange) => {
    if (PLANNED_KINDS.has(change.object.kind)) schedule();
  };
  const tick = (dtSeconds = tickMs / 1000) => engine.tick(dtSeconds);

  refresh();

  return {
    start() {
      if (ticker) return;
      unsubscribe = [
        ...Object.values(options.views).flatMap((v) => (v ? [v.onChange(onStoreChange)] : [])),
        options.scenarios.onChange(schedule),
      ];
      refresh();
      lastTick = Date.now();
      ticker = setInterval(() => {
        const now = Date.now();
        const dt = Math.min(Math.max(now - lastTick, 0), tickMs * 10) / 1000;
        lastTick = now;
        tick(dt);
      }, tickMs);
      ticker.unref?.();
    },
    stop() {
      if (ticker) clearInterval(ticker);
      if (pending) clearTimeout(pending);
      ticker = pending = undefined;
      for (const off of unsubscribe) off();
      unsubscribe = [];
    },
    metrics: (cluster) => metrics[cluster].registry.metrics(),
    contentType: (metrics[clusters[0] ?? 'us-east'] ?? new ClusterMetrics()).registry.contentType,
    snapshot: () => (snapshot ??= snapshotOf(flows, plannedAt)),
    tick,
    refresh,
  };
}

export { seededRandom } from './random';
export { ISTIO_DURATION_BUCKETS } from './metrics';
export { JASON_SHARE } from './routing';
export type { SimSnapshot, SnapshotEdge } from './snapshot';
