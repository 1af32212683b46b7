import 'server-only';

// Istio's standard metric labels, in Istio's order. Unknown values are the string "unknown" (Istio's
// convention); grpc_response_status is empty for non-gRPC requests, as Istio emits it, and
// connection_security_policy is only known to the destination's proxy.

export const HTTP_LABELS = [
  'reporter',
  'source_cluster',
  'source_workload',
  'source_workload_namespace',
  'source_canonical_service',
  'source_canonical_revision',
  'source_principal',
  'source_app',
  'source_version',
  'destination_cluster',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_workload',
  'destination_workload_namespace',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_principal',
  'destination_app',
  'destination_version',
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
  'connection_security_policy',
] as const;

/** TCP metrics carry the same labels except the per-request response ones. */
export const TCP_LABELS = HTTP_LABELS.filter((l) => l !== 'response_code' && l !== 'grpc_response_status');

export type LabelName = (typeof HTTP_LABELS)[number];
export type LabelSet = Partial<Record<LabelName, string>>;

export const UNKNOWN = 'unknown';

/** One side of a hop as Istio labels it. */
export interface Peer {
  cluster: string;
  workload: string;
  namespace: string;
  canonicalService: string;
  canonicalRevision: string;
  app: string;
  version: string;
  /** The SPIFFE id, used only when the hop is mTLS. */
  principal: string;
}

export const UNKNOWN_PEER: Peer = {
  cluster: UNKNOWN,
  workload: UNKNOWN,
  namespace: UNKNOWN,
  canonicalService: UNKNOWN,
  canonicalRevision: UNKNOWN,
  app: UNKNOWN,
  version: UNKNOWN,
  principal: UNKNOWN,
};

export interface DestinationService {
  host: string;
  name: string;
  namespace: string;
}

export function hopLabels(opts: {
  reporter: 'source' | 'destination';
  source: Peer;
  destination: Peer;
  service: DestinationService;
  protocol: string;
  mtls: boolean;
  flags: string;
  code?: number;
  grpcStatus?: string;
}): LabelSet {
  const { source: s, destination: d, mtls } = opts;
  const labels: LabelSet = {
    reporter: opts.reporter,
    source_cluster: s.cluster,
    source_workload: s.workload,
    source_workload_namespace: s.namespace,
    source_canonical_service: s.canonicalService,
    source_canonical_revision: s.canonicalRevision,
    source_principal: mtls ? s.principal : UNKNOWN,
    source_app: s.app,
    source_version: s.version,
    destination_cluster: d.cluster,
    destination_service: opts.service.host,
    destination_service_name: opts.service.name,
    destination_service_namespace: opts.service.namespace,
    destination_workload: d.workload,
    destination_workload_namespace: d.namespace,
    destination_canonical_service: d.canonicalService,
    destination_canonical_revision: d.canonicalRevision,
    destination_principal: mtls ? d.principal : UNKNOWN,
    destination_app: d.app,
    destination_version: d.version,
    request_protocol: opts.protocol,
    response_flags: opts.flags,
    // Istio fills the policy in destination reports only ("unknown" when the source reports).
    connection_security_policy: opts.reporter === 'source' ? UNKNOWN : mtls ? 'mutual_tls' : 'none',
  };
  if (opts.code !== undefined) {
    labels.response_code = String(opts.code);
    labels.grpc_response_status = opts.grpcStatus ?? '';
  }
  return labels;
}

/** A stable key of a label set over the given label names. */
export function labelKey(labels: LabelSet, names: readonly LabelName[]): string {
  return names.map((n) => labels[n] ?? '').join('\u0001');
}
