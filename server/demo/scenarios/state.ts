import 'server-only';
import type { DemoClusterName } from '../types';
import {
  SCENARIO_CATALOG,
  SCENARIO_NAMES,
  isScenarioName,
  parseScenarioOptions,
  type ScenarioName,
  type ScenarioOptions,
} from './catalog';

// Pure state of the failure scenarios (no HTTP: main.ts mounts it on the control port). The traffic
// simulation and the istiod endpoints ask it questions through the query methods below.

export interface ScenarioInfo {
  name: ScenarioName;
  description: string;
  active: boolean;
  /** The active options, or the defaults when inactive. */
  options: Record<string, unknown>;
  /** Epoch ms of the last start, when active. */
  startedAt?: number;
}

/** One edge of the traffic, as the latency-spike scenario matches it. */
export interface EdgeRef {
  sourceCluster: string;
  sourceWorkload: string;
  /** The caller's app / canonical service (sourceWorkload matches either). */
  sourceApp?: string;
  destinationCluster: string;
  destinationService: string;
  destinationWorkload: string;
}

export interface ScenarioState {
  list(): ScenarioInfo[];
  /** Starts (or restarts with new options) a scenario; throws on an unknown name or bad options. */
  start(name: string, options?: unknown): ScenarioInfo;
  /** Stops a scenario (no-op when inactive); throws on an unknown name. */
  stop(name: string): ScenarioInfo;
  /** Called after every start/stop. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Called when a cluster becomes unreachable (cut off) or reachable again. Returns an unsubscribe function. */
  onClusterReachability(listener: (cluster: DemoClusterName, reachable: boolean) => void): () => void;
  /** True while the cluster-cut-off scenario isolates this cluster. */
  isCutOff(cluster: string): boolean;
  /**
   * Extra milliseconds the latency-spike scenario adds on this edge (0 when none). The scenario's
   * sourceWorkload matches the caller's workload or app name, destinationService the destination's
   * Service or workload name.
   */
  latencySpikeMs(edge: EdgeRef): number;
  /** The error-burst 5xx rate of the workloads behind Service namespace/name in cluster, if any. */
  errorBurstRate(cluster: string, namespace: string, service: string): number | undefined;
  /** Epoch milliseconds at which the cluster's root certificate expires under cert-expiry, else undefined. */
  certExpiresAt(cluster: string): number | undefined;
  /** True while the proxy-stale scenario holds this cluster's sidecars on old configuration. */
  staleProxies(cluster: string): boolean;
  /** How the cluster's metrics endpoint fails under telemetry-outage ('hang' or 'error'), else undefined. */
  metricsOutage(cluster: string): 'hang' | 'error' | undefined;
}

interface Active {
  options: Record<string, unknown>;
  startedAt: number;
}

export function createScenarioState(clock: { now(): number } = Date): ScenarioState {
  const active = new Map<ScenarioName, Active>();
  const changeListeners = new Set<() => void>();
  const reachListeners = new Set<(cluster: DemoClusterName, reachable: boolean) => void>();

  const requireName = (name: string): ScenarioName => {
    if (!isScenarioName(name)) {
      throw new Error(`Unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(', ')})`);
    }
    return name;
  };
  const optionsOf = <N extends ScenarioName>(name: N): ScenarioOptions<N> | undefined =>
    active.get(name)?.options as ScenarioOptions<N> | undefined;
  const cutOffCluster = (): DemoClusterName | undefined => optionsOf('cluster-cut-off')?.cluster;
  const info = (name: ScenarioName): ScenarioInfo => {
    const entry = active.get(name);
    return {
      name,
      description: SCENARIO_CATALOG[name].description,
      active: entry !== undefined,
      options: entry?.options ?? parseScenarioOptions(name, {}),
      ...(entry ? { startedAt: entry.startedAt } : {}),
    };
  };
  const notify = (cutBefore: DemoClusterName | undefined) => {
    const cutAfter = cutOffCluster();
    if (cutBefore !== cutAfter) {
      for (const listener of reachListeners) {
        if (cutBefore) listener(cutBefore, true);
        if (cutAfter) listener(cutAfter, false);
      }
    }
    for (const listener of changeListeners) listener();
  };

  return {
    list: () => SCENARIO_NAMES.map(info),
    start(rawName, rawOptions) {
      const name = requireName(rawName);
      const options = parseScenarioOptions(name, rawOptions) as Record<string, unknown>;
      const cutBefore = cutOffCluster();
      active.set(name, { options, startedAt: clock.now() });
      notify(cutBefore);
      return info(name);
    },
    stop(rawName) {
      const name = requireName(rawName);
      if (active.has(name)) {
        const cutBefore = cutOffCluster();
        active.delete(name);
        notify(cutBefore);
      }
      return info(name);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => void changeListeners.delete(listener);
    },
    onClusterReachability(listener) {
      reachListeners.add(listener);
      return () => void reachListeners.delete(listener);
    },
    isCutOff: (cluster) => cutOffCluster() === cluster,
    latencySpikeMs(edge) {
      const o = optionsOf('latency-spike');
      if (!o) return 0;
      const matches =
        o.sourceCluster === edge.sourceCluster &&
        (o.sourceWorkload === edge.sourceWorkload || o.sourceWorkload === edge.sourceApp) &&
        o.destinationCluster === edge.destinationCluster &&
        (o.destinationService === edge.destinationService || o.destinationService === edge.destinationWorkload);
      return matches ? o.extraMs : 0;
    },
    errorBurstRate(cluster, namespace, service) {
      const o = optionsOf('error-burst');
      if (!o || o.cluster !== cluster) return undefined;
      const [first, second] = o.service.split('/');
      const matches = second === undefined ? first === service : first === namespace && second === service;
      return matches ? o.rate : undefined;
    },
    certExpiresAt(cluster) {
      const entry = active.get('cert-expiry');
      const o = optionsOf('cert-expiry');
      if (!entry || !o || o.cluster !== cluster) return undefined;
      return entry.startedAt + o.inDays * 86_400_000;
    },
    staleProxies: (cluster) => optionsOf('proxy-stale')?.cluster === cluster,
    metricsOutage(cluster) {
      const o = optionsOf('telemetry-outage');
      return o?.cluster === cluster ? o.mode : undefined;
    },
  };
}
