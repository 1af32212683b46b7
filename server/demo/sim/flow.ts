import 'server-only';
import type { DemoClusterName } from '../types';
import type { LabelSet } from './labels';
import type { Outcome } from './outcomes';

// A Flow is the steady traffic of one caller to one destination workload (or to an unknown or
// external destination) along one route: its rate, the outcomes its caller sees and the labelled
// series each reporting proxy adds them to. The plan is a list of flows; ticks sample them.

export type Protocol = 'http' | 'grpc' | 'tcp';

export interface ReportedOutcome extends Outcome {
  labels: LabelSet;
}

export interface Report {
  /** The cluster whose registry receives the series. */
  cluster: DemoClusterName;
  /** For reporter=destination: requests it sees per request of the caller (retries add some). */
  perRequest: number;
  outcomes: ReportedOutcome[];
}

export interface FlowEdge {
  sourceCluster: string;
  sourceNamespace: string;
  sourceWorkload: string;
  destinationCluster: string;
  destinationNamespace: string;
  destinationWorkload: string;
  /** destination_service as reported (FQDN). */
  destinationService: string;
  protocol: Protocol;
  crossCluster: boolean;
  mtls: boolean;
}

export interface Flow {
  edge: FlowEdge;
  /** Requests (http/grpc) or connections (tcp) per second issued by the caller. */
  rate: number;
  /** The cluster whose proxies' configuration decided this flow (for proxy-stale). */
  configCluster: string;
  /** Outcomes as the caller experiences them (for the snapshot, whoever reports). */
  view: Outcome[];
  source?: Report;
  destination?: Report;
  /** TCP: bytes per connection sent back by the server (0 when the connection fails). */
  tcpBytes?: number;
}
