import 'server-only';
import type { ClusterGraphStatus, Graph, GraphBox, GraphEdge, GraphNode, GraphType } from '@/lib/graph/types';
import type { Thresholds } from '@/lib/health';
import type { InventorySnapshot } from '@/lib/inventory/types';
import type { ClusterTelemetry } from '@/lib/telemetry';
import type { InventoryIndex } from './inventory';
import type { PathResolver, ReporterChoice } from './series';

/** The instant queries of one graph request (one batch per Prometheus, never one per namespace). */
export const QUERY_NAMES = [
  'requests',
  'tcp',
  'latencyP50',
  'latencyP95',
  'latencyP99',
  'latencySum',
  'latencyCount',
  'principals',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** One series of an instant vector. */
export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

/** What the queries returned. A failed query has an entry in `errors` and no samples. */
export interface Telemetry {
  samples: Record<QueryName, PromSample[]>;
  errors: Partial<Record<QueryName, string>>;
}

export interface GraphOptions {
  graphType: GraphType;
  /** Selected clusters; empty = all. */
  clusters: string[];
  /** Selected namespaces; empty = all. */
  namespaces: string[];
  /** Window, seconds. */
  duration: number;
  /** Unix seconds. */
  queryTime: number;
  /** Add inventory nodes that had no traffic (marked idle). */
  idle: boolean;
  thresholds?: {
    serverError?: Partial<Thresholds['serverError']>;
    clientError?: Partial<Thresholds['clientError']>;
  };
}

export interface BuildGraphInput {
  inventory: InventorySnapshot;
  /** undefined = Prometheus down: the graph is inventory-only. */
  telemetry: Telemetry | undefined;
  /** Per cluster (or per Prometheus name) telemetry failures, shown in cluster status / warnings. */
  telemetryErrors?: Record<string, string>;
  options: GraphOptions;
  /** Error-level validation findings about one Istio object (default: none): badges.configErrors. */
  configErrors?: (cluster: string, kind: string, namespace: string | undefined, name: string) => number;
  /** Per cluster, the state of its telemetry (server/telemetry); absent: not known. */
  telemetryStates?: ReadonlyMap<string, ClusterTelemetry>;
}

/** The graph while appenders work on it: maps by id; build.ts turns it into a sorted Graph. */
export interface WorkGraph {
  graphType: GraphType;
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  boxes: Map<string, GraphBox>;
  clusters: ClusterGraphStatus[];
  warnings: string[];
  empty?: Graph['empty'];
}

/** Which (cluster, namespace) pairs the request selected. */
export interface Scope {
  selected(cluster: string, namespace: string): boolean;
}

export interface AppenderContext {
  options: GraphOptions;
  thresholds: Thresholds;
  inventory: InventoryIndex;
  /** Usable telemetry (undefined when Prometheus is down or the requests query failed). */
  telemetry: Telemetry | undefined;
  /** The query errors of the telemetry, even when unusable. */
  queryErrors: Partial<Record<QueryName, string>>;
  telemetryErrors: Record<string, string>;
  scope: Scope;
  /** Series labels -> node path, memoized per identity for the whole build. */
  resolver: PathResolver;
  /** Reporter deduplication, decided by the traffic appender and reused by the appenders after it. */
  reporters?: { requests: ReporterChoice; tcp: ReporterChoice };
  configErrors?: BuildGraphInput['configErrors'];
  telemetryStates?: BuildGraphInput['telemetryStates'];
}

export interface Appender {
  readonly name: string;
  append(graph: WorkGraph, ctx: AppenderContext): void;
}

export type { Graph };
