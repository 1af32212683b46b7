import 'server-only';
import type { Appender } from '../types';
import { boxes } from './boxes';
import { clusterStatus } from './cluster-status';
import { crossCluster } from './cross-cluster';
import { deadNodes } from './dead-nodes';
import { health } from './health';
import { idle } from './idle';
import { istioConfig } from './istio-config';
import { mcs } from './mcs';
import { responseTime } from './response-time';
import { security } from './security';
import { sidecar } from './sidecar';
import { telemetryState } from './telemetry-state';
import { traffic } from './traffic';

/**
 * The pipeline, in order. Every appender reads what the ones before it produced, never after:
 *  1. traffic       creates the telemetry nodes and edges and decides the reporter dedup that the
 *                   edge appenders reuse. Edges are final after it: nobody else adds edges.
 *  2. idle          adds inventory-only nodes (or the whole inventory when Prometheus is down).
 *                   The node set is final after it, so every decorator below sees idle nodes too.
 *  3. responseTime  latency onto existing edges (traffic's edges and dedup).
 *  4. security      mTLS share/principals onto existing edges, mTLS mode onto the final nodes.
 *  5. crossCluster  compares the clusters of each edge's two nodes.
 *  6. mcs           exported/imported/clusterSetHost on service nodes; before istioConfig, which
 *                   resolves clusterset hosts through the service nodes.
 *  7. istioConfig   VirtualService/DestinationRule badges on service and external nodes.
 *  8. sidecar       missingSidecar on workload/app nodes.
 *  9. deadNodes     dead on workload/app/service nodes.
 * 10. health        needs the final traffic of nodes and edges and the final node set.
 * 11. boxes         needs the final node set: a box for every node's cluster/namespace.
 * 12. clusterStatus summarizes the build (cluster status, warnings); changes no node.
 * 13. telemetryState last: each cluster's telemetry state onto clusterStatus' list, and why an
 *                   empty graph is empty (needs the final node set and the cluster list).
 */
export const APPENDERS: readonly Appender[] = [
  traffic,
  idle,
  responseTime,
  security,
  crossCluster,
  mcs,
  istioConfig,
  sidecar,
  deadNodes,
  health,
  boxes,
  clusterStatus,
  telemetryState,
];

export type AppenderName = (typeof APPENDERS)[number]['name'];
